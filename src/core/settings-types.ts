// The shape of EngineSettings, one interface per stage; the values and their reasons are in settings.ts.
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
