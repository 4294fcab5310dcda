// Lines of every page (reading order, running lines removed) → blocks: paragraphs, headings and
// lists, each with the pages its text comes from. A paragraph ends at a wider gap, a first-line
// indent, a short line that ends a sentence, or a heading; across a column or page break it goes
// on when the last line stopped mid-sentence, so a sentence split by a page break is one
// sentence again. A word hyphenated at a line end is joined back ("docu-" + "ment").
import { type Block, normalizeInline, type PageRun } from '../clean.js';
import { joinLines, vocabulary } from '../hyphenation.js';
import type { PageLine } from './layout.js';

export interface PdfLine extends PageLine {
  /** Physical page, 1-based. */
  page: number;
}

export interface BlockSettings {
  /** A baseline gap this many times the usual one ends a paragraph. */
  paragraphGap: number;
  /** A line starting this many ems right of its column's left edge is indented. */
  indentEm: number;
  /** A line ending this many ems short of its column's right edge is short (a paragraph's last line). */
  shortLineEm: number;
  /** Text at least this many times the body size is a heading. */
  headingScale: number;
}

export const DEFAULT_BLOCKS: BlockSettings = { paragraphGap: 1.2, indentEm: 0.8, shortLineEm: 2.5, headingScale: 1.15 };

const BULLET = /^(?:[•◦▪▫■□●○‣⁃∙·*–-]|\d{1,3}[.)]|[a-z][.)])\s+\S/u;
const NUMBERED = /^\d{1,3}[.)]\s/;
const TERMINAL = /[.!?:;…"'”’)\]]$/;

/** The most common value; `weights` counts each value that many times (default once). */
function mode(values: number[], weights?: number[]): number {
  const counts = new Map<number, number>();
  values.forEach((v, i) => counts.set(v, (counts.get(v) ?? 0) + (weights?.[i] ?? 1)));
  let best = values[0] ?? 0;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Regexes anchored at the end scan the whole string: on a growing paragraph only its end is looked at. */
const END_WINDOW = 80;

const round = (x: number) => Math.round(x * 2) / 2;

interface Column {
  left: number;
  right: number;
}

export function linesToBlocks(lines: PdfLine[], settings: BlockSettings = DEFAULT_BLOCKS): Block[] {
  if (lines.length === 0) return [];
  // Body text size: the size most characters are set in.
  const body = mode(lines.map((l) => round(l.fontSize)), lines.map((l) => l.text.length));
  const headingSizes = [...new Set(lines.map((l) => round(l.fontSize)).filter((s) => s >= body * settings.headingScale))].sort((a, b) => b - a);
  const levelOf = (line: PdfLine) => {
    const index = headingSizes.indexOf(round(line.fontSize));
    return index < 0 || line.text.length > 200 ? 0 : Math.min(6, index + 1);
  };
  // Each column's edges, from its body lines: the most common left edge, the furthest right one.
  const columns = new Map<string, Column>();
  const keyOf = (l: PdfLine) => `${l.page}:${l.column}`;
  const byColumn = new Map<string, PdfLine[]>();
  for (const l of lines) {
    const own = byColumn.get(keyOf(l));
    if (own) own.push(l);
    else byColumn.set(keyOf(l), [l]);
  }
  for (const [key, own] of byColumn) {
    const bodyLines = own.filter((l) => round(l.fontSize) === body);
    const sample = bodyLines.length ? bodyLines : own;
    columns.set(key, { left: mode(sample.map((l) => Math.round(l.x))), right: Math.max(...sample.map((l) => l.right)) });
  }
  const gaps = lines.slice(1).map((l, i) => ({ l, p: lines[i] })).filter(({ l, p }) => p && keyOf(p) === keyOf(l) && p.y > l.y).map(({ l, p }) => round((p?.y ?? 0) - l.y));
  const lineGap = gaps.length ? mode(gaps) : body * 1.2;
  const words = vocabulary(lines.map((l) => l.text));

  const blocks: Block[] = [];
  let current: { text: string; level: number; list: boolean; runs: PageRun[]; itemX: number } | undefined;
  const flush = () => {
    // "2. Raising the paddles" alone, unpunctuated: a numbered section heading, not a one-item list.
    const list = current?.list && !(current.text.length <= 100 && NUMBERED.test(current.text) && !current.text.includes('\n') && !TERMINAL.test(current.text));
    if (current?.text) blocks.push({ text: current.text, headingLevel: current.level, ...(list ? { kind: 'list' as const } : {}), pageRuns: current.runs });
    current = undefined;
  };
  let previous: PdfLine | undefined;
  for (const line of lines) {
    const text = normalizeInline(line.text.replace(/\uF0B7|\uF0A7|\uF076/g, '•'));
    if (!text) continue;
    const column = columns.get(keyOf(line)) ?? { left: line.x, right: line.right };
    const em = line.fontSize;
    const level = levelOf(line);
    const bullet = level === 0 && BULLET.test(text);
    const indented = line.x - column.left > settings.indentEm * em;
    let starts = !current || !previous;
    if (current && previous) {
      const sameFlow = keyOf(previous) === keyOf(line) && previous.y > line.y;
      const prevColumn = columns.get(keyOf(previous)) ?? column;
      const prevShort = prevColumn.right - previous.right > settings.shortLineEm * previous.fontSize;
      const prevEnds = TERMINAL.test(current.text.slice(-END_WINDOW));
      if (level !== current.level) starts = true;
      else if (level > 0) starts = sameFlow ? previous.y - line.y > lineGap * settings.paragraphGap * (line.fontSize / body) : true;
      else if (bullet) starts = !current.list; // a new item of the same list stays in the list block
      else if (sameFlow && previous.y - line.y > lineGap * settings.paragraphGap) starts = true;
      else if (current.list) starts = !(line.x >= current.itemX - 0.5 * em) || (sameFlow === false && prevEnds && prevShort);
      else if (sameFlow) starts = indented || (prevEnds && prevShort);
      // Across a column or page break a paragraph goes on only mid-sentence: a new page that
      // starts after a full stop may as well start a new paragraph, and no sentence is cut.
      else starts = indented || prevEnds;
    }
    if (starts) {
      flush();
      current = { text, level, list: bullet, runs: [{ at: 0, page: line.page }], itemX: bullet ? line.x + 1.5 * em : line.x };
    } else if (current) {
      if (bullet) {
        current.text += `\n${text}`;
        current.itemX = line.x + 1.5 * em;
      } else {
        current.text = joinLines(current.text, text, words);
      }
      if (current.runs.at(-1)?.page !== line.page) {
        // The new page's text begins where this line's text does in the joined block.
        current.runs.push({ at: current.text.length - text.length, page: line.page });
      }
    }
    previous = line;
  }
  flush();
  return blocks;
}
