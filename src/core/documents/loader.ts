// The seam for document formats: one loader module per format, sharing one contract. A loader
// turns a file's bytes into a CleanDocument, or gives one plain reason it cannot. The registry
// (registry.ts) picks the loader by extension and checks the content's signature, so a PNG
// renamed `.pdf` is refused by what it is, not by what it is called.
import type { DocumentLimits } from '../settings.js';
import type { CleanDocument } from '../types.js';

export interface LoaderInput {
  /** The document id: the path relative to the corpus folder, with forward slashes. */
  id: string;
  bytes: Uint8Array;
  /** sha256 of `bytes`: the incremental index is keyed by it. */
  contentHash: string;
  /** Limits on what reading may cost (default: DEFAULT_DOCUMENT_LIMITS). */
  limits?: DocumentLimits;
}

/**
 * A document, possibly with a warning (read only in part: a PDF cut at the page limit), or the
 * one plain reason the file cannot be read.
 */
export type LoadOutcome = { ok: true; document: CleanDocument; warning?: string } | { ok: false; reason: string };

export interface DocumentLoader {
  /** Short format name, for logs and the document list ("text", "markdown", "pdf"). */
  readonly format: string;
  /** Lower-case file extensions with the dot. */
  readonly extensions: readonly string[];
  /** Largest file this loader reads, in bytes (from DocumentLimits.maxBytes). */
  readonly maxBytes: number;
  /**
   * True when the first bytes are this format's signature (magic number). Formats without one
   * (plain text) leave it out and are recognised by extension alone.
   */
  sniff?(head: Uint8Array): boolean;
  /** Never throws for a problem the file itself causes: that is `{ ok: false, reason }`. */
  load(input: LoaderInput): Promise<LoadOutcome>;
}
