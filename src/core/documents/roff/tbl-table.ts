// tbl(1) tables inside a manual page's source (between .TS and .TE), read as rows of cells.
import { normalizeInline } from '../clean.js';

/**
 * A tbl(1) table's lines (between .TS and .TE) → rows, cells separated by " | ". Options
 * ("allbox tab(:);") and the format lines up to the one ending in "." say how it is drawn;
 * "_" and "=" rows are rules; "T{ … T}" is a cell of several lines.
 */
export function tableRows(lines: string[], unescape: (text: string) => string): string[] {
  let i = 0;
  let tab = '\t';
  if (/;\s*$/.test(lines[0] ?? '')) {
    tab = /tab\s*\((.)\)/.exec(lines[0] ?? '')?.[1] ?? tab;
    i = 1;
  }
  while (i < lines.length && !/\.\s*$/.test(lines[i] ?? '')) i++;
  const rows: string[] = [];
  let row = '';
  for (const line of lines.slice(i + 1)) {
    if (/^[.'][ \t]*\\"/.test(line) || /^[_=]$/.test(line.trim()) || /^[.'][ \t]*T&/.test(line)) continue;
    if (/^[.']/.test(line)) continue; // a request inside the table (.sp, .ft)
    row += row && !row.endsWith('T{') ? `\n${line}` : line;
    if (/T\{\s*$/.test(line)) continue; // a multi-line cell opens
    if (row.includes('T{') && !/^T\}/m.test(row.split('T{').pop() ?? '')) continue;
    const cells = row.replace(/T\{\n?|\n?T\}/g, '').split(tab).map((cell) => normalizeInline(unescape(cell.replace(/\n/g, ' '))));
    if (cells.some(Boolean)) rows.push(cells.join(' | '));
    row = '';
  }
  return rows;
}
