// Page lookups for paged documents (PDF): which page holds an offset of the cleaned text, which
// pages a span covers, and how a page is cited (its printed label when the PDF has labels).
import type { CitedPages, PageMap, PageNumbering, PageRange } from '../types.js';

/** The physical page (1-based) holding character `offset` of the cleaned text. */
export function pageAt(map: PageMap, offset: number): number {
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return map.pages[lo] ?? 1;
}

/** Pages of the text between `start` and `end` (exclusive). */
export function pageRangeOf(map: PageMap, start: number, end: number): PageRange {
  return { start: pageAt(map, start), end: pageAt(map, Math.max(start, end - 1)) };
}

export function pageNumbering(map: PageMap): PageNumbering {
  return map.labels ? 'label' : 'physical';
}

/** How page `page` is cited: its printed label, or its position in the file. */
export function pageName(map: PageMap, page: number): string {
  return map.labels?.[page - 1] ?? String(page);
}

export function citedPages(map: PageMap, range: PageRange): CitedPages {
  return { start: pageName(map, range.start), end: pageName(map, range.end), numbering: pageNumbering(map) };
}
