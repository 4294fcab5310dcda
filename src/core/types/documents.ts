// The data a document becomes: its metadata, pages, paragraphs and chunks (files → chunks).
import type { Language } from '../text/language.js';

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
  /** The loader's format name ("text", "markdown", "pdf", "html", "docx", "epub", "man", "info", "rst"). */
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
