// Raw document text → clean paragraphs. General rules only: nothing here is keyed to a
// particular file. Order matters: markup goes first, then boilerplate lines, then the
// repairs that need clean lines (hard wraps, sentences broken across a blank line).
import { INVISIBLE_CHARS } from '../text/normalize.js';
import { isDateLine } from './dates.js';
import { endsHyphenated, joinLines, vocabulary } from './hyphenation.js';
import { removeTerminalFormatting } from './terminal-text.js';
import { columnRows, INFERRED_HEADING_LEVEL, LIST_ITEM, looksLikeHeading, preformattedLines, splitOutdentedHeading, TERMINAL_PUNCTUATION, textMargins } from './text-layout.js';

/** Where a page's text begins inside a block's text (PDF): `at` is an offset into `text`. */
export interface PageRun {
  at: number;
  /** Physical page number, 1-based. */
  page: number;
}

export interface Block {
  text: string;
  /** Heading level (1–6), or 0 for a body block. */
  headingLevel: number;
  /**
   * A heading told by its shape alone, without markup (a manual page's "NAME", a short line in a
   * PDF): it names a section, never the document, so title detection passes over it.
   */
  inferred?: true;
  /** Body blocks that are not running prose; absent for paragraphs and headings. */
  kind?: 'list' | 'code' | 'table';
  /** Pages the block's text comes from, ascending; the first run starts at 0 (PDF only). */
  pageRuns?: PageRun[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/**
 * Navigation and sharing widgets that are a fixed phrase: a line that is exactly one of these.
 * Removed when it stands alone as a block, or inside a block made only of such phrases and date
 * lines (a masthead or a menu: "Tuesday, January 20, 2026 / Main Menu").
 */
const NAVIGATION_PHRASE = new RegExp(
  [
    '^(main )?menu$', '^home$', '^skip to (main )?content$', '^search$', '^advertisement$', '^sponsored$',
    '^share( this)?( article| story| post)?:?$', '^(share on )?(facebook|twitter|x|whatsapp|linkedin|email|print)$',
    '^comments? (are|is) closed\\.?$', '^leave a (comment|reply)$', '^(\\d+ )?comments?$', '^related (articles|posts|stories|news)$',
    '^(you may )?also read:?$', '^all rights reserved\\.?$', '^back to top$', '^next( article| post)?$', '^previous( article| post)?$', '^loading\\.*$',
    // A wiki's section links ("[edit]" after every MediaWiki heading).
    '^\\[(edit|edit source|change|change source|hide|show)\\]$',
  ].join('|'),
  'i',
);

/**
 * Widgets that begin with a fixed phrase and go on ("Read more: …", "Copyright 2024 …",
 * "Tags: …"). Removed only when the line is a whole block on its own: the same words begin lines
 * of hard-wrapped prose ("copyright holder, and you cure the violation…" in a licence), and
 * dropping such a line would misquote the paragraph.
 */
const BOILERPLATE_PREFIX = new RegExp(
  ['^(read|see) (more|also)\\b', '^follow us\\b', '^subscribe\\b', '^tags?:', '^click here\\b', '^copyright\\b', '^©'].join('|'),
  'i',
);

/** A line that is boilerplate when it stands alone as a block. */
export function isBoilerplateLine(line: string): boolean {
  const text = line.trim();
  return NAVIGATION_PHRASE.test(text) || BOILERPLATE_PREFIX.test(text);
}

/**
 * Tags of real HTML elements that scraped text carries (`<sup>rd</sup>`, `<br>`, `</p>`). Only
 * these are markup: `<https://…>`, `<name of author>` or `<year>` in a plain-text file are text.
 */
const HTML_ELEMENTS = [
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'center', 'cite', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption',
  'figure', 'font', 'h[1-6]', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span',
  'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
].join('|');
/** Text that carries real markup: a closing tag of a known element, or a line break tag. */
const MARKUP_EVIDENCE = new RegExp(`</(?:${HTML_ELEMENTS})\\s*>|<br\\s*/?>`, 'i');
const HTML_TAG = new RegExp(`</?(?:${HTML_ELEMENTS})(?:\\s+[a-zA-Z_:][-\\w:.]*(?:\\s*=\\s*(?:"[^"<>]*"|'[^'<>]*'|[^\\s"'<>]+))?)*\\s*/?>`, 'gi');

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity);
}

/** Unicode, line endings, HTML remnants: the same text, in one canonical form. */
export function normalizeText(raw: string): string {
  let text = removeTerminalFormatting(raw.normalize('NFKC').replace(/\r\n?/g, '\n').replace(/\u2028|\u2029/g, '\n'));
  // A soft hyphen at a line end is a hyphenation point by definition: the word goes on after it.
  text = text.replace(/\u00AD\n[ \t]*/g, '');
  // Stray markup (<sup>rd</sup> keeps its text) only where the text really carries markup.
  if (MARKUP_EVIDENCE.test(text)) {
    text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*/gi, '\n\n').replace(HTML_TAG, '');
  }
  text = text.replace(/<!--[\s\S]*?-->/g, '');
  text = decodeEntities(text);
  text = text.replace(INVISIBLE_CHARS, '').replace(/[\t\f\v\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
  // Remaining C0/C1 controls (other than the newline) are never text.
  text = text.replace(/[^\P{Cc}\n]/gu, '');
  return text;
}

/**
 * Text a structured format already took apart (an HTML paragraph, a PDF line): the same
 * canonical form as `normalizeText`, all whitespace runs one space. With `keepLines` (code
 * blocks, table rows) line breaks and indentation stay.
 */
export function normalizeInline(text: string, keepLines = false): string {
  // Printable ASCII and whitespace need neither NFKC nor the invisible/control passes (most text).
  if (!keepLines && /^[\x20-\x7e\t\n\r]*$/.test(text)) return text.replace(/\s+/g, ' ').trim();
  let out = text.normalize('NFKC').replace(/\r\n?/g, '\n').replace(INVISIBLE_CHARS, '');
  out = out.replace(/[\t\f\v\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ').replace(/[^\P{Cc}\n]/gu, '');
  if (!keepLines) return out.replace(/\s+/g, ' ').trim();
  return out.replace(/[ ]+$/gm, '').replace(/^\n+|\n+$/g, '');
}

/** Markdown inline syntax → plain text (emphasis markers, links, images, code ticks). */
export function stripInlineMarkdown(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\((?:[^)(]|\([^)]*\))*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[\s(])[*_](?=\S)([^*_]*?\S)[*_](?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*>\s?/, '');
}

const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/** Short lines without a single letter of the document's script: logos, mastheads in another script. */
function isForeignScriptLine(line: string, documentIsLatin: boolean): boolean {
  if (!documentIsLatin || line.length > 60) return false;
  return LETTER.test(line) && !LATIN_LETTER.test(line);
}

function mostlyLatin(text: string): boolean {
  let latin = 0;
  let letters = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (LETTER.test(ch)) {
      letters++;
      if (LATIN_LETTER.test(ch)) latin++;
    }
  }
  return letters > 0 && latin / letters > 0.8;
}

/**
 * A block made only of navigation phrases and date lines: a masthead or a menu, whose lines are
 * separate items rather than the hard-wrapped lines of one paragraph.
 */
function isNavigationStack(lines: string[]): boolean {
  return lines.length > 1 && lines.every((line) => NAVIGATION_PHRASE.test(line) || isDateLine(line));
}

/** A short stack of labels (a logo line over a masthead), not the hard-wrapped lines of prose. */
function isLabelStack(lines: string[]): boolean {
  return lines.length <= 4 && lines.every((line) => line.length <= 60 && !/[.!?。！？]["'”’)]?$/u.test(line));
}

/**
 * Splits normalised text into blocks (separated by blank lines). Boilerplate is dropped only as a
 * whole block: a line of a paragraph is never removed, so every sentence is quoted as written.
 */
export function toBlocks(text: string): Block[] {
  const latin = mostlyLatin(text);
  const words = lazyVocabulary(text);
  const margins = textMargins(text);
  const blocks: Block[] = [];
  for (const { text: chunk, heading } of text.split(/\n[ \t]*\n/).flatMap(splitOutdentedHeading)) {
    if (heading) {
      blocks.push({ text: stripInlineMarkdown(chunk).trim(), headingLevel: INFERRED_HEADING_LEVEL, inferred: true });
      continue;
    }
    const columns = columnRows(chunk);
    if (columns) {
      blocks.push({ text: columns.join('\n'), headingLevel: 0, kind: 'table' });
      continue;
    }
    const example = preformattedLines(chunk, margins);
    if (example) {
      blocks.push({ text: example.join('\n'), headingLevel: 0, kind: 'code' });
      continue;
    }
    const lines = chunk
      .split('\n')
      .map((line) => line.replace(/[ ]+$/g, '').replace(/^[ ]+/, ''))
      .filter((line) => line.trim() && !/^([-*_=])\1{2,}$/.test(line.trim()));
    const plain = lines.map((line) => stripInlineMarkdown(line).trim());
    const standalone = plain.filter(Boolean).length === 1;
    const stack = isNavigationStack(plain.filter(Boolean));
    const labels = standalone || isLabelStack(plain.filter(Boolean));
    let pending: string[] = [];
    const flush = () => {
      if (pending.length) blocks.push({ text: unwrap(pending, words).replace(/[^\S\n]+/g, ' ').trim(), headingLevel: 0 });
      pending = [];
    };
    lines.forEach((rawLine, i) => {
      const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(rawLine);
      if (heading?.[1] && heading[2] !== undefined) {
        flush();
        const headingText = stripInlineMarkdown(heading[2]).trim();
        if (headingText) blocks.push({ text: headingText, headingLevel: heading[1].length });
        return;
      }
      const line = plain[i] ?? '';
      if (!line) return;
      if (standalone && isBoilerplateLine(line)) return;
      if (labels && isForeignScriptLine(line, latin)) return;
      if (stack && NAVIGATION_PHRASE.test(line)) return;
      // List items keep their own line; everything else is a hard wrap to undo.
      if (LIST_ITEM.test(line) && pending.length) {
        pending.push('\n' + line);
        return;
      }
      pending.push(line);
    });
    flush();
  }
  return blocks.map((b) => ({ ...b, text: b.text.replace(/ ?\n ?/g, '\n') })).filter((b) => b.text.length > 0);
}

/** The document's own word forms, read once and only when a line ends hyphenated. */
function lazyVocabulary(text: string): () => ReadonlySet<string> {
  let words: Set<string> | undefined;
  return () => (words ??= vocabulary(text.split('\n')));
}

/** A hard-wrapped paragraph's lines as one: a space between them, or a word hyphenated at a line end joined back. */
function unwrap(lines: string[], words: () => ReadonlySet<string>): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (!line.startsWith('\n') && endsHyphenated(out)) out = joinLines(out, line, words());
    else out += ` ${line}`;
  }
  return out;
}

/**
 * A sentence split across a blank line (PDF copy, page breaks): the first block ends without
 * punctuation and either the next starts in lower case or the first is clearly a sentence.
 */
function isBrokenSentence(first: Block, next: Block): boolean {
  if (first.headingLevel || next.headingLevel || first.kind || next.kind) return false;
  if (TERMINAL_PUNCTUATION.test(first.text)) return false;
  if (LIST_ITEM.test(next.text)) return false;
  // The next block opens with a dateline ("BEIJING, Nov. 3 —"): a new story part, not a continuation.
  if (/^\p{Lu}{3,}(?:\s\p{Lu}{2,})*\s?[,:]/u.test(next.text)) return false;
  if (/^\p{Ll}/u.test(next.text)) return true;
  return !looksLikeHeading(first.text);
}

/** `first` and `next` as one block, their page runs kept in step with the joined text. */
export function joinBlocks(first: Block, next: Block, separator = ' '): Block {
  const shift = first.text.length + separator.length;
  const runs = [...(first.pageRuns ?? []), ...(next.pageRuns ?? []).map((run) => ({ at: run.at + shift, page: run.page }))];
  const pageRuns = runs.filter((run, i) => i === 0 || run.page !== runs[i - 1]?.page);
  return { ...first, text: `${first.text}${separator}${next.text}`, ...(pageRuns.length ? { pageRuns } : {}) };
}

export function repairBrokenSentences(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    if (previous && isBrokenSentence(previous, block)) {
      out[out.length - 1] = joinBlocks(previous, block);
    } else {
      out.push({ ...block });
    }
  }
  return out;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Removes repeats of the title: the exact title, or the title plus a short site/section suffix. */
export function removeTitleRepeats(blocks: Block[], title: string): Block[] {
  const key = comparable(title);
  if (!key) return blocks;
  return blocks.filter((block) => {
    const text = comparable(block.text);
    if (!text.includes(key) || TERMINAL_PUNCTUATION.test(block.text)) return true;
    // The title alone, repeated, or with a short site/section suffix ("… My Country").
    const residue = text.split(key).join(' ').replace(/\s+/g, ' ').trim();
    return residue.length > 30;
  });
}
