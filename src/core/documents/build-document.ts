// One file's text → a CleanDocument: cleaned paragraphs with offsets, headings and metadata.
import path from 'node:path';
import { detectLanguage } from '../text/language.js';
import type { CleanDocument, Paragraph } from '../types.js';
import { type Block, looksLikeHeading, normalizeText, removeTitleRepeats, repairBrokenSentences, toBlocks } from './clean.js';
import { findDate, parseDateValue } from './dates.js';
import { parseFrontMatter } from './front-matter.js';
import { BYLINE, extractMetadata } from './metadata.js';

export const PARAGRAPH_SEPARATOR = '\n\n';

/** Human title from a file name when the text has none: "annual-report_2024.md" → "annual report 2024". */
function titleFromFileName(id: string): string {
  return path.basename(id, path.extname(id)).replace(/[_-]+/g, ' ').trim() || id;
}

export function buildDocument(id: string, rawText: string, contentHash: string): CleanDocument {
  const { fields, body } = parseFrontMatter(normalizeText(rawText));
  let blocks = toBlocks(body);
  const meta = extractMetadata(blocks, fields);

  // Blocks above the title are masthead, navigation or a date line: captured as metadata.
  // Title repeats go before sentence repair, which would otherwise glue them to the lead.
  if (meta.titleBlock > 0) blocks = blocks.slice(meta.titleBlock);
  if (meta.titleBlock >= 0 && blocks.length > 1) {
    const [first, ...rest] = blocks as [Block, ...Block[]];
    blocks = [first, ...repairBrokenSentences(meta.title ? removeTitleRepeats(rest, meta.title) : rest)];
  } else {
    blocks = repairBrokenSentences(blocks);
  }

  const paragraphs: Paragraph[] = [];
  let text = '';
  let heading: string | undefined;
  for (const block of blocks) {
    const isHeading = block.headingLevel > 0 || (paragraphs.length === 0 && meta.titleBlock >= 0) || isSectionHeading(block);
    if (text) text += PARAGRAPH_SEPARATOR;
    const start = text.length;
    text += block.text;
    if (isHeading) heading = block.text;
    paragraphs.push({
      index: paragraphs.length + 1,
      text: block.text,
      start,
      end: text.length,
      ...(heading && !isHeading ? { heading } : {}),
      ...(isHeading ? { isHeading: true } : {}),
    });
  }

  const date = fields.date ? (parseDateValue(fields.date) ?? meta.date) : meta.date;
  return {
    id,
    title: meta.title ?? titleFromFileName(id),
    ...(date ? { date } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(fields.url ? { url: fields.url } : {}),
    text,
    language: detectLanguage(text),
    paragraphs,
    contentHash,
  };
}

/** A short unpunctuated line between body paragraphs is a section heading in plain text. */
function isSectionHeading(block: Block): boolean {
  if (block.text.length > 150 || /[.!?]["'”’)]?$/.test(block.text) || findDate(block.text)) return false;
  return looksLikeHeading(block.text) && !BYLINE.test(block.text);
}
