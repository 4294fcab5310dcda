// A word broken at a line end by a typesetter ("docu-" / "ment") is one word again; a compound
// broken at its own hyphen ("well-" / "known") keeps it. Which one a break is, is read from the
// document itself: a form it writes whole inside a line is how the author spells it. Shared by
// PDF lines and plain text set by a typesetter (groff's manual pages, pdftotext output).

/** A line ending in a letter and a hyphen: ASCII, U+2010 (groff's hyphen) or a soft hyphen. */
const HYPHENATED_END = /(\p{L})[-\u2010\u00AD]$/u;
/** A word and its hyphenated parts, either hyphen. */
const COMPOUND = /\p{L}+(?:[-\u2010]\p{L}+)*/gu;
/** Regexes anchored at the end scan the whole string: on a growing paragraph only its end is looked at. */
const END_WINDOW = 80;

const plainHyphens = (word: string) => word.toLowerCase().replace(/\u2010/g, '-');

export function endsHyphenated(line: string): boolean {
  return HYPHENATED_END.test(line.slice(-END_WINDOW));
}

/** Word forms seen whole inside lines: decides whether a line-end hyphen is a hyphenation or a compound's own. */
export function vocabulary(lines: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const line of lines) {
    const tokens = line.match(COMPOUND) ?? [];
    // The last token may be a hyphenated fragment: leave it out.
    for (const token of endsHyphenated(line) ? tokens.slice(0, -1) : tokens) words.add(plainHyphens(token));
  }
  return words;
}

/** "docu-" + "ment" → "document"; "well-" + "known" stays "well-known" when the text writes it so. */
export function joinLines(a: string, b: string, words: ReadonlySet<string>): string {
  const end = a.slice(-END_WINDOW);
  if (!HYPHENATED_END.test(end)) return `${a} ${b}`;
  if (a.endsWith('\u00AD')) return a.slice(0, -1) + b;
  if (!/^\p{Ll}/u.test(b)) return a + b; // "COVID-" + "19", "Anglo-" + "Saxon": the hyphen is the word's own
  const head = plainHyphens(/\p{L}+(?:[-\u2010]\p{L}+)*[-\u2010]$/u.exec(end)?.[0] ?? '');
  const tail = (/^\p{L}+/u.exec(b)?.[0] ?? '').toLowerCase();
  const compound = `${head}${tail}`;
  const joined = `${head.slice(0, -1)}${tail}`.replace(/-/g, '');
  if (words.has(compound) && !words.has(joined)) return a + b;
  return a.slice(0, -1) + b;
}
