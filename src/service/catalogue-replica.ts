// A shard's copy of the service's catalogue (document list and paragraphs) for one index
// generation. The AnswerEngine methods that list documents and show passages are synchronous
// (the bot calls them while building a reply), so a shard answers them from this copy instead of
// a round trip; it holds the corpus text once per shard, never the model or the index.
import { matchDocuments, paragraphWindow } from '../core/catalogue.js';
import { readingWindow } from '../core/reading.js';
import type { DocumentSummary, IndexStatus, Paragraph, PassageView } from '../core/types.js';
import type { CatalogueSnapshot } from './protocol.js';

export class CatalogueReplica {
  readonly generation: string;
  readonly status: IndexStatus;
  private readonly summaries: DocumentSummary[];
  private readonly paragraphsById: Map<string, Paragraph[]>;
  private readonly summaryById: Map<string, DocumentSummary>;
  private readonly chunkCount: number;

  constructor(snapshot: CatalogueSnapshot) {
    this.generation = snapshot.generation;
    this.status = snapshot.status;
    this.chunkCount = snapshot.chunks;
    this.summaries = snapshot.documents.map((d) => d.summary);
    this.summaryById = new Map(this.summaries.map((s) => [s.id, s]));
    this.paragraphsById = new Map(snapshot.documents.map((d) => [d.summary.id, d.paragraphs]));
  }

  documents(): DocumentSummary[] {
    return [...this.summaries];
  }

  findDocuments(text: string, limit: number): DocumentSummary[] {
    return matchDocuments(this.summaries, text, limit);
  }

  passage(docId: string, paragraph = 1, context = 1): PassageView | undefined {
    const summary = this.summaryById.get(docId);
    const window = summary ? paragraphWindow(this.paragraphsById.get(docId) ?? [], paragraph, context) : undefined;
    return summary && window ? { document: summary, ...window } : undefined;
  }

  /** Reading turns from the copy: pages by their physical numbers (the PDF's printed labels stay at the service). */
  readingPage(docId: string, paragraph: number): PassageView | undefined {
    const summary = this.summaryById.get(docId);
    const window = summary ? readingWindow(this.paragraphsById.get(docId) ?? [], paragraph) : undefined;
    if (!summary || !window) return undefined;
    const range = window.paragraphs[0]?.pages;
    return { document: summary, ...window, ...(range ? { pages: { start: String(range.start), end: String(range.end), numbering: 'physical' as const } } : {}) };
  }

  stats(): { documents: number; chunks: number } {
    return { documents: this.summaries.length, chunks: this.chunkCount };
  }
}
