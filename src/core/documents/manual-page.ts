// A manual page as `man` prints it to a file: a header line naming the page on top
// ("LS(1)            User Commands            LS(1)") and a footer line at the bottom, ending with
// the same name ("GNU coreutils 9.1   March 2023   LS(1)") or, from mdoc, with the system's name
// on both sides ("BSD   March 3, 2025   BSD"). Those two lines are the page's metadata,
// not its text: the header's middle names the manual it belongs to (the source), the footer's
// middle its date, and the NAME section says what the page is about (the title).
import { parseDateValue } from './dates.js';

export interface ManualPage {
  /** The text without the header and footer lines. */
  body: string;
  title?: string;
  source?: string;
  date?: string;
}

/** "NAME(SECTION)": the page's name and manual section ("LS(1)", "SYSTEMD.UNIT(5)", "PRINTF(3P)"). */
const PAGE_NAME = String.raw`[\w.:+-]+\([\w+-]{1,8}\)`;
/** Columns are set apart by runs of spaces; two at least, so words of one column never split. */
const HEADER = new RegExp(String.raw`^[ \t]*(${PAGE_NAME})[ \t]{2,}(\S.*?)[ \t]{2,}\1[ \t]*$`);
/** Left (the release, may be empty), middle (the date), right. */
const FOOTER = /^[ \t]*(?:(\S.*?)[ \t]{2,})?(\S.*?)[ \t]{2,}(\S.*?)[ \t]*$/;
/** The NAME section: the heading at the margin and its indented lines ("ls - list directory contents"). */
const NAME_SECTION = /^NAME[ \t]*\n((?:[ \t]+\S.*(?:\n|$))+)/m;
/** Lines looked at for the footer: `man` may end with blank lines. */
const FOOTER_SEARCH_LINES = 5;

export function manualPage(text: string): ManualPage | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const header = first >= 0 ? HEADER.exec(lines[first] ?? '') : null;
  if (!header?.[1]) return undefined;
  const page: ManualPage = { body: '', source: header[2]?.trim() };
  let last = lines.length;
  for (let i = lines.length - 1; i > first && i >= lines.length - FOOTER_SEARCH_LINES; i--) {
    const footer = FOOTER.exec(lines[i] ?? '');
    // man(7) pages end with the page's name, mdoc(7) pages with the system's on both sides ("BSD … BSD").
    if (footer && (footer[3] === header[1] || footer[1] === footer[3])) {
      last = i;
      const date = parseDateValue(footer[2] ?? '');
      if (date) page.date = date;
      break;
    }
  }
  // nroff without continuous rendering repeats both lines on every page (66 lines): each goes.
  const running = new Set([lines[first]?.trim(), last < lines.length ? lines[last]?.trim() : undefined].filter(Boolean));
  page.body = lines.slice(first + 1, last).filter((line) => !running.has(line.trim())).join('\n');
  const name = NAME_SECTION.exec(page.body)?.[1];
  if (name) page.title = name.replace(/\s+/g, ' ').trim();
  return page;
}
