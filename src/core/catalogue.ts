// The corpus catalogue of one index generation: documents by id, their summaries, title lookup
// and paragraph views. Rebuilt whenever a new generation goes live.
import { collectionOf } from './documents/collections.js';
import { citedPages } from './documents/pages.js';
import { readingWindow } from './reading.js';
import type { IndexData } from './index/generations.js';
import type { CleanDocument, DocumentSummary, Paragraph, PassageView } from './types.js';

/** How well a document matches a title lookup: prefix beats substring; 0 is no match. */
const MATCH_PREFIX = 3;
const MATCH_SUBSTRING = 2;

export class Catalogue {
  private readonly byId: Map<string, CleanDocument>;
  private readonly chunkCounts = new Map<string, number>();

  constructor(private readonly data: Pick<IndexData, 'documents' | 'chunks'> & { manifest?: Pick<IndexData['manifest'], 'documents' | 'builtAt'> }) {
    this.byId = new Map(data.documents.map((d) => [d.id, d]));
    for (const chunk of data.chunks) this.chunkCounts.set(chunk.docId, (this.chunkCounts.get(chunk.docId) ?? 0) + 1);
  }

  document(id: string): CleanDocument | undefined {
    return this.byId.get(id);
  }

  /** A document whose file has exactly these bytes (its sha256), if any. */
  withContentHash(hash: string): CleanDocument | undefined {
    return this.data.documents.find((doc) => doc.contentHash === hash);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  documents(): DocumentSummary[] {
    return this.data.documents.map((doc) => this.summaryOf(doc));
  }

  /** Documents whose title or id matches `text` (case-insensitive), best first. */
  findDocuments(text: string, limit: number): DocumentSummary[] {
    return matchDocuments(this.data.documents, text, limit).map((doc) => this.summaryOf(doc));
  }

  /** A paragraph (1-based, clamped to the document) with `context` neighbours either side. */
  passage(docId: string, paragraph = 1, context = 1): PassageView | undefined {
    const doc = this.byId.get(docId);
    const window = doc ? paragraphWindow(doc.paragraphs, paragraph, context) : undefined;
    if (!doc || !window) return undefined;
    const range = doc.paragraphs[window.focus - 1]?.pages;
    return { document: this.summaryOf(doc), ...window, ...(doc.pageMap && range ? { pages: citedPages(doc.pageMap, range) } : {}) };
  }

  readingPage(docId: string, paragraph: number): PassageView | undefined {
    const doc = this.byId.get(docId);
    const window = doc ? readingWindow(doc.paragraphs, paragraph) : undefined;
    if (!doc || !window) return undefined;
    const range = doc.paragraphs[window.focus - 1]?.pages;
    return { document: this.summaryOf(doc), ...window, ...(doc.pageMap && range ? { pages: citedPages(doc.pageMap, range) } : {}) };
  }

  stats(): { documents: number; chunks: number } {
    return { documents: this.data.documents.length, chunks: this.data.chunks.length };
  }

  summaryOf(doc: CleanDocument): DocumentSummary {
    const collection = collectionOf(doc.id);
    return {
      id: doc.id,
      title: doc.title,
      ...(collection ? { collection } : {}),
      ...(doc.date ? { date: doc.date } : {}),
      ...(doc.source ? { source: doc.source } : {}),
      ...(doc.author ? { author: doc.author } : {}),
      ...(doc.url ? { url: doc.url } : {}),
      ...(doc.format ? { format: doc.format } : {}),
      ...(doc.pageMap ? { pages: doc.pageMap.read } : {}),
      contentHash: doc.contentHash,
      chunks: this.chunkCounts.get(doc.id) ?? 0,
      paragraphs: doc.paragraphs.length,
      characters: doc.text.length,
      ...(this.data.manifest ? { indexedAt: this.data.manifest.documents[doc.id]?.indexedAt ?? this.data.manifest.builtAt } : {}),
    };
  }
}

/** Documents whose title or id matches `text` (case-insensitive), best first (any catalogue's lookup). */
export function matchDocuments<T extends { id: string; title: string }>(documents: readonly T[], text: string, limit: number): T[] {
  const needle = text.trim().toLowerCase();
  const scored = documents
    .map((doc) => {
      const title = doc.title.toLowerCase();
      const id = doc.id.toLowerCase();
      const score = !needle ? 1 : title.startsWith(needle) || id.startsWith(needle) ? MATCH_PREFIX : title.includes(needle) || id.includes(needle) ? MATCH_SUBSTRING : 0;
      return { doc, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title));
  return scored.slice(0, Math.max(0, limit)).map((s) => s.doc);
}

/** Paragraph `paragraph` (1-based, clamped) with `context` neighbours either side; undefined for none. */
export function paragraphWindow(paragraphs: readonly Paragraph[], paragraph: number, context: number): Pick<PassageView, 'paragraphs' | 'focus'> | undefined {
  if (paragraphs.length === 0) return undefined;
  const focus = Math.min(Math.max(1, Math.floor(paragraph)), paragraphs.length);
  const from = Math.max(1, focus - context);
  const to = Math.min(paragraphs.length, focus + context);
  return { paragraphs: paragraphs.slice(from - 1, to), focus };
}

/** The paragraph (1-based index) holding character `offset` of the cleaned document text. */
export function paragraphAt(doc: Pick<CleanDocument, 'paragraphs'>, offset: number): number {
  const paragraphs = doc.paragraphs;
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((paragraphs[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return paragraphs[lo]?.index ?? 1;
}
