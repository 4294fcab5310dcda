// Running headers and footers: a line at the top or bottom of most pages that says the same thing
// each time (a book or chapter title, "Annual Report 2024 · page 7"), and bare page numbers.
// They are not part of the text and would otherwise land inside sentences at every page break.
import type { PageLine } from './layout.js';

export interface RunningLineSettings {
  /** Lines looked at from the top and from the bottom of each page. */
  marginLines: number;
  /** A line is running when it repeats (digits aside) on at least this share of the pages… */
  minShare: number;
  /** …and on at least this many pages (one repeat on a two-page file proves little). */
  minPages: number;
}

export const DEFAULT_RUNNING_LINES: RunningLineSettings = { marginLines: 2, minShare: 0.4, minPages: 3 };

/** A bare page number: "12", "- 12 -", "Page 12", "page 3 of 40", "iv", "12 | Annual Report" is not. */
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+|p\.\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,5})?(?:\s*[-–—])?$/i;

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/** Digits and roman numerals vary from page to page; the rest of a running line does not. */
export function runningSignature(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b[ivxlcdm]{1,7}\b|\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The lines nearest the top and the bottom of a page (by position, whatever the reading order). */
function marginLines(lines: PageLine[], count: number): PageLine[] {
  const rows = [...new Set(lines.map((l) => l.y))].sort((a, b) => b - a);
  const keep = new Set([...rows.slice(0, count), ...rows.slice(-count)]);
  return lines.filter((l) => keep.has(l.y));
}

/** Pages with their running headers, footers and page numbers removed. */
export function removeRunningLines(pages: PageLine[][], settings: RunningLineSettings = DEFAULT_RUNNING_LINES): PageLine[][] {
  const pagesWith = new Map<string, number>();
  for (const lines of pages) {
    for (const key of new Set(marginLines(lines, settings.marginLines).map((l) => runningSignature(l.text)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const needed = Math.max(settings.minPages, Math.ceil(pages.length * settings.minShare));
  const running = new Set([...pagesWith].filter(([key, n]) => n >= needed && key !== '').map(([key]) => key));
  return pages.map((lines) => {
    const margin = new Set(marginLines(lines, settings.marginLines));
    return lines.filter((line) => !margin.has(line) || (!running.has(runningSignature(line.text)) && !isPageNumber(line.text)));
  });
}
