// Title, date, source and author from the top of a cleaned document. Only the first few blocks
// are looked at: metadata sits there in news pages, and dates further down are content.
import type { Block } from './clean.js';
import { looksLikeHeading } from './text-layout.js';
import { findDate, isDateLine } from './dates.js';

export interface ExtractedMeta {
  title?: string;
  /** Index of the block holding the title (blocks before it are masthead/navigation). */
  titleBlock: number;
  date?: string;
  source?: string;
  author?: string;
  /** Masthead lines above the title, e.g. a publisher's name. */
  masthead: string[];
  /**
   * The masthead's first line, read as the source when nothing names one. Only a source when the
   * title found here is the document's title: above a page's first heading, when the page's
   * title comes from its markup, is just its first paragraph.
   */
  mastheadSource?: string;
}

const HEAD_BLOCKS = 8;

/** "CGTN: China, Pakistan vow …" → source CGTN. */
const SOURCE_PREFIX = /^([A-Z]{2,10})\s?:\s?(?=\S)(.{10,})$/;
/** "BEIJING, Nov. 3, 2022 /PRNewswire/ — …", "ISLAMABAD: …", "LONDON, March 4 (Reuters) —". */
export const DATELINE = /^([A-Z][A-Z .'-]{2,30}?)(?:,\s*([^/—–:(]{0,40}?))?\s*(?:\/\s*([^/]{2,40}?)\s*\/|\(([^)]{2,40})\))?\s*[:—–-]+\s+\S/;
export const BYLINE = /^(?:by\s+|(?:mr|ms|mrs|dr|prof)\.?\s+)(\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){0,4})/iu;
const PUBLISHED = /\b(?:published|posted|updated|dated)\b/i;

export function extractMetadata(blocks: Block[]): ExtractedMeta {
  const meta: ExtractedMeta = { titleBlock: -1, masthead: [] };
  const head = blocks.slice(0, HEAD_BLOCKS);

  // Title: the first Markdown heading near the top (plus a subtitle heading right after it, when no other heading has its level),
  // otherwise the first heading-like line that is not a date. A heading told by its shape alone
  // (a manual page's "NAME") names a section, not the document.
  // Only a masthead (short lines, dates, a table) may stand above it: after a paragraph, a heading opens a section.
  const headingIndex = head.findIndex((b) => b.headingLevel > 0 && !b.inferred);
  if (headingIndex >= 0 && isMasthead(head.slice(0, headingIndex))) {
    meta.titleBlock = headingIndex;
    const heading = blocks[headingIndex];
    const subtitle = blocks[headingIndex + 1];
    let title = heading?.text ?? '';
    // A subtitle is one of a kind; a heading whose level comes again further on opens the first section.
    const isSubtitle = (next: Block) => next.headingLevel > (heading?.headingLevel ?? 0) && !blocks.slice(headingIndex + 2).some((b) => b.headingLevel === next.headingLevel);
    if (heading && subtitle && isSubtitle(subtitle)) {
      title = `${title.replace(/[:\s]+$/, '')}: ${subtitle.text}`;
    }
    meta.title = title.replace(/[:\s]+$/, '');
    meta.masthead = blocks.slice(0, headingIndex).filter((b) => !isDateLine(b.text)).map((b) => b.text);
  } else {
    // A headline is often a sentence-case clause: any short unpunctuated first line qualifies.
    // A block in columns (a memo's header) is masthead, never the title.
    const index = head.findIndex(
      (b, i) => !b.kind && !isDateLine(b.text) && (looksLikeHeading(b.text) || (i === firstContent(head) && isHeadline(b.text))),
    );
    if (index >= 0 && isMasthead(head.slice(0, index))) {
      meta.titleBlock = index;
      meta.title = blocks[index]?.text;
      meta.masthead = blocks.slice(0, index).filter((b) => !isDateLine(b.text)).map((b) => b.text);
    }
  }
  if (meta.title) {
    const prefixed = SOURCE_PREFIX.exec(meta.title);
    if (prefixed?.[1] && prefixed[2]) {
      meta.source = prefixed[1];
      meta.title = prefixed[2];
    }
  }

  for (const block of head) {
    const text = block.text;
    if (!meta.date && (isDateLine(text) || PUBLISHED.test(text) || DATELINE.test(text))) {
      meta.date = findDate(text)?.iso;
    }
    const dateline = DATELINE.exec(text);
    if (dateline && !block.headingLevel) {
      const wire = dateline[3] ?? dateline[4];
      if (!meta.source && wire) meta.source = wire.trim();
      if (!meta.source && dateline[1]) meta.source = titleCase(dateline[1].trim());
    }
    const byline = text.length < 300 ? BYLINE.exec(text) : null;
    if (!meta.author && byline?.[1]) meta.author = byline[1].trim();
  }
  if (!meta.date) {
    // A date line in the first blocks, without any marker ("Tuesday, January 20, 2026").
    for (const block of head) {
      if (isDateLine(block.text)) {
        meta.date = findDate(block.text)?.iso;
        break;
      }
    }
  }
  // A masthead in columns names its source in its first cell ("Network Working Group | K. Marlow").
  if (meta.masthead.length) meta.mastheadSource = titleCase((meta.masthead[0] ?? '').split(/ \| |\n/)[0] ?? '');
  if (!meta.source && !meta.mastheadSource && meta.author) meta.source = meta.author;
  return meta;
}

/** Longest line of a masthead above a title (a site name, a section label, a date). */
const MAX_MASTHEAD_CHARS = 60;

function isMasthead(blocks: Block[]): boolean {
  return blocks.every((b) => b.kind === 'table' || isDateLine(b.text) || b.text.length < MAX_MASTHEAD_CHARS);
}

function firstContent(head: Block[]): number {
  return head.findIndex((b) => !b.kind && !isDateLine(b.text));
}

function isHeadline(text: string): boolean {
  return text.length <= 200 && !/[.!?]["'”’)]?$/.test(text) && text.split(/\s+/).length >= 3;
}

/** "COMMUNICATION UNIVERSITY OF CHINA" → "Communication University of China". */
export function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const small = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'to', 'a', 'an']);
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word, i) => (i > 0 && small.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
