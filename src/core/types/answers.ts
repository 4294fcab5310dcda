// What retrieval returns: answers, excerpts and their citations, search pages, and the options
// that shape them (chunks → answer).
import type { Chunk, PageNumbering } from './documents.js';

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
  /** Pages the excerpt spans, as the document numbers them (paged documents only). */
  pages?: CitedPages;
  /** The page holding the answering sentence, in the same numbering (paged documents only). */
  page?: string;
}

export interface CitedPages {
  start: string;
  end: string;
  numbering: PageNumbering;
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

/**
 * How far the documents answer a question: `answered` (excerpts that answer), `related` (passages
 * on the topic, shown without claiming an answer), `not-found` (nothing worth showing).
 */
export type AnswerStatus = 'answered' | 'related' | 'not-found';

export interface Answer {
  question: string;
  status: AnswerStatus;
  /** The answerability model's probability that the documents answer (0..1). */
  confidence: number;
  /** status === 'answered': the corpus holds the answer. Otherwise the product says so instead of guessing. */
  answered: boolean;
  /** The cited excerpts (empty when not answered). Citation numbers run 1..n in order. */
  excerpts: Excerpt[];
  /** When `related`: the closest passages, offered as related only (empty otherwise). */
  related: Excerpt[];
  /** Index of the first excerpt in the full ranking (for "more passages" paging). */
  offset: number;
  /** True when more ranked passages exist beyond this page. */
  hasMore: boolean;
  /**
   * A follow-up answered in the context of the conversation: the earlier question that supplied
   * its subject (AskOptions.context). Absent when the question stood on its own.
   */
  contextQuestion?: string;
  timings: StageTimings;
  /** The collections searched, when the question was limited to some (`AskOptions.collections`); absent: all documents. */
  scope?: string[];
}

/** Lookup mode: ranked passages without answer selection. */
export interface SearchPage {
  query: string;
  docId?: string;
  offset: number;
  limit: number;
  total: number;
  hits: Excerpt[];
  /** The collections searched, when limited to some (`SearchOptions.collections`). */
  scope?: string[];
}

export interface AskOptions {
  /** Skip this many ranked passages (paging: "more passages"). */
  offset?: number;
  /** Excerpts per answer; at most 3 by default. */
  limit?: number;
  /** Only passages of documents in these collections (corpus sub-folders); absent or empty: every document. */
  collections?: readonly string[];
  /**
   * Earlier questions of the conversation, oldest first (newest last). A follow-up that leans on
   * them ("and when was it founded?") is answered with their key terms merged in, its own words
   * weighing more; a question that stands on its own is answered exactly as without them.
   */
  context?: string[];
}

export interface MoreLikeThisOptions {
  /** Only passages of documents in these collections (the answer's scope); absent or empty: every document. */
  collections?: readonly string[];
}

/** "More like this": passages of other documents close to one passage (`Excerpt.chunkId`). */
export interface RelatedPassages {
  chunkId: string;
  /** The passage's document: the listed passages all come from other documents. */
  docId: string;
  title: string;
  /** One passage per document, closest first; empty when nothing else is alike. */
  hits: Excerpt[];
}

export interface SearchOptions {
  docId?: string;
  offset?: number;
  limit?: number;
  /** Only passages of documents in these collections (corpus sub-folders); absent or empty: every document. */
  collections?: readonly string[];
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
  rank(question: string, mode: RetrievalMode, limit?: number, options?: Pick<AskOptions, 'context'>): Promise<RankedChunk[]>;
  askWith(mode: RetrievalMode, question: string, options?: AskOptions): Promise<Answer>;
  embedQuery(text: string): Promise<Float32Array>;
}
