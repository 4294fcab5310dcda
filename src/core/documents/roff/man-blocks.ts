// A manual page's roff source (man(7) macros, and mdoc(7)'s common ones) → blocks: section
// headings, paragraphs, tagged paragraphs (an option and what it does, as one paragraph, the way
// `man` prints them), and no-fill text as code. What the page declares (.TH / .Dd, .Dt) and its
// NAME section are its metadata. Requests that only lay the page out (.sp, .in, .ad, .if …)
// print nothing here; macro definitions and ignored blocks are skipped whole.
import type { Block } from '../clean.js';
import { normalizeInline } from '../clean.js';
import { parseDateValue } from '../dates.js';
import { JOIN_NEXT, unescapeRoff } from './roff-escapes.js';

/** Where `\c` joined a line to the next. */
const JOINED = new RegExp(`${JOIN_NEXT} ?`, 'g');

export interface ManPage {
  blocks: Block[];
  /** The NAME section's text ("ls - list directory contents"). */
  title?: string;
  date?: string;
  /** The manual the page belongs to (.TH's fifth argument, else its fourth). */
  source?: string;
}

/** Macros whose arguments are printed in alternating fonts with no space between them. */
const ALTERNATING = new Set(['BR', 'RB', 'BI', 'IB', 'IR', 'RI']);
/** Macros that print their arguments (in some font), separated by spaces. */
const PRINTING = new Set(['B', 'I', 'SM', 'SB', 'UR', 'MT', 'OP', 'SY']);
/** Paragraph macros: a new paragraph begins. */
const PARAGRAPH = new Set(['PP', 'LP', 'P', 'HP', 'sp', 'Pp', 'Lp', 'RS', 'RE', 'Bd', 'Ed', 'Bl', 'El', 'Rs', 'Re']);
/** mdoc macros that print nothing themselves but their arguments (".Nm ls", ".Pa /etc"). */
const MDOC_PLAIN = new Set(['Nm', 'Ar', 'Pa', 'Cm', 'Ev', 'Er', 'Va', 'Li', 'Ic', 'Em', 'Sy', 'Ad', 'An', 'Lk', 'Mt', 'Ms', 'Tn', 'Ux', 'Fa', 'Fn', 'Ft', 'Fd', 'Dv', 'Lb', 'In', 'Cd', 'St', 'At', 'Bx', 'Nx', 'Fx', 'Ox', 'Bsx', 'Dx', 'No', 'Ql', 'Aq', 'Bq', 'Brq']);

/** A request line's macro name and arguments; quoted arguments keep their spaces. */
function parseRequest(line: string): { macro: string; args: string[] } {
  const body = line.slice(1).replace(/^[ \t]+/, '');
  const macro = /^\S+/.exec(body)?.[0] ?? '';
  const args: string[] = [];
  const rest = body.slice(macro.length);
  // An escaped space ("\ ") is part of its argument.
  for (const m of rest.matchAll(/"((?:[^"]|"")*)"?|((?:\\.|\S)+)/g)) args.push((m[1] ?? m[2] ?? '').replace(/""/g, '"'));
  return { macro, args };
}

/** mdoc macros that enclose what follows them: what they open and close with. */
const ENCLOSING: Record<string, readonly [string, string]> = { Op: ['[', ']'], Oo: ['[', ''], Oc: ['', ']'], Dq: ['“', '”'], Sq: ['‘', '’'], Pq: ['(', ')'] };

/** A word that calls an mdoc macro inside a line (".Op Fl v" calls Fl). */
function isMdocCall(word: string): boolean {
  return /^[A-Z][a-z]{1,2}$/.test(word) && (MDOC_PLAIN.has(word) || word in ENCLOSING || word === 'Fl' || word === 'Xr');
}

/** mdoc's callable macros inside a line: ".Op Fl l Ar level" → "[-l level]", ".Xr ls 1" → "ls(1)". */
export function mdocText(macro: string, args: string[]): string {
  const words: string[] = [];
  let glue = false;
  const push = (word: string) => {
    // Closing punctuation arguments (".Ar file ,") attach to the word before them, as does anything after "Ns".
    if ((glue || /^[.,:;)\]?!]+$/.test(word)) && words.length) words[words.length - 1] += word;
    else words.push(word);
    glue = false;
  };
  const walk = (name: string, list: string[]): void => {
    if (name === 'Xr' && list[0]) {
      push(list[1] && !isMdocCall(list[1]) ? `${list[0]}(${list[1]})` : list[0]);
      if (list.length > 2) walk('No', list.slice(2));
      return;
    }
    const [open, close] = ENCLOSING[name] ?? ['', ''];
    let prefix = name === 'Fl' ? '-' : open;
    for (let i = 0; i < list.length; i++) {
      const word = list[i] ?? '';
      if (word === 'Ns') {
        glue = true;
        continue;
      }
      if (isMdocCall(word)) {
        if (prefix) {
          push(prefix);
          glue = true;
        }
        prefix = '';
        walk(word, list.slice(i + 1));
        break;
      }
      push(prefix + word);
      prefix = '';
    }
    if (prefix) push(prefix);
    if (close && words.length) words[words.length - 1] += close;
  };
  walk(macro, args);
  return words.join(' ');
}

/**
 * A tbl(1) table's lines (between .TS and .TE) → rows, cells separated by " | ". Options
 * ("allbox tab(:);") and the format lines up to the one ending in "." say how it is drawn;
 * "_" and "=" rows are rules; "T{ … T}" is a cell of several lines.
 */
function tableRows(lines: string[], unescape: (text: string) => string): string[] {
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

export function manBlocks(source: string): ManPage {
  const page: ManPage = { blocks: [] };
  const blocks = page.blocks;
  let lines: string[] = [];
  let code: string[] | undefined;
  let tagNext = false;
  let inName = false;
  const name: string[] = [];
  const flush = () => {
    const text = normalizeInline(lines.join(' ').replace(JOINED, ''));
    if (text) blocks.push({ text, headingLevel: 0 });
    if (inName && text) name.push(text);
    lines = [];
  };
  const heading = (text: string, level: number) => {
    flush();
    const title = normalizeInline(text);
    inName = /^NAME$/i.test(title);
    if (title) blocks.push({ text: title, headingLevel: level });
  };
  let pendingHeading = 0;
  let mdocName: string | undefined;
  const fillMacros = new Map<string, 'nf' | 'fi'>();
  // Strings the page defines (".ds Aq \(aq"), and whether the last .ie held (for its .el).
  const strings = new Map<string, string>();
  const unescape = (text: string) => unescapeRoff(text, strings);
  let lastHeld = true;
  const all = source.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < all.length; i++) {
    const raw = all[i] ?? '';
    if (/^[.'][ \t]*\\"/.test(raw)) continue; // comment
    const definition = /^[.'][ \t]*(de|de1|am|ig)\b[ \t]*(\S*)/.exec(raw);
    if (definition) {
      // A macro's body is not run; one that turns fill off or on (pod2man's .Vb / .Ve) is remembered as doing so.
      const start = i;
      while (i + 1 < all.length && !/^[.'][ \t]*\.\s*$/.test(all[i + 1] ?? '')) i++;
      const body = all.slice(start + 1, i + 1).join('\n');
      if (definition[1] !== 'ig' && definition[2]) {
        if (/^[.'][ \t]*nf\b/m.test(body)) fillMacros.set(definition[2], 'nf');
        else if (/^[.'][ \t]*fi\b/m.test(body)) fillMacros.set(definition[2], 'fi');
      }
      i++;
      continue;
    }
    // Conditions: a terminal is "n" (nroff), never "t" (a typesetter), and the formatter is groff
    // ("\n(.g"); any other condition is taken as false. ".el" runs when the last ".ie" did not.
    const conditional = /^[.'][ \t]*(if|ie|el)\b[ \t]*(.*)$/.exec(raw);
    if (conditional) {
      let rest = conditional[2] ?? '';
      let holds: boolean = !lastHeld;
      if (conditional[1] !== 'el') {
        const test = /^(!?)(n|t|\\n\(\.g|\\n\[\.g\])[ \t]+(.*)$/.exec(rest);
        holds = test ? (test[2] !== 't') !== (test[1] === '!') : false;
        rest = test?.[3] ?? '';
        if (conditional[1] === 'ie') lastHeld = holds;
      }
      const block = rest.startsWith('\\{');
      if (block && !holds) {
        // A block "\{ … \}" that does not hold is skipped to the line that closes it.
        while (i < all.length && !(all[i] ?? '').includes('\\}')) i++;
      } else if (block) {
        const inside = rest.replace(/^\\\{\\?/, '').trim();
        if (inside) all[i--] = inside;
      } else if (holds && rest) all[i--] = rest; // run what it guards as this line
      continue;
    }
    const isRequest = /^[.']/.test(raw);
    const ends = isRequest && (/^[.'][ \t]*(?:fi|EE|Ed)\b/.test(raw) || fillMacros.get(parseRequest(raw).macro) === 'fi');
    if (code && !ends) {
      if (!isRequest) code.push(unescape(raw).replace(JOINED, ''));
      else {
        // A synopsis set without fill still prints its font macros' words (".B tidepool-sync").
        const { macro: inner, args: innerArgs } = parseRequest(raw);
        const printed = innerArgs.map(unescape);
        if (ALTERNATING.has(inner)) code.push(printed.join(''));
        else if (PRINTING.has(inner) && printed.length) code.push(printed.join(' '));
      }
      continue;
    }
    if (!isRequest) {
      if (raw.trim() === '') {
        flush();
        continue;
      }
      const text = unescape(raw);
      if (pendingHeading) {
        heading(text, pendingHeading);
        pendingHeading = 0;
      } else if (tagNext) {
        flush();
        lines.push(text);
        tagNext = false;
      } else lines.push(text);
      continue;
    }
    const parsed = parseRequest(raw);
    const { args } = parsed;
    const macro = fillMacros.get(parsed.macro) ?? parsed.macro;
    const text = args.map(unescape);
    switch (macro) {
      case 'TH': {
        const date = text[2] ? parseDateValue(text[2]) : undefined;
        if (date) page.date = date;
        const manual = text[4] || text[3];
        if (manual) page.source = normalizeInline(manual);
        break;
      }
      case 'Dd': {
        const date = parseDateValue(text.join(' ').replace(/^\$Mdocdate:\s*|\s*\$$/g, ''));
        if (date) page.date = date;
        break;
      }
      case 'SH': case 'Sh':
        if (text.length) heading(text.join(' '), 2);
        else pendingHeading = 2;
        break;
      case 'SS': case 'Ss':
        if (text.length) heading(text.join(' '), 3);
        else pendingHeading = 3;
        break;
      case 'TP':
        flush();
        tagNext = true;
        break;
      case 'IP': case 'It':
        flush();
        if (text.length) lines.push(macro === 'It' ? mdocText('No', text) : (text[0] ?? ''));
        break;
      case 'nf': case 'EX':
        flush();
        code = [];
        break;
      case 'Bd': // mdoc's display: literal and unfilled ones keep their lines
        flush();
        if (args.some((a) => a === '-literal' || a === '-unfilled')) code = [];
        break;
      case 'fi': case 'EE':
        if (code?.some((l) => l.trim())) blocks.push({ text: normalizeInline(code.join('\n'), true), headingLevel: 0, kind: 'code' });
        code = undefined;
        break;
      case 'Nm':
        // mdoc: ".Nm ls" names the page once; ".Nm" alone repeats the name.
        if (text[0]) mdocName ??= text[0];
        lines.push(text.length ? mdocText('Nm', text) : (mdocName ?? ''));
        break;
      case 'Ar':
        lines.push(text.length ? mdocText('Ar', text) : 'file ...'); // mdoc's placeholder for operands
        break;
      case 'Nd':
        lines.push(`- ${text.join(' ')}`);
        break;
      case 'br':
        break;
      case 'ds':
        if (args[0]) strings.set(args[0], unescape(args.slice(1).join(' ')));
        break;
      case 'MR': // groff 1.23's page reference: ".MR ls 1 ," → "ls(1),"
        if (text[0]) lines.push(`${text[0]}(${text[1] ?? ''})${text[2] ?? ''}`);
        break;
      case 'TS': {
        flush();
        const end = all.findIndex((l, j) => j > i && /^[.'][ \t]*TE\b/.test(l));
        const rows = tableRows(all.slice(i + 1, end < 0 ? all.length : end), unescape);
        if (rows.length) blocks.push({ text: rows.join('\n'), headingLevel: 0, kind: 'table' });
        i = end < 0 ? all.length : end;
        break;
      }
      default:
        if (PARAGRAPH.has(macro)) flush();
        else if (ALTERNATING.has(macro)) lines.push(text.join(''));
        else if (PRINTING.has(macro)) { if (text.length) lines.push(text.join(' ')); }
        else if (isMdocCall(macro)) lines.push(mdocText(macro, text));
      // Everything else lays the page out (.in, .ad, .ne, .ft, .if …): nothing printed.
    }
    if (tagNext && macro !== 'TP' && (ALTERNATING.has(macro) || PRINTING.has(macro))) tagNext = false;
  }
  flush();
  if (code?.length) blocks.push({ text: normalizeInline(code.join('\n'), true), headingLevel: 0, kind: 'code' });
  if (name.length) page.title = name.join(' ');
  return page;
}
