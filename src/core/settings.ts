// Every tuning number of the engine, named once, with its unit and the reason for its value.
// Modules take the part they need as a parameter; nothing below `core/` hard-codes a threshold.
// Figures quoted here come from `npm run eval` (README, "Quality") and `npm run bench`.
import { ANSWERABILITY_MODEL } from './answer/answerability-model.js';
import type { AnswerSettings, AnswerabilitySettings, ChunkerSettings, DocumentLimits, EmbeddingSettings, EngineSettings, FollowUpSettings, FusionSettings, HnswSettings, LexicalSettings, MoreLikeThisSettings, RetrievalSettings, SearchSettings, StudySettings, WatchSettings } from './settings-types.js';

export type * from './settings-types.js';

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
// from 0.25 keeps false refusals under 5 % (4.7 %) while refusing 97 % of off-topic questions
// and 24 % of same-topic unanswerable ones (from 0.27 false refusals pass 5 %);
// below 0.1 almost no answerable question falls (0.6 %), so "not found" is said with confidence.
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
