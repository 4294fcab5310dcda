// Reading a document in turns: a PDF page by page (the paragraphs that begin on one page), any
// other document paragraph by paragraph. Pure: the engine and a shard's catalogue copy both use it.
import type { Paragraph, PassageView } from './types.js';

export type ReadingWindow = Pick<PassageView, 'paragraphs' | 'focus' | 'previous' | 'next'>;

/** The page a paragraph is read on: the one its text begins on. */
const pageOf = (p: Paragraph | undefined) => p?.pages?.start;

/** The reading turn holding paragraph `paragraph` (1-based, clamped), with where the previous and next turns begin. */
export function readingWindow(paragraphs: readonly Paragraph[], paragraph: number): ReadingWindow | undefined {
  if (paragraphs.length === 0) return undefined;
  const at = Math.min(Math.max(1, Math.floor(paragraph)), paragraphs.length);
  const page = pageOf(paragraphs[at - 1]);
  if (page === undefined) {
    return { paragraphs: paragraphs.slice(at - 1, at), focus: at, ...(at > 1 ? { previous: at - 1 } : {}), ...(at < paragraphs.length ? { next: at + 1 } : {}) };
  }
  let first = at;
  while (first > 1 && pageOf(paragraphs[first - 2]) === page) first--;
  let last = at;
  while (last < paragraphs.length && pageOf(paragraphs[last]) === page) last++;
  let previous = first - 1;
  const previousPage = pageOf(paragraphs[previous - 1]);
  while (previous > 1 && pageOf(paragraphs[previous - 2]) === previousPage) previous--;
  return {
    paragraphs: paragraphs.slice(first - 1, last),
    focus: first,
    ...(first > 1 ? { previous } : {}),
    ...(last < paragraphs.length ? { next: last + 1 } : {}),
  };
}
