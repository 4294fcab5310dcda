// Every tuning number of the engine, named once, with its unit and the reason for its value.
// Modules take the part they need as a parameter; nothing below `core/` hard-codes a threshold.
// Figures quoted here come from `npm run eval` (README, "Quality") and `npm run bench`.

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
  /** Weight of the lexical side, 0..1; the dense side gets the rest. */
  lexicalWeight: number;
  /** Cosine at or below which a dense hit adds nothing (MiniLM gives unrelated text ~0.1–0.2). */
  denseFloor: number;
}

export interface RetrievalSettings {
  /** Candidates taken from each side (BM25, HNSW) before fusion. */
  candidates: number;
  fusion: FusionSettings;
}

export interface AnswerabilitySettings {
  /** Answer when the idf-weighted share of question terms in a passage reaches this (0..1)… */
  minCoverage: number;
  /** …and its cosine reaches this. */
  minCosine: number;
  /** Answer on meaning alone when the cosine reaches this (paraphrases with no shared words). */
  strongCosine: number;
  /** Top hits checked: the best passage by fusion is not always the one that answers. */
  checkDepth: number;
}

export interface AnswerSettings {
  /** Excerpts in one answer page. */
  excerpts: number;
  /** Most excerpts a caller may ask for in one page. */
  maxExcerpts: number;
  /** "Possibly related" passages shown when the question is not answered. */
  related: number;
  /** A passage is offered as related only when its cosine reaches this, or… */
  relatedMinCosine: number;
  /** …its lexical score (BM25 share × coverage, 0..1) exceeds this. */
  relatedMinLexical: number;
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

export interface EmbeddingSettings {
  /** Texts per model call while indexing. */
  batchSize: number;
  /** Question vectors kept (LRU): repeats, "more passages" pages and retries cost no model call. */
  queryCacheEntries: number;
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
  study: StudySettings;
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

// Chosen on the dev and own sets: equal weights beat 0.3/0.7 either way; 40 candidates per side
// reach passage@3 = 1.0 where 20 did not.
export const DEFAULT_FUSION: FusionSettings = { lexicalWeight: 0.5, denseFloor: 0.15 };
export const DEFAULT_RETRIEVAL: RetrievalSettings = { candidates: 40, fusion: DEFAULT_FUSION };

// Fitted on 128 questions over two corpora: keeps false refusals near 5 %; off-topic questions
// are refused reliably, same-topic ones about half the time.
export const DEFAULT_ANSWERABILITY: AnswerabilitySettings = { minCoverage: 0.4, minCosine: 0.1, strongCosine: 0.5, checkDepth: 3 };

export const DEFAULT_ANSWER: AnswerSettings = {
  // Three excerpts fit one Discord embed with room for their citations.
  excerpts: 3,
  maxExcerpts: 10,
  related: 2,
  // Below these a passage only shares stop-word-level overlap with the question: not worth offering.
  relatedMinCosine: 0.25,
  relatedMinLexical: 0.5,
  // Answers often run over two sentences; a neighbour nearly as good as the best is part of it.
  highlightNeighbourShare: 0.85,
};

export const DEFAULT_SEARCH: SearchSettings = { pageSize: 5, maxPageSize: 10, minCosine: 0.2 };

export const DEFAULT_EMBEDDING: EmbeddingSettings = {
  // ONNX Runtime's Node binding runs a batch on the main thread, blocking it: 32 chunks of 256
  // tokens took 2.2 s on a 2-core machine, long enough for a bot answering during a /reindex to
  // miss Discord's 3 s window. Batches of 8 block for about a quarter of that at the same
  // throughput (16 vs 15 texts/s; bench "experiments" measures 4/8/16/32).
  batchSize: 8,
  // A few minutes of distinct questions on a busy server; 512 × 384 floats is 0.8 MB.
  queryCacheEntries: 512,
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
  study: DEFAULT_STUDY,
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
