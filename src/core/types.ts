// Shared, platform-neutral types: the data that flows files → chunks → vectors → index → answer.
// Nothing here knows about Discord or the terminal; adapters render these objects.
// The data types live in types/ by stage; this file re-exports them and defines the facade.
export type * from './types/answers.js';
export type * from './types/corpus.js';
export type * from './types/documents.js';
import type { Answer, AskOptions, MoreLikeThisOptions, RelatedPassages, SearchOptions, SearchPage } from './types/answers.js';
import type { AddDocumentOptions, AddedDocument, DocumentSummary, IndexStatus, IndexSummary, PassageView, ProgressEvent, RemovedDocument } from './types/corpus.js';

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
