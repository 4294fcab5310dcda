// A shard's copy of the service's catalogue (document list and paragraphs) for one index
// generation. The AnswerEngine methods that list documents and show passages are synchronous
// (the bot calls them while building a reply), so a shard answers them from this copy instead of
// a round trip; it holds the corpus text once per shard, never the model or the index.
import { matchDocuments, paragraphWindow } from '../core/catalogue.js';
import { readingWindow } from '../core/reading.js';
import type { CitedPages, DocumentSummary, IndexStatus, PageRange, Paragraph, PassageView } from '../core/types.js';
import type { CatalogueSnapshot } from './protocol.js';

export class CatalogueReplica {
  readonly generation: string;
  readonly status: IndexStatus;
  private readonly summaries: DocumentSummary[];
  private readonly paragraphsById: Map<string, Paragraph[]>;
  private readonly summaryById: Map<string, DocumentSummary>;
  private readonly pageLabelsById: Map<string, Record<number, string>>;
  private readonly chunkCount: number;

  constructor(snapshot: CatalogueSnapshot) {
    this.generation = snapshot.generation;
    this.status = snapshot.status;
    this.chunkCount = snapshot.chunks;
    this.summaries = snapshot.documents.map((d) => d.summary);
    this.summaryById = new Map(this.summaries.map((s) => [s.id, s]));
    this.paragraphsById = new Map(snapshot.documents.map((d) => [d.summary.id, d.paragraphs]));
    this.pageLabelsById = new Map(snapshot.documents.flatMap((d) => (d.pageLabels ? [[d.summary.id, d.pageLabels] as const] : [])));
  }

  documents(): DocumentSummary[] {
    return [...this.summaries];
  }

  findDocuments(text: string, limit: number): DocumentSummary[] {
    return matchDocuments(this.summaries, text, limit);
  }

  passage(docId: string, paragraph = 1, context = 1): PassageView | undefined {
    const summary = this.summaryById.get(docId);
    const paragraphs = this.paragraphsById.get(docId) ?? [];
    const window = summary ? paragraphWindow(paragraphs, paragraph, context) : undefined;
    return summary && window ? { document: summary, ...window, ...this.pagesOf(docId, paragraphs[window.focus - 1]?.pages) } : undefined;
  }

  /** One reading turn, cited as the service's catalogue cites it (printed labels when the PDF has them). */
  readingPage(docId: string, paragraph: number): PassageView | undefined {
    const summary = this.summaryById.get(docId);
    const paragraphs = this.paragraphsById.get(docId) ?? [];
    const window = summary ? readingWindow(paragraphs, paragraph) : undefined;
    return summary && window ? { document: summary, ...window, ...this.pagesOf(docId, paragraphs[window.focus - 1]?.pages) } : undefined;
  }

  private pagesOf(docId: string, range: PageRange | undefined): { pages?: CitedPages } {
    if (!range) return {};
    const labels = this.pageLabelsById.get(docId);
    const name = (page: number) => labels?.[page] ?? String(page);
    return { pages: { start: name(range.start), end: name(range.end), numbering: labels ? 'label' : 'physical' } };
  }

  stats(): { documents: number; chunks: number } {
    return { documents: this.summaries.length, chunks: this.chunkCount };
  }
}
