// The corpus as the adapters see it: document summaries, uploads and removals, passage views,
// and the index's builds and status.
import type { DocumentMeta, Paragraph } from './documents.js';
import type { CitedPages } from './answers.js';

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
