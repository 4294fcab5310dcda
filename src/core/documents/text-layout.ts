// The shape of plain-text lines: what a heading, a list item, a heading over an indented body and a
// block laid out in columns look like. Plain text has no markup, so structure is read from how
// lines sit: their case, length, punctuation and indentation. General rules only.

/** A list item's marker: a bullet, or a number with "." or ")". */
export const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;

export const TERMINAL_PUNCTUATION = /[.!?:;…"'”’)\]]$/;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'as', 'into', 'via', 'vs', 'its', "s"]);

/** "Title Case Lines" and short unpunctuated lines read as headings, not broken sentences. */
export function looksLikeHeading(text: string): boolean {
  if (text.length > 200 || TERMINAL_PUNCTUATION.test(text) && !text.endsWith(':')) return false;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return false;
  if (words.length <= 8) return true;
  const significant = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')));
  const capitalised = significant.filter((w) => /^\P{L}*\p{Lu}/u.test(w));
  return significant.length > 0 && capitalised.length / significant.length >= 0.7;
}

/** Level given to headings found by their shape in text without markup (below any marked level, so never a subtitle's parent). */
export const INFERRED_HEADING_LEVEL = 6;
/** How far a heading line must sit left of the body under it, in spaces. */
const MIN_HEADING_OUTDENT = 2;
/**
 * A section heading sits at the margin or near it (a manual page's at 0, an indented manual's at
 * 2–3); a line further in is centred, like a title page's, or part of an indented layout.
 */
const MAX_HEADING_INDENT = 4;
/** How far apart (in characters) the middles of two lines may be and both still read as centred. */
const MAX_CENTRE_OFFSET = 2;
/** A section heading in capitals is a few words ("EXIT STATUS", "REPORTING BUGS"); a longer capitalised line is shouted prose. */
const MAX_CAPITAL_HEADING_WORDS = 6;
const indentOf = (line: string): number => /^ */.exec(line)?.[0].length ?? 0;

/**
 * A heading line directly over the more indented body it heads, no blank line between: a manual
 * page's sections ("NAME", "EXIT STATUS"), a plain-text manual's "Installation". Such a line is
 * its own block. Only a line in capitals, or a short heading-like line over a body that opens a
 * sentence: a term over its indented definition ("Contributor" / "means each individual…", an
 * option "-s, --socket=PATH" over what it does) stays with it, as one paragraph.
 */
export function splitOutdentedHeading(chunk: string): Array<{ text: string; heading?: true }> {
  const lines = chunk.split('\n').filter((line) => line.trim());
  const [first, ...rest] = lines;
  if (first === undefined || rest.length === 0) return [{ text: chunk }];
  if (indentOf(first) > MAX_HEADING_INDENT || indentOf(first) + MIN_HEADING_OUTDENT > Math.min(...rest.map(indentOf))) return [{ text: chunk }];
  // Centred lines (a title page: "LICENCE" over "Version 2.0, 14 March 2022") are indented by their length, not by what heads what.
  const centre = (line: string) => indentOf(line) + line.trim().length / 2;
  if (rest.every((line) => Math.abs(centre(line) - centre(first)) <= MAX_CENTRE_OFFSET)) return [{ text: chunk }];
  const head = first.trim();
  if (!/^\p{L}/u.test(head) || LIST_ITEM.test(head) || /[.,;!?]$/.test(head)) return [{ text: chunk }];
  const capitals = /\p{Lu}.*\p{Lu}/u.test(head) && !/\p{Ll}/u.test(head) && head.split(/\s+/).length <= MAX_CAPITAL_HEADING_WORDS;
  const titled = looksLikeHeading(head) && /^\p{Lu}/u.test(rest[0]?.trim() ?? '');
  // A heading for certain: sentence repair must not join it to a body that opens in lower case ("NAME" / "lanternctl - …").
  return capitals || titled ? [{ text: head, heading: true }, { text: rest.join('\n') }] : [{ text: chunk }];
}

/** Three spaces or more inside a line: a gap between columns (prose has at most two, after a full stop). */
const COLUMN_GAP = /(?<=\S) {3,}(?=\S)/;

/**
 * A block laid out in columns, every line of it (a memo's or a report's header: "Network Working
 * Group      K. Marlow" over "Request for Comments: 9999      Tidewell Labs"; a plain-text
 * table): its rows, cells separated by " | " as in an HTML table, instead of one run-on line.
 */
export function columnRows(chunk: string): string[] | undefined {
  const lines = chunk.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length < 2 || !lines.every((line) => COLUMN_GAP.test(line))) return undefined;
  return lines.map((line) => line.split(new RegExp(COLUMN_GAP.source, 'g')).map((cell) => cell.replace(/\s+/g, ' ')).join(' | '));
}

/** How much further in than the body a block must sit to be an example set apart (Info's 5, man's 3–7, Markdown's 4). */
const MIN_PREFORMATTED_INDENT = 3;
/** How far (in characters) a line's middle may be from the others' (or, alone, from the page's) and the line still read as centred. */
const PAGE_CENTRE_TOLERANCE = 4;
/** A title centred on a 72-column page is at most 56 characters long, so indented at least 8; an example line sits at 4 or 5. */
const MIN_CENTRED_INDENT = 8;
/** The page width is read from the longer lines: this share of lines is at most that long. */
const WIDTH_PERCENTILE = 0.9;

/** Where a text's body is set: its usual indentation (man output: 7) and the width its lines fill. */
export interface TextMargins {
  indent: number;
  width: number;
}

export function textMargins(text: string): TextMargins {
  const counts = new Map<number, number>();
  const lengths: number[] = [];
  for (const match of text.matchAll(/^( *)(\S.*?)\s*$/gm)) {
    const indent = match[1]?.length ?? 0;
    counts.set(indent, (counts.get(indent) ?? 0) + 1);
    lengths.push(indent + (match[2]?.length ?? 0));
  }
  let indent = 0;
  for (const [value, n] of counts) if (n > (counts.get(indent) ?? 0)) indent = value;
  lengths.sort((a, b) => a - b);
  return { indent, width: lengths[Math.floor((lengths.length - 1) * WIDTH_PERCENTILE)] ?? 0 };
}

/**
 * A block set further in than the body and not ending a sentence is an example (a command, a
 * configuration excerpt): its lines, with the common indentation removed, kept as they are.
 * Prose indented as a quotation ends with a full stop and stays prose; centred lines (a licence's
 * title) are a title page, not an example.
 */
export function preformattedLines(chunk: string, margins: TextMargins): string[] | undefined {
  const lines = chunk.split('\n').filter((line) => line.trim());
  if (lines.length === 0) return undefined;
  const indentOfLine = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
  const indent = Math.min(...lines.map(indentOfLine));
  if (indent < margins.indent + MIN_PREFORMATTED_INDENT || /[.!?]["'”’)]?$/.test(lines.at(-1)?.trim() ?? '')) return undefined;
  // Several lines share a middle; a single one sits in the middle of the page.
  const middle = (line: string) => indentOfLine(line) + line.trim().length / 2;
  // (Lines sharing their indentation too are set flush, not centred.)
  const flush = lines.every((line) => indentOfLine(line) === indent);
  if (lines.length > 1 ? !flush && lines.every((line) => Math.abs(middle(line) - middle(lines[0] ?? '')) <= PAGE_CENTRE_TOLERANCE) : indent >= MIN_CENTRED_INDENT && Math.abs(middle(lines[0] ?? '') - margins.width / 2) <= PAGE_CENTRE_TOLERANCE) return undefined;
  return lines.map((line) => line.slice(indent).replace(/\s+$/, ''));
}
