// Plain text in pages. A form feed ends a page in text printed from a PDF (pdftotext writes one
// after every page) and in documents laid out for a line printer (RFCs, old manuals). Such pages
// carry the same running header and footer a PDF does ("RFC 9999   Lantern Protocol   March
// 2024", "Marlow   Informational   [Page 3]"), which would otherwise land inside sentences at
// every page break; they are found the same way (pdf/running-lines.ts), and each block keeps its
// page so a passage cites it.
import { DEFAULT_RUNNING_LINES, isPageNumber, type RunningLineSettings, runningSignature } from './pdf/running-lines.js';

const FORM_FEED = '\f';

/** The text's pages, or undefined when it has none to speak of (no form feed, or one page). */
export function textPages(text: string): string[] | undefined {
  if (!text.includes(FORM_FEED)) return undefined;
  const pages = text.split(FORM_FEED);
  // A form feed at the very end (pdftotext ends every page with one) opens no page.
  while (pages.length > 1 && !pages.at(-1)?.trim()) pages.pop();
  return pages.length >= 2 ? pages : undefined;
}

/** Indexes of a page's first and last `count` non-blank lines. */
function marginIndexes(lines: string[], count: number): Set<number> {
  const filled = lines.flatMap((line, i) => (line.trim() ? [i] : []));
  return new Set([...filled.slice(0, count), ...filled.slice(-count)]);
}

/** Pages with their running headers, footers and bare page numbers removed (blank lines kept: they separate paragraphs). */
export function removeRunningTextLines(pages: string[], settings: RunningLineSettings = DEFAULT_RUNNING_LINES): string[] {
  const split = pages.map((page) => page.split('\n'));
  const margins = split.map((lines) => marginIndexes(lines, settings.marginLines));
  const pagesWith = new Map<string, number>();
  split.forEach((lines, p) => {
    const keys = new Set([...(margins[p] ?? [])].map((i) => runningSignature(lines[i] ?? '')));
    for (const key of keys) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  });
  const needed = Math.max(settings.minPages, Math.ceil(pages.length * settings.minShare));
  const running = new Set([...pagesWith].filter(([key, n]) => n >= needed && key !== '').map(([key]) => key));
  return split.map((lines, p) =>
    lines
      .filter((line, i) => !margins[p]?.has(i) || (!running.has(runningSignature(line)) && !isPageNumber(line)))
      .join('\n'),
  );
}
