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

export interface EngineSettings {
  chunker: ChunkerSettings;
  hnsw: HnswSettings;
  lexical: LexicalSettings;
  retrieval: RetrievalSettings;
  answerability: AnswerabilitySettings;
  answer: AnswerSettings;
  search: SearchSettings;
  embedding: EmbeddingSettings;
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

export const DEFAULT_SETTINGS: EngineSettings = {
  chunker: DEFAULT_CHUNKER,
  hnsw: DEFAULT_HNSW,
  lexical: DEFAULT_LEXICAL,
  retrieval: DEFAULT_RETRIEVAL,
  answerability: DEFAULT_ANSWERABILITY,
  answer: DEFAULT_ANSWER,
  search: DEFAULT_SEARCH,
  embedding: DEFAULT_EMBEDDING,
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
