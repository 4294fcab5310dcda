// Shared, platform-neutral types: the data that flows files → chunks → vectors → index → answer.
// Nothing here knows about Discord or the terminal; adapters render these objects.
import type { Language } from './text/language.js';

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
  /** The loader's format name ("text", "markdown", "pdf", "html", "docx", "epub"). */
  format?: string;
}

/** Physical pages of a paged document (PDF), 1-based, first to last inclusive. */
export interface PageRange {
  start: number;
  end: number;
}

/** How pages are cited: the PDF's own printed labels ("iv", "12"), or the page's position in the file. */
export type PageNumbering = 'label' | 'physical';

/** Where each page's text begins in a paged document's cleaned text. */
export interface PageMap {
  /** Offsets in the cleaned text where a page's text begins, ascending; `pages[i]` begins at `starts[i]`. */
  starts: number[];
  pages: number[];
  /** Printed page labels by physical page (index = page − 1), when the PDF defines them. */
  labels?: string[];
  /** Pages in the file, and pages read (fewer when the page limit cut the document). */
  total: number;
  read: number;
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
  /** Pages the paragraph's text comes from (paged documents only). */
  pages?: PageRange;
}

export interface CleanDocument extends DocumentMeta {
  /** Cleaned text: paragraphs joined by a blank line. Excerpts quote this verbatim. */
  text: string;
  /** How its words are analysed: English (stemmed) or another language (as written). */
  language: Language;
  paragraphs: Paragraph[];
  /** sha256 of the raw file bytes: the incremental index is keyed by it. */
  contentHash: string;
  /** Page boundaries (paged documents only). */
  pageMap?: PageMap;
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
  /** Pages the chunk's text spans (paged documents only): a chunk across a page break spans two. */
  pages?: PageRange;
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

export interface DocumentSummary extends DocumentMeta {
  /** The corpus sub-folder it lies in (its id's first segment); absent for a file at the top. */
  collection?: string;
  /** Pages indexed (paged documents only). */
  pages?: number;
  /** sha256 of the file's bytes: tells a saved passage whether its document changed since. */
  contentHash?: string;
  chunks: number;
  paragraphs: number;
  characters: number;
  /** ISO time this content was first indexed (its generation's build time when older indexes did not say). */
  indexedAt?: string;
  /** Who added it and when, for documents added through `addDocument` (uploads). */
  origin?: DocumentOrigin;
}

/** The person who added a document, as the adapter that took the upload names them. */
export interface DocumentAuthor {
  /** Stable id on the platform (a Discord user id). */
  id: string;
  /** Display name at the time (a Discord tag). */
  name: string;
}

export interface DocumentOrigin {
  addedBy: DocumentAuthor;
  /** ISO 8601 time of the upload. */
  addedAt: string;
  /** Where it came from: 'discord', 'terminal', … */
  via: string;
  /** sha256 of the uploaded bytes. */
  contentHash: string;
}

export interface AddDocumentOptions {
  /** Replace a document of the same name (default: refuse with `document-exists`). */
  overwrite?: boolean;
  addedBy?: DocumentAuthor;
  via?: string;
}

/** A document added and indexed: answers can quote it from now on. */
export interface AddedDocument {
  docId: string;
  title: string;
  /** Passages (chunks) it gave. */
  passages: number;
  /** True when it replaced an existing file of the same name. */
  replaced: boolean;
  summary: IndexSummary;
}

export interface RemovedDocument {
  docId: string;
  title: string;
  /** Passages that left the index with it. */
  passages: number;
  summary: IndexSummary;
}

/** A paragraph and its neighbours, to follow a citation. */
export interface PassageView {
  document: DocumentSummary;
  /** The requested paragraph first-to-last, with `context` neighbours either side. */
  paragraphs: Paragraph[];
  focus: number;
  /** The focus paragraph's pages as cited (paged documents only). */
  pages?: CitedPages;
  /** Reading turns (readingPage): where the previous and the next turn begin (absent at either end). */
  previous?: number;
  next?: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** Documents a build changed, by id, against the generation before it. */
export interface DocumentChanges {
  added: string[];
  changed: string[];
  removed: string[];
  /** Same content under a new name (its vectors are reused). */
  renamed: Array<{ from: string; to: string }>;
}

export interface IndexSummary {
  documents: number;
  chunks: number;
  embedded: number;
  reused: number;
  skipped: SkippedFile[];
  /** Files indexed only in part (a PDF cut at the page limit), with the reason. */
  warnings?: SkippedFile[];
  removedDocuments: number;
  seconds: number;
  /** Why the build happened: 'missing', 'stale: …', 'corrupt: …', 'requested'. */
  reason: string;
  /** What changed against the previous generation (absent when there was none to compare with). */
  changes?: DocumentChanges;
}

/** The live index, for status pages. */
export interface IndexStatus {
  /** ISO time the live generation was built. */
  builtAt: string;
  buildSeconds: number;
  documents: number;
  chunks: number;
  /** Files the build skipped (unreadable, unsupported). */
  skipped: number;
  model: string;
  vectorBackend: string;
  schemaVersion: number;
  /** A rebuild is running or queued. */
  rebuilding: boolean;
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

export type {
  QuizItem, QuizKind, QuizMode, QuizOptions, QuizResult, QuizUnavailable, BlankType, DailyPassage, DailyPassageOptions, AnswerJudgement,
} from './study/types.js';
import type { DailyPassage, DailyPassageOptions, QuizItem, QuizMode, QuizOptions, QuizResult } from './study/types.js';

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
  /** One reading turn holding `paragraph`: a PDF's whole page, otherwise the paragraph alone. */
  readingPage(docId: string, paragraph: number): PassageView | undefined;
  reindex(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary>;
  /**
   * Writes a document into the corpus folder (name sanitised, content checked by the loaders,
   * atomic, never replacing a file unless `overwrite`), rebuilds, and says what it gave. Problems
   * with the file are UserErrors (`document-*` codes); nothing is written for them.
   */
  addDocument(fileName: string, bytes: Uint8Array, options?: AddDocumentOptions): Promise<AddedDocument>;
  /** Deletes a document's file from the corpus and rebuilds; `document-not-found` when it is not indexed. */
  removeDocument(docId: string): Promise<RemovedDocument>;
  /** Corpus size for status lines. */
  stats(): { documents: number; chunks: number };
  /** The live generation: when and how it was built, and whether a rebuild is under way. */
  indexStatus(): IndexStatus;
  /** The question's embedding (unit length), as retrieval computes it: grouping similar questions. */
  embedQuery(text: string): Promise<Float32Array>;
  /** Passages of other documents like the given one (`Excerpt.chunkId`); undefined when that passage is no longer indexed. */
  moreLikeThis(chunkId: string, options?: MoreLikeThisOptions): Promise<RelatedPassages | undefined>;

  // ---- study (core/study): drawn from a candidate table built once per index generation ----
  /** Quiz items (verbatim sentences with a blank, cited); deterministic for a seed. */
  quiz(options: QuizOptions): Promise<QuizResult>;
  /** Up to `count` items from one paragraph (the passage of the day's discussion). */
  passageQuiz(docId: string, paragraph: number, options: { count: number; mode: QuizMode; seed: number }): Promise<QuizItem[]>;
  /** A substantive passage not in `exclude` (all of them again once the corpus is covered); undefined when the corpus has none. */
  dailyPassage(options: DailyPassageOptions): Promise<DailyPassage | undefined>;
}
