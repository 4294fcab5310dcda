// A ranked hit → the excerpt an adapter renders: the chunk's verbatim text, the sentences that
// answer marked, and its citation, including the paragraph (and, in a PDF, the page) that holds
// the answering sentence.
import { type Catalogue, paragraphAt } from '../catalogue.js';
import { citedPages, pageAt, pageName } from '../documents/pages.js';
import type { IndexData } from '../index/generations.js';
import type { FusedHit } from '../retrieval/fuse.js';
import type { AnalyzedQuery } from '../retrieval/query.js';
import type { AnswerSettings } from '../settings.js';
import type { Excerpt } from '../types.js';
import { selectHighlights } from './highlights.js';

export function toExcerpt(
  index: IndexData,
  catalogue: Catalogue,
  hit: FusedHit,
  query: AnalyzedQuery,
  n: number,
  settings: AnswerSettings,
  withHighlights = true,
): Excerpt {
  const chunk = index.chunks[hit.label];
  if (!chunk) throw new Error(`chunk ${hit.label} missing from the index`);
  const doc = catalogue.document(chunk.docId);
  const highlights = withHighlights ? selectHighlights(chunk, query, settings.highlightNeighbourShare, hit.evidence?.sentence, index.chunkTerms.sentences(hit.label)) : [];
  const focusOffset = chunk.charStart + (highlights[0]?.start ?? 0);
  const paragraph = doc ? Math.min(chunk.paragraphEnd, Math.max(chunk.paragraphStart, paragraphAt(doc, focusOffset))) : chunk.paragraphStart;
  return {
    citation: {
      n,
      docId: chunk.docId,
      title: doc?.title ?? chunk.docId,
      ...(doc?.date ? { date: doc.date } : {}),
      ...(doc?.source ? { source: doc.source } : {}),
      ...(doc?.url ? { url: doc.url } : {}),
      paragraphStart: chunk.paragraphStart,
      paragraphEnd: chunk.paragraphEnd,
      paragraph,
      // The chunk's page span, and the page of the answering sentence ("pp. 12–13", answer on 13).
      ...(doc?.pageMap && chunk.pages ? { pages: citedPages(doc.pageMap, chunk.pages), page: pageName(doc.pageMap, pageAt(doc.pageMap, focusOffset)) } : {}),
    },
    chunkId: chunk.id,
    text: chunk.text,
    highlights,
    score: hit.score,
  };
}
