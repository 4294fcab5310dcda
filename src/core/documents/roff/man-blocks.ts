// A manual page's roff source (man(7) macros, and mdoc(7)'s common ones) → blocks: section
// headings, paragraphs, tagged paragraphs (an option and what it does, as one paragraph, the way
// `man` prints them), and no-fill text as code. What the page declares (.TH / .Dd, .Dt) and its
// NAME section are its metadata. Requests that only lay the page out (.sp, .in, .ad, .if …)
// print nothing here; macro definitions and ignored blocks are skipped whole.
import type { Block } from '../clean.js';
import { normalizeInline } from '../clean.js';
import { parseDateValue } from '../dates.js';
import { isMdocCall, mdocText } from './mdoc-text.js';
import { JOIN_NEXT, unescapeRoff } from './roff-escapes.js';
import { tableRows } from './tbl-table.js';

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
