// Raw document text → clean paragraphs. General rules only: nothing here is keyed to a
// particular file. Order matters: markup goes first, then boilerplate lines, then the
// repairs that need clean lines (hard wraps, sentences broken across a blank line).
import { INVISIBLE_CHARS } from '../text/normalize.js';

export interface Block {
  text: string;
  /** Markdown heading level (1–6), or 0 for a body block. */
  headingLevel: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Navigation, sharing and comment widgets that scraped pages carry along. */
const BOILERPLATE_LINE = new RegExp(
  [
    '^(main )?menu$', '^home$', '^skip to (main )?content$', '^search$', '^advertisement$', '^sponsored$',
    '^share( this)?( article| story| post)?:?$', '^(share on )?(facebook|twitter|x|whatsapp|linkedin|email|print)$',
    '^comments? (are|is) closed\\.?$', '^leave a (comment|reply)$', '^(\\d+ )?comments?$', '^related (articles|posts|stories|news)$',
    '^(you may )?also read:?$', '^(read|see) (more|also)\\b.*$', '^follow us\\b.*$', '^subscribe\\b.*$', '^tags?:.*$',
    '^click here\\b.*$', '^all rights reserved\\.?$', '^copyright\\b.*$', '^©.*$', '^back to top$', '^next( article| post)?$',
    '^previous( article| post)?$', '^loading\\.*$',
  ].join('|'),
  'i',
);

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity);
}

/** Unicode, line endings, HTML remnants: the same text, in one canonical form. */
export function normalizeText(raw: string): string {
  let text = raw.normalize('NFKC').replace(/\r\n?/g, '\n').replace(/\u2028|\u2029/g, '\n');
  text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*/gi, '\n\n');
  // Stray markup: <sup>rd</sup> keeps its text, tags and comments go.
  text = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<\/?[a-zA-Z][^<>]{0,200}>/g, '');
  text = decodeEntities(text);
  text = text.replace(INVISIBLE_CHARS, '').replace(/[\t\f\v\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
  // Remaining C0/C1 controls (other than the newline) are never text.
  text = text.replace(/[^\P{Cc}\n]/gu, '');
  return text;
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

function isBoilerplateLine(line: string): boolean {
  return BOILERPLATE_LINE.test(line.trim());
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

const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;

/** Splits normalised text into blocks (separated by blank lines), dropping boilerplate lines. */
export function toBlocks(text: string): Block[] {
  const latin = mostlyLatin(text);
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const lines = chunk
      .split('\n')
      .map((line) => line.replace(/[ ]+$/g, '').replace(/^[ ]+/, ''))
      .filter((line) => line.trim() && !/^([-*_=])\1{2,}$/.test(line.trim()));
    let pending: string[] = [];
    const flush = () => {
      if (pending.length) blocks.push({ text: pending.join(' ').replace(/[^\S\n]+/g, ' ').trim(), headingLevel: 0 });
      pending = [];
    };
    for (const rawLine of lines) {
      const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(rawLine);
      if (heading?.[1] && heading[2] !== undefined) {
        flush();
        const headingText = stripInlineMarkdown(heading[2]).trim();
        if (headingText) blocks.push({ text: headingText, headingLevel: heading[1].length });
        continue;
      }
      const line = stripInlineMarkdown(rawLine).trim();
      if (!line || isBoilerplateLine(line) || isForeignScriptLine(line, latin)) continue;
      // List items keep their own line; everything else is a hard wrap to undo.
      if (LIST_ITEM.test(line) && pending.length) {
        pending.push('\n' + line);
        continue;
      }
      pending.push(line);
    }
    flush();
  }
  return blocks.map((b) => ({ ...b, text: b.text.replace(/ ?\n ?/g, '\n') })).filter((b) => b.text.length > 0);
}

const TERMINAL_PUNCTUATION = /[.!?:;…"'”’)\]]$/;
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

/**
 * A sentence split across a blank line (PDF copy, page breaks): the first block ends without
 * punctuation and either the next starts in lower case or the first is clearly a sentence.
 */
function isBrokenSentence(first: Block, next: Block): boolean {
  if (first.headingLevel || next.headingLevel) return false;
  if (TERMINAL_PUNCTUATION.test(first.text)) return false;
  if (LIST_ITEM.test(next.text)) return false;
  // The next block opens with a dateline ("BEIJING, Nov. 3 —"): a new story part, not a continuation.
  if (/^\p{Lu}{3,}(?:\s\p{Lu}{2,})*\s?[,:]/u.test(next.text)) return false;
  if (/^\p{Ll}/u.test(next.text)) return true;
  return !looksLikeHeading(first.text);
}

export function repairBrokenSentences(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    if (previous && isBrokenSentence(previous, block)) {
      previous.text = `${previous.text} ${block.text}`;
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
