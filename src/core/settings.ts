// Every tuning number of the engine, named once, with its unit and the reason for its value.
// Modules take the part they need as a parameter; nothing below `core/` hard-codes a threshold.
// Figures quoted here come from `npm run eval` (README, "Quality") and `npm run bench`.
import { ANSWERABILITY_MODEL } from './answer/answerability-model.js';
import type { AnswerabilityModel } from './answer/answerability.js';

export interface ChunkerSettings {
  /** Hard limit for the embedded text (context prefix + chunk), in model tokens incl. special tokens. */
  maxTokens: number;
  /** Short paragraphs of one section are packed together up to this size, in model tokens. */
  targetTokens: number;
  /** Sentences repeated between consecutive windows of one long paragraph. */
  overlapSentences: number;
}

export interface HnswSettings {
  /** Graph degree: higher → better recall, more memory. */
  m: number;
  /** Candidate list size while building the graph. */
  efConstruction: number;
  /** Candidate list size at query time (raised to k when smaller). */
  efSearch: number;
}

export interface LexicalSettings {
  /** BM25 weight of each field of a chunk; the chunk's own words count most. */
  fieldBoost: { text: number; heading: number; title: number };
  /** MiniSearch's BM25+ parameters: term-frequency saturation k, length normalisation b, floor d. */
  bm25: { k: number; b: number; d: number };
  /** Words at least this long (in characters) also match at edit distance 1 (typos). */
  fuzzyMinLength: number;
  /** Share of an exact match's weight that a fuzzy or a prefix match gets. */
  fuzzyWeight: number;
  prefixWeight: number;
  /** Weight of an acronym expansion's terms relative to the question's own. */
  expansionWeight: number;
}

export interface FusionSettings {
  /** Weights of a candidate's evidence (retrieval/evidence.ts); they sum to 1. */
  weights: {
    /** BM25 (max-normalised) × coverage: strong and specific lexical matches. */
    lexical: number;
    /** Coverage alone: share of the question's idf-weighted terms in the passage and its context. */
    coverage: number;
    /** Coverage by the best single sentence: the question's words close together. */
    window: number;
    /** Rescaled cosine of the passage, and of its closest sentence. */
    cosine: number;
    sentenceCosine: number;
    /** The best sentence holds the kind of answer the question expects (a date for "when"…). */
    answerType: number;
  };
  /** Cosine at or below which a dense hit adds nothing (MiniLM gives unrelated text ~0.1–0.2). */
  denseFloor: number;
  /** Candidates whose best sentence is read for the expected answer type (the rest cannot move into the top). */
  answerTypeDepth: number;
}

export interface RetrievalSettings {
  /** Candidates taken from each side (BM25, HNSW) before fusion. */
  candidates: number;
  fusion: FusionSettings;
}

export interface AnswerabilitySettings {
  /** The fitted model (answer/answerability-model.ts). */
  model: AnswerabilityModel;
  /** Answered when the model's probability reaches this; related passages only from `relatedMin`; not found below. */
  answeredMin: number;
  relatedMin: number;
}

export interface AnswerSettings {
  /** Excerpts in one answer page. */
  excerpts: number;
  /** Most excerpts a caller may ask for in one page. */
  maxExcerpts: number;
  /** "Possibly related" passages shown when the question is not answered. */
  related: number;

  /** A neighbour sentence is marked with the best one when it scores at least this share of it. */
  highlightNeighbourShare: number;
}

export interface SearchSettings {
  /** Hits in one search page, and the most a caller may ask for. */
  pageSize: number;
  maxPageSize: number;
  /** A hit without any shared term is listed only when its cosine reaches this. */
  minCosine: number;
}

/** Follow-up questions answered in the context of the earlier question(s) of a conversation. */
export interface FollowUpSettings {
  /** BM25 weight of the earlier question's key terms relative to the follow-up's own (MiniSearch query boost). */
  lexicalWeight: number;
  /** Share of their idf an earlier question's key terms count with in coverage (the follow-up's own count fully). */
  coverageWeight: number;
  /** Weight of the earlier question's vector added to the follow-up's before re-normalising. */
  denseWeight: number;
  /** Key terms taken from the earlier question(s): the rarest first. */
  maxContextTerms: number;
  /** Earlier questions looked back through, newest first, until one stands on its own. */
  maxContextQuestions: number;
}

/** "More like this": passages of other documents close to an answer's passage. */
export interface MoreLikeThisSettings {
  /** Passages listed (one per document). */
  limit: number;
  /** The passage's rarest terms used as its lexical query. */
  lexicalTerms: number;
  /** Candidates taken from each side before fusion. */
  candidates: number;
  /** Weights of the rescaled cosine and the max-normalised BM25 of the passage's rare terms; they sum to 1. */
  weights: { cosine: number; lexical: number };
  /** Cosine at or below which a passage is not "like" the answer's at all. */
  minCosine: number;
}

export interface EmbeddingSettings {
  /** Texts per model call while indexing. */
  batchSize: number;
  /** Question vectors kept (LRU): repeats, "more passages" pages and retries cost no model call. */
  queryCacheEntries: number;
  /** Questions waiting for the model together run as one model call of at most this many. */
  maxQueryBatch: number;
  /** True when the model reads every language; false (the default English model): only English passages get dense evidence. */
  multilingual: boolean;
}

export interface WatchSettings {
  /** Quiet time after the last change to the corpus folder before rebuilding, in ms. */
  debounceMs: number;
  /** Longest a rebuild waits behind changes that keep coming (a long copy), in ms from the first. */
  maxDelayMs: number;
}

/** What one document may cost to read: beyond these a file is skipped (or cut) with one warning. */
export interface DocumentLimits {
  /** Largest file read, per loader format, in bytes. */
  maxBytes: { text: number; markdown: number; pdf: number; html: number; docx: number; epub: number };
  /** PDF pages read; a longer PDF is indexed up to here, with a warning naming the file. */
  maxPdfPages: number;
  /** Entries a DOCX/EPUB archive may hold. */
  maxZipEntries: number;
  /** Bytes a DOCX/EPUB may inflate to, all entries together (counted while inflating). */
  maxInflatedBytes: number;
}

export interface StudySettings {
  /** A quiz sentence has at least / at most this many words: shorter ones carry too little context, longer ones read badly as a prompt. */
  sentenceMinWords: number;
  sentenceMaxWords: number;
  /** A substantive paragraph (passage of the day, quiz source) has at least this many words and sentences… */
  paragraphMinWords: number;
  paragraphMinSentences: number;
  /** …and at most this share of capitalised words (more is a list of names or a heading run). */
  paragraphMaxCapitalisedShare: number;
  /** Common-noun blanks need at least this many letters (shorter nouns are everyday words). */
  termMinChars: number;
  /** A name or term found in more than this share of the documents is common knowledge here, not a test. */
  maxDocumentShare: number;
  /** A name or term in more than this share of its own document's sentences is the topic itself: too easy to guess. */
  maxSentenceShare: number;
  /** Weight of each kind of blank when choosing a sentence's blank (numbers and dates are exact, terms the loosest). */
  typeWeights: { number: number; date: number; name: number; term: number };
  /** Factor on sentences that open with a pronoun ("It", "They"): they lean on the sentence before. */
  dependentSentenceFactor: number;
  /** Choices of a multiple-choice item, the answer included. */
  choices: number;
  /** Number distractors lie within this factor of the answer (near in size). */
  numberRatio: number;
  /** Most items in one quiz. */
  maxItems: number;
  /** Paragraphs analysed between two yields to the event loop while the candidate table is built. */
  buildBatchParagraphs: number;
}

export interface EngineSettings {
  chunker: ChunkerSettings;
  hnsw: HnswSettings;
  lexical: LexicalSettings;
  retrieval: RetrievalSettings;
  answerability: AnswerabilitySettings;
  answer: AnswerSettings;
  search: SearchSettings;
  embedding: EmbeddingSettings;
  watch: WatchSettings;
  study: StudySettings;
  followUp: FollowUpSettings;
  moreLikeThis: MoreLikeThisSettings;
}

// Measured on three question sets: ~220-token passages (≈ 1000 characters) beat paragraph-sized
// ones on passage@1 and still read as one excerpt; 256 is the model's training length.
export const DEFAULT_CHUNKER: ChunkerSettings = { maxTokens: 256, targetTokens: 220, overlapSentences: 1 };

// recall@10 = 1.000 at 100k vectors with these (BENCHMARKS.md, ANN); efSearch 50 loses nothing
// either, 100 leaves headroom for larger corpora at 0.7 ms per query.
export const DEFAULT_HNSW: HnswSettings = { m: 16, efConstruction: 200, efSearch: 100 };

export const DEFAULT_LEXICAL: LexicalSettings = {
  // Titles and headings repeat across a document's chunks; weighted fully they would drown the text.
  fieldBoost: { text: 1, heading: 0.4, title: 0.3 },
  // MiniSearch's defaults, which are the textbook BM25 values.
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  // Short words at distance 1 are other words ("cat"/"car"); from 6 letters on they are typos.
  fuzzyMinLength: 6,
  fuzzyWeight: 0.35,
  prefixWeight: 0.3,
  expansionWeight: 0.5,
};

// Weights fitted by coordinate ascent on passage@1 + 0.3·MRR over the development split of all
// development corpora together (news, corpus-b, encyclopedia, FAQ, legal, manual, languages):
// `npm run eval -- --suite test/eval/corpora --fit`; held-out splits are only reported (README).
// 40 candidates per side reach passage@3 = 1.0 on the first corpus where 20 did not.
export const DEFAULT_FUSION: FusionSettings = {
  weights: { lexical: 0.174, coverage: 0.209, window: 0.017, cosine: 0.33, sentenceCosine: 0.243, answerType: 0.026 },
  denseFloor: 0.15,
  answerTypeDepth: 10,
};
export const DEFAULT_RETRIEVAL: RetrievalSettings = { candidates: 40, fusion: DEFAULT_FUSION };

// Thresholds read off the trade-off curve of the development questions (README, "Saying not
// found"; `npm run eval -- --suite test/eval/corpora --fit-answerability --plot FILE`): answered
// from 0.25 keeps false refusals under 5 % (4.4 %) while refusing 96 % of off-topic questions;
// below 0.1 almost no answerable question falls (0.4 %), so "not found" is said with confidence.
export const DEFAULT_ANSWERABILITY: AnswerabilitySettings = { model: ANSWERABILITY_MODEL, answeredMin: 0.25, relatedMin: 0.1 };

export const DEFAULT_ANSWER: AnswerSettings = {
  // Three excerpts fit one Discord embed with room for their citations.
  excerpts: 3,
  maxExcerpts: 10,
  related: 2,
  // Answers often run over two sentences; a neighbour nearly as good as the best is part of it.
  highlightNeighbourShare: 0.85,
};

// The follow-up's own words dominate: context terms count at half weight in BM25 and at a quarter
// of their idf in coverage, so a passage matching the follow-up beats one matching only the
// earlier question; the earlier question's vector adds at 0.3, enough to pull "when was it
// founded?" towards its subject. Chosen on the dev split of test/eval/followups.jsonl (56
// follow-ups; passage@1 hits: dense 0.2 or 0.3 → 51, 0.4 or 0.5 → 50, 0.8 → 48; lexical 0.3–0.8
// with coverage 0.15–0.5 → no change; 2, 4 or 6 key terms → 51, 51, 50). README "Conversations";
// the held-out split is only reported.
export const DEFAULT_FOLLOW_UP: FollowUpSettings = { lexicalWeight: 0.5, coverageWeight: 0.25, denseWeight: 0.3, maxContextTerms: 4, maxContextQuestions: 3 };

// Three other documents fit one embed beside the source line; 12 rare terms describe a ~220-token
// passage's topic without its filler words; cosine leads because it reads the passage as a whole.
export const DEFAULT_MORE_LIKE_THIS: MoreLikeThisSettings = { limit: 3, lexicalTerms: 12, candidates: 40, weights: { cosine: 0.7, lexical: 0.3 }, minCosine: 0.2 };

export const DEFAULT_SEARCH: SearchSettings = { pageSize: 5, maxPageSize: 10, minCosine: 0.2 };

export const DEFAULT_EMBEDDING: EmbeddingSettings = {
  // ONNX Runtime's Node binding runs a batch synchronously on the thread that calls it: the
  // embedding worker (embed/embed-worker.mjs), so the main thread no longer stalls, but a question
  // asked during a /reindex still waits behind the batch being embedded. 32 chunks of 256 tokens
  // took 2.2 s on a 2-core machine; batches of 8 take about a quarter of that at the same
  // throughput (16 vs 15 texts/s; bench "experiments" measures 4/8/16/32).
  batchSize: 8,
  // A few minutes of distinct questions on a busy server; 512 × 384 floats is 0.8 MB.
  queryCacheEntries: 512,
  // Questions are short (10-30 tokens): 16 pad to little, and one call for 16 costs less than 16
  // calls (bench "experiments": one batched embed vs one embedOne after another).
  maxQueryBatch: 16,
  // all-MiniLM-L6-v2 was trained on English only (EMBEDDING_MULTILINGUAL switches this for another model).
  multilingual: false,
};

// Saving in an editor, unpacking an archive or copying a folder is a burst of events a few ms
// apart: half a second of quiet gathers a burst of 100 files into one rebuild and costs little
// next to the rebuild itself (embedding ~15 passages/s on 2 cores). A copy that keeps a file
// growing for longer than 10 s is indexed once in between, then again when it is complete.
export const DEFAULT_WATCH: WatchSettings = { debounceMs: 500, maxDelayMs: 10_000 };
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxBytes: {
    // Text beyond 64 MB is a log or a dump, not prose meant to be quoted.
    text: 64 * 1024 * 1024,
    markdown: 64 * 1024 * 1024,
    // Scanned books and image-heavy slides reach hundreds of MB with little text; 100 MB holds any
    // text PDF (a 1,000-page book is ~5–20 MB) and bounds pdf.js's memory to ~1–2 GB.
    pdf: 100 * 1024 * 1024,
    // A saved web page; inline images as data: URLs can make a page a few MB.
    html: 20 * 1024 * 1024,
    docx: 50 * 1024 * 1024,
    epub: 100 * 1024 * 1024,
  },
  // A 2,000-page PDF takes a few minutes to read on 2 cores and gives ~20k passages; past that it
  // is a reference work better split into volumes.
  maxPdfPages: 2000,
  // A novel as EPUB has tens to a few hundred entries; a large Word file a few hundred.
  maxZipEntries: 10_000,
  // 500 MB of XML is far past any real book or Word file (a 1,000-page book is ~10 MB of XHTML);
  // a zip bomb inflates to gigabytes from kilobytes and is stopped at this point.
  maxInflatedBytes: 500 * 1024 * 1024,
};

// Chosen on the 100-item review (test/study/quiz-review.md): each rule's effect is measured there.
export const DEFAULT_STUDY: StudySettings = {
  sentenceMinWords: 8,
  sentenceMaxWords: 45,
  paragraphMinWords: 30,
  paragraphMinSentences: 2,
  paragraphMaxCapitalisedShare: 0.45,
  termMinChars: 6,
  maxDocumentShare: 0.8,
  maxSentenceShare: 0.3,
  typeWeights: { number: 1, date: 0.95, name: 0.85, term: 0.6 },
  dependentSentenceFactor: 0.5,
  choices: 4,
  numberRatio: 4,
  maxItems: 10,
  // ~40 ms of tagging per batch: answers keep flowing while a large corpus is analysed.
  buildBatchParagraphs: 40,
};

export const DEFAULT_SETTINGS: EngineSettings = {
  chunker: DEFAULT_CHUNKER,
  hnsw: DEFAULT_HNSW,
  lexical: DEFAULT_LEXICAL,
  retrieval: DEFAULT_RETRIEVAL,
  answerability: DEFAULT_ANSWERABILITY,
  answer: DEFAULT_ANSWER,
  search: DEFAULT_SEARCH,
  embedding: DEFAULT_EMBEDDING,
  watch: DEFAULT_WATCH,
  study: DEFAULT_STUDY,
  followUp: DEFAULT_FOLLOW_UP,
  moreLikeThis: DEFAULT_MORE_LIKE_THIS,
};

/** Settings with some parts replaced: each given part is merged over its default. */
export type SettingsOverrides = { [K in keyof EngineSettings]?: Partial<EngineSettings[K]> };

export function resolveSettings(overrides: SettingsOverrides = {}): EngineSettings {
  const out = { ...DEFAULT_SETTINGS } as Record<keyof EngineSettings, object>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof EngineSettings>) {
    const given = overrides[key];
    if (given) out[key] = { ...DEFAULT_SETTINGS[key], ...given };
  }
  return out as EngineSettings;
}
