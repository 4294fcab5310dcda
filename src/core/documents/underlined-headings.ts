// Headings written by underlining in plain text, as reStructuredText, GNU Info and many README
// files write them ("Installation" over "============"), turned into the "#" headings the text
// reader knows. As in reStructuredText, a heading's level is the order in which its underline
// style (character, and whether it is also overlined) first appears.

/** A line made of one punctuation character repeated: an underline (or an overline). */
const RULE = /^([=*\-~^.#+"'`:_])\1{2,}[ \t]*$/;
/** An underline this much shorter than its heading is a separator under a sentence, not an underline. */
const MIN_UNDERLINE_SHARE = 0.6;
/** Headings in the text reader stop at level 6, as in Markdown. */
const MAX_LEVEL = 6;

function isHeadingLine(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 120 && !/^[ \t]{4}/.test(line) && !RULE.test(text) && !/^[-*+•]\s/.test(text);
}

export function markUnderlinedHeadings(text: string): string {
  if (!/\n[=*\-~^.#+"'`:_]{3}/.test(text)) return text;
  const lines = text.split('\n');
  const styles: string[] = [];
  const out: string[] = [];
  // Non-blank lines written so far: the overline form counts only before any text but itself.
  let written = 0;
  const push = (line: string) => {
    out.push(line);
    if (line.trim()) written++;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const underline = (lines[i + 1] ?? '').trim();
    const under = RULE.exec(underline);
    if (!under?.[1] || !isHeadingLine(line)) {
      push(line);
      continue;
    }
    const title = line.trim();
    const before = out.at(-1);
    // Overlined too: reStructuredText's document title, at the very top. Further down, rules above
    // and below a line are how plain text frames a post or a memo's section, which reads as before.
    const atTop = written === 0 || (written === 1 && !!before?.trim());
    const overline = atTop && before !== undefined && RULE.exec(before.trim())?.[1] === under[1] ? before : undefined;
    const startsBlock = before === undefined || before.trim() === '' || overline !== undefined;
    if (startsBlock && underline.length >= Math.max(3, title.length * MIN_UNDERLINE_SHARE)) {
      const style = `${overline ? 'over' : ''}${under[1]}`;
      if (!styles.includes(style)) styles.push(style);
      if (overline) {
        out.pop();
        written--;
      }
      push(`${'#'.repeat(Math.min(MAX_LEVEL, styles.indexOf(style) + 1))} ${title}`);
      i++; // the underline
      continue;
    }
    push(line);
  }
  return out.join('\n');
}
