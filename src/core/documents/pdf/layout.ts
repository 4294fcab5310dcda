// One PDF page's text items (pdf.js getTextContent: strings with positions) → lines in reading
// order. Items on one baseline make a row; a row splits where a wide gap separates its parts.
// When many rows split at the same x with nothing crossing it, the page has two columns: each
// stretch between full-width rows (a title, a figure caption) is read left column first, then
// right. Pure: positions in, lines out.

export interface TextItem {
  str: string;
  /** Baseline start, PDF user space (origin bottom-left, y grows upwards). */
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

export interface PageLine {
  text: string;
  x: number;
  right: number;
  y: number;
  fontSize: number;
  /** 0 for full-width text or a single-column page; 1 and 2 for the left and right column. */
  column: number;
}

export interface LayoutSettings {
  /** Items on baselines closer than this share a row, in ems of the larger font (a superscript joins its line). */
  rowToleranceEm: number;
  /** A gap at least this wide (ems) splits a row into segments: a column gutter or a table gap. */
  segmentGapEm: number;
  /** A gap at least this wide (ems) between two items of one segment gets a space. */
  wordGapEm: number;
  /** Two columns need this many rows split at the gutter… */
  minColumnRows: number;
  /** …and at most this share of rows crossing it (full-width lines). */
  maxCrossingShare: number;
}

// Word spaces in justified text stretch to ~0.6 em; column gutters are 1–3 em. Rows differ by a
// line height (~1.2 em), superscripts sit ~0.35 em above the baseline.
export const DEFAULT_LAYOUT: LayoutSettings = { rowToleranceEm: 0.45, segmentGapEm: 1, wordGapEm: 0.12, minColumnRows: 5, maxCrossingShare: 0.35 };

interface Segment {
  items: TextItem[];
  x0: number;
  x1: number;
  y: number;
  fontSize: number;
}

type Row = Segment[];

function segmentOf(items: TextItem[]): Segment {
  const first = items[0];
  const last = items.at(-1);
  const fontSize = Math.max(...items.map((i) => i.fontSize));
  return { items, x0: first?.x ?? 0, x1: (last?.x ?? 0) + (last?.width ?? 0), y: first?.y ?? 0, fontSize };
}

/** Items → rows (top first), each row's items split into segments at wide gaps. */
export function rowsOf(items: TextItem[], settings: LayoutSettings = DEFAULT_LAYOUT): Row[] {
  const visible = items.filter((i) => i.str.trim() && i.fontSize > 0);
  visible.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  let current: TextItem[] = [];
  let rowY = Number.NaN;
  let rowSize = 0;
  for (const item of visible) {
    if (current.length && Math.abs(item.y - rowY) <= settings.rowToleranceEm * Math.max(item.fontSize, rowSize)) {
      current.push(item);
      // The row's baseline is its largest text's (superscripts hang off it).
      if (item.fontSize > rowSize) {
        rowSize = item.fontSize;
        rowY = item.y;
      }
      continue;
    }
    if (current.length) groups.push(current);
    current = [item];
    rowY = item.y;
    rowSize = item.fontSize;
  }
  if (current.length) groups.push(current);
  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x);
    const segments: Segment[] = [];
    let run: TextItem[] = [];
    for (const item of group) {
      const previous = run.at(-1);
      if (previous && item.x - (previous.x + previous.width) > settings.segmentGapEm * Math.max(item.fontSize, previous.fontSize)) {
        segments.push(segmentOf(run));
        run = [];
      }
      run.push(item);
    }
    if (run.length) segments.push(segmentOf(run));
    return segments;
  });
}

/** The x of a column gutter, when the page has two columns. */
export function findGutter(rows: Row[], settings: LayoutSettings = DEFAULT_LAYOUT): number | undefined {
  const all = rows.flat();
  if (all.length < settings.minColumnRows * 2) return undefined;
  const left = Math.min(...all.map((s) => s.x0));
  const right = Math.max(...all.map((s) => s.x1));
  const width = right - left;
  const candidates = all.map((s) => s.x1).filter((x) => x > left + width * 0.25 && x < left + width * 0.75);
  let best: { x: number; split: number } | undefined;
  for (const end of new Set(candidates)) {
    const x = end + 0.5;
    let split = 0;
    let crossing = 0;
    for (const row of rows) {
      if (row.some((s) => s.x0 < x && s.x1 > x)) crossing++;
      else if (row.some((s) => s.x1 <= x) && row.some((s) => s.x0 >= x)) split++;
    }
    if (split >= settings.minColumnRows && crossing <= rows.length * settings.maxCrossingShare && (!best || split > best.split)) best = { x, split };
  }
  return best?.x;
}

/** A segment's text: items joined, with a space where the gap between them is a word space. */
function segmentText(segment: Segment, settings: LayoutSettings): string {
  let text = '';
  let end = Number.NaN;
  for (const item of segment.items) {
    const gap = item.x - end;
    if (text && gap > settings.wordGapEm * item.fontSize && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    text += item.str;
    end = item.x + item.width;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function lineOf(segments: Segment[], column: number, settings: LayoutSettings): PageLine {
  const text = segments.map((s) => segmentText(s, settings)).join(' ');
  const first = segments[0];
  const sizes = segments.map((s) => s.fontSize);
  return { text, x: first?.x0 ?? 0, right: Math.max(...segments.map((s) => s.x1)), y: first?.y ?? 0, fontSize: Math.max(...sizes), column };
}

/** A page's lines in reading order (columns read one after the other). */
export function pageLines(items: TextItem[], settings: LayoutSettings = DEFAULT_LAYOUT): PageLine[] {
  const rows = rowsOf(items, settings);
  const gutter = findGutter(rows, settings);
  if (gutter === undefined) return rows.map((row) => lineOf(row, 0, settings));
  const out: PageLine[] = [];
  let leftColumn: PageLine[] = [];
  let rightColumn: PageLine[] = [];
  const flushColumns = () => {
    out.push(...leftColumn, ...rightColumn);
    leftColumn = [];
    rightColumn = [];
  };
  for (const row of rows) {
    if (row.some((s) => s.x0 < gutter && s.x1 > gutter)) {
      flushColumns();
      out.push(lineOf(row, 0, settings));
      continue;
    }
    const leftPart = row.filter((s) => s.x1 <= gutter);
    const rightPart = row.filter((s) => s.x0 >= gutter);
    if (leftPart.length) leftColumn.push(lineOf(leftPart, 1, settings));
    if (rightPart.length) rightColumn.push(lineOf(rightPart, 2, settings));
  }
  flushColumns();
  return out.filter((line) => line.text);
}
