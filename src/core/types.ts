// Shared, platform-neutral types: the data that flows files → chunks → vectors → index → answer.
// Nothing here knows about Discord or the terminal; adapters render these objects.

/** Metadata of one document, extracted by the cleaner (or given in front matter). */
export interface DocumentMeta {
  /** The file name relative to the corpus folder; it is the document id. */
  id: string;
  title: string;
  /** Publication date as ISO `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when only that is known). */
  date?: string;
  /** Source: publisher, wire, dateline place or author, as the document states it. */
  source?: string;
  author?: string;
  url?: string;
}

/** One paragraph of the cleaned text; `index` is 1-based, as people cite paragraphs. */
export interface Paragraph {
  index: number;
  text: string;
  /** Offsets of `text` in the cleaned document text. */
  start: number;
  end: number;
  /** The nearest heading above this paragraph, if any. */
  heading?: string;
  /** True when the paragraph is itself a heading line. */
  isHeading?: boolean;
}

export interface CleanDocument extends DocumentMeta {
  /** Cleaned text: paragraphs joined by a blank line. Excerpts quote this verbatim. */
  text: string;
  paragraphs: Paragraph[];
  /** sha256 of the raw file bytes: the incremental index is keyed by it. */
  contentHash: string;
}

/** A sentence span, offsets relative to the chunk text. */
export interface SentenceSpan {
  start: number;
  end: number;
}

export interface Chunk {
  /** `${docId}#${ordinal}` — stable as long as the document does not change. */
  id: string;
  docId: string;
  ordinal: number;
  /** Verbatim slice of the cleaned document text (paragraphs joined by a blank line). */
  text: string;
  sentences: SentenceSpan[];
  /** First and last paragraph (1-based) the chunk covers. */
  paragraphStart: number;
  paragraphEnd: number;
  /** Offsets in the cleaned document text. */
  charStart: number;
  charEnd: number;
  heading?: string;
  /** Model tokens of the text the embedder sees (always within the model's limit). */
  tokenCount: number;
}

export interface Citation {
  /** 1-based footnote number within one answer. */
  n: number;
  docId: string;
  title: string;
  date?: string;
  source?: string;
  url?: string;
  paragraphStart: number;
  paragraphEnd: number;
  /** The paragraph holding the answering sentence (the first highlight), within start..end. */
  paragraph: number;
}

/** A marked range inside an excerpt: the sentence(s) that best answer the question. */
export interface Highlight {
  start: number;
  end: number;
}

export interface Excerpt {
  citation: Citation;
  chunkId: string;
  /** Verbatim text from the cleaned document. */
  text: string;
  /** Sentences to emphasise, offsets into `text`, sorted, non-overlapping. */
  highlights: Highlight[];
  /** Retrieval score after fusion (higher is better; comparable within one answer only). */
  score: number;
}

export interface StageTimings {
  embedMs: number;
  lexicalMs: number;
  vectorMs: number;
  fuseMs: number;
  composeMs: number;
  totalMs: number;
}

export interface Answer {
  question: string;
  /** False when the corpus does not hold the answer: the product says so instead of guessing. */
  answered: boolean;
  /** The cited excerpts (empty when not answered). Citation numbers run 1..n in order. */
  excerpts: Excerpt[];
  /** When not answered: the closest passages, offered as "possibly related". */
  related: Excerpt[];
  /** Index of the first excerpt in the full ranking (for "more passages" paging). */
  offset: number;
  /** True when more ranked passages exist beyond this page. */
  hasMore: boolean;
  timings: StageTimings;
}

/** Lookup mode: ranked passages without answer selection. */
export interface SearchPage {
  query: string;
  docId?: string;
  offset: number;
  limit: number;
  total: number;
  hits: Excerpt[];
}

export interface DocumentSummary extends DocumentMeta {
  chunks: number;
  paragraphs: number;
  characters: number;
}

/** A paragraph and its neighbours, to follow a citation. */
export interface PassageView {
  document: DocumentSummary;
  /** The requested paragraph first-to-last, with `context` neighbours either side. */
  paragraphs: Paragraph[];
  focus: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface IndexSummary {
  documents: number;
  chunks: number;
  embedded: number;
  reused: number;
  skipped: SkippedFile[];
  removedDocuments: number;
  seconds: number;
  /** Why the build happened: 'missing', 'stale: …', 'corrupt: …', 'requested'. */
  reason: string;
}

/** Progress of long work (index builds), for progress bars or log lines. */
export interface ProgressEvent {
  phase: 'read' | 'embed' | 'write';
  done: number;
  total: number;
}

export interface AskOptions {
  /** Skip this many ranked passages (paging: "more passages"). */
  offset?: number;
  /** Excerpts per answer; at most 3 by default. */
  limit?: number;
}

export interface SearchOptions {
  docId?: string;
  offset?: number;
  limit?: number;
}

export type RetrievalMode = 'bm25' | 'dense' | 'hybrid';

/** A ranked chunk with its fusion components, for evaluation and benchmarks. */
export interface RankedChunk {
  chunk: Chunk;
  score: number;
  lexical: number;
  dense: number;
}

/**
 * What the evaluation and the benchmarks need beyond answering: each retrieval mode's ranking
 * and answer, and the raw question embedding (the benchmark's reference).
 */
export interface RankingEngine {
  rank(question: string, mode: RetrievalMode, limit?: number): Promise<RankedChunk[]>;
  askWith(mode: RetrievalMode, question: string, options?: AskOptions): Promise<Answer>;
  embedQuery(text: string): Promise<Float32Array>;
}

/**
 * The one facade adapters use (Discord, terminal, eval, bench). Implemented by `Engine` in
 * `core/engine.ts`, and over the wire by `RemoteAnswerEngine` (src/service/) in shard processes. Questions keep being answered from the current index while `reindex()` builds
 * the next one; the swap is atomic.
 */
export interface AnswerEngine {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  search(query: string, options?: SearchOptions): Promise<SearchPage>;
  documents(): DocumentSummary[];
  /** Documents whose title or id matches `text` (case-insensitive), best first. */
  findDocuments(text: string, limit: number): DocumentSummary[];
  /** A paragraph (1-based; default the first) with `context` neighbours either side. */
  passage(docId: string, paragraph?: number, context?: number): PassageView | undefined;
  reindex(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary>;
  /** Corpus size for status lines. */
  stats(): { documents: number; chunks: number };
}
