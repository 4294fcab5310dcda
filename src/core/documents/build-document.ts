// Blocks → a CleanDocument: cleaned paragraphs with offsets, headings, pages and metadata.
// Two ways in, one way out: plain text and Markdown are split into blocks here (`buildDocument`);
// structured formats (PDF, HTML, DOCX, EPUB) hand over their own blocks and metadata
// (`buildStructuredDocument`). Both end in `assembleDocument`.
import path from 'node:path';
import { ENDS_LIKE_SENTENCE } from '../text/sentences.js';
import { detectLanguage } from '../text/language.js';
import type { CleanDocument, PageMap, Paragraph } from '../types.js';
import { type Block, isBoilerplateLine, normalizeInline, normalizeText, removeTitleRepeats, repairBrokenSentences, toBlocks } from './clean.js';
import { INFERRED_HEADING_LEVEL, looksLikeHeading } from './text-layout.js';
import { findDate } from './dates.js';
import { frontMatterHints, parseFrontMatter } from './front-matter.js';
import { BYLINE, type ExtractedMeta, extractMetadata } from './metadata.js';
import { type ManualPage, manualPage } from './manual-page.js';
import { removeTerminalFormatting } from './terminal-text.js';
import { markUnderlinedHeadings } from './underlined-headings.js';
import { pageRangeOf } from './pages.js';
import { removeRunningTextLines, textPages } from './text-pages.js';

export const PARAGRAPH_SEPARATOR = '\n\n';

/** Metadata a format declares itself (PDF info dict, HTML <meta>, OPF): used beside the text's own. */
export interface MetadataHints {
  title?: string;
  date?: string;
  author?: string;
  source?: string;
  url?: string;
}

export type Precedence = 'hints' | 'text';

export interface StructuredSource {
  id: string;
  contentHash: string;
  format: string;
  /** Blocks in reading order, text already normalised (see `normalizeBlockText`). */
  blocks: Block[];
  hints: MetadataHints;
  /**
   * 'hints': declared metadata wins (HTML <meta>, OPF, where authors fill it in on purpose);
   * 'text': the text's own title/date/author first, declared metadata when the text has none
   * (PDF, whose info dict often says "Microsoft Word - draft3.docx").
   */
  prefer: Precedence | Record<'title' | 'date' | 'author', Precedence>;
  /**
   * Text without markup (PDF): short unpunctuated blocks are headings, and a sentence split
   * across two blocks is re-joined. Formats with real markup keep the author's blocks as given.
   */
  inferStructure: boolean;
  /** Paged documents: labels by physical page, pages in the file and pages read. */
  pages?: { labels?: string[]; total: number; read: number };
}

function manualHints(manual: ManualPage): MetadataHints {
  return { ...(manual.title ? { title: normalizeInline(manual.title) } : {}), ...(manual.source ? { source: normalizeInline(manual.source) } : {}), ...(manual.date ? { date: manual.date } : {}) };
}

/** Human title from a file name when the text has none: "annual-report_2024.md" → "annual report 2024". */
function titleFromFileName(id: string): string {
  return path.basename(id, path.extname(id)).replace(/[_-]+/g, ' ').trim() || id;
}

export function buildDocument(id: string, rawText: string, contentHash: string, format?: string): CleanDocument {
  // A manual page's header and footer lines are its metadata, declared like front matter.
  const manual = manualPage(removeTerminalFormatting(rawText).replace(/\r\n?/g, '\n'));
  const text = manual?.body ?? rawText;
  const pages = textPages(text);
  const normalized = pages ? removeRunningTextLines(pages.map(normalizeText)) : [normalizeText(text)];
  const { fields, body } = parseFrontMatter(normalized[0] ?? '');
  // Each page's blocks carry their page; sentence repair below joins a paragraph a page break split.
  let blocks = pages
    ? [body, ...normalized.slice(1)].flatMap((page, i) => toBlocks(markUnderlinedHeadings(page)).map((block) => ({ ...block, pageRuns: [{ at: 0, page: i + 1 }] })))
    : toBlocks(markUnderlinedHeadings(body));
  const meta = extractMetadata(blocks);
  const declared: MetadataHints = { ...(manual ? manualHints(manual) : {}), ...frontMatterHints(fields) };

  // Blocks above the title are masthead, navigation or a date line: captured as metadata.
  // Title repeats go before sentence repair, which would otherwise glue them to the lead.
  if (meta.titleBlock > 0) blocks = blocks.slice(meta.titleBlock);
  if (meta.titleBlock >= 0 && blocks.length > 1) {
    const [first, ...rest] = blocks as [Block, ...Block[]];
    blocks = [first, ...repairBrokenSentences(meta.title ? removeTitleRepeats(rest, meta.title) : rest)];
  } else {
    blocks = repairBrokenSentences(blocks);
  }
  // Front matter is declared on purpose: it wins over what the text suggests.
  const date = declared.date ?? meta.date;
  const source = declared.source ?? meta.source ?? meta.mastheadSource;
  const author = declared.author ?? meta.author;
  return assembleDocument(blocks, {
    id,
    contentHash,
    title: declared.title ?? meta.title ?? titleFromFileName(id),
    ...(format ? { format } : {}),
    ...(date ? { date } : {}),
    ...(source ? { source } : {}),
    ...(author ? { author } : {}),
    ...(declared.url ? { url: declared.url } : {}),
    firstIsTitle: meta.titleBlock >= 0,
    inferHeadings: true,
    ...(pages ? { pages: { total: pages.length, read: pages.length } } : {}),
  });
}

export function buildStructuredDocument(source: StructuredSource): CleanDocument {
  // A widget paragraph on its own ("Share this article") is boilerplate here too; lines inside
  // a paragraph never are.
  let blocks = source.blocks.filter((b) => b.text.trim() && (b.kind || b.headingLevel || b.text.includes('\n') || !isBoilerplateLine(b.text)));
  const meta: ExtractedMeta = extractMetadata(blocks);
  if (source.inferStructure) {
    // Without markup a heading is a short unpunctuated line; a lead-in ending in ":" or "," is not.
    blocks = repairBrokenSentences(blocks).map((b) => (!b.kind && !b.headingLevel && isSectionHeading(b) && !/[:;,]$/.test(b.text) ? { ...b, headingLevel: INFERRED_HEADING_LEVEL, inferred: true as const } : b));
  }
  const pick = (key: 'title' | 'date' | 'author', fromText: string | undefined): string | undefined =>
    (typeof source.prefer === 'string' ? source.prefer : source.prefer[key]) === 'hints' ? (source.hints[key] ?? fromText) : (fromText ?? source.hints[key]);
  const title = pick('title', meta.title) ?? titleFromFileName(source.id);
  const date = pick('date', meta.date);
  const author = pick('author', meta.author);
  const sourceName = source.hints.source ?? meta.source ?? (title === meta.title ? meta.mastheadSource : undefined) ?? author;
  const firstTitle = blocks[0]?.text === title || (source.inferStructure && meta.titleBlock === 0 && meta.title === title);
  return assembleDocument(blocks, {
    id: source.id,
    contentHash: source.contentHash,
    title,
    format: source.format,
    ...(date ? { date } : {}),
    ...(sourceName ? { source: sourceName } : {}),
    ...(author ? { author } : {}),
    ...(source.hints.url ? { url: source.hints.url } : {}),
    firstIsTitle: firstTitle,
    inferHeadings: false,
    ...(source.pages ? { pages: source.pages } : {}),
  });
}

interface AssembleOptions extends Omit<CleanDocument, 'text' | 'paragraphs' | 'pageMap' | 'language'> {
  /** The first block is the document's title line. */
  firstIsTitle: boolean;
  /** Short unpunctuated body blocks count as section headings (text without markup). */
  inferHeadings: boolean;
  pages?: StructuredSource['pages'];
}

/** Blocks → paragraphs joined by a blank line, each with its offsets, heading and pages. */
function assembleDocument(blocks: Block[], options: AssembleOptions): CleanDocument {
  const { firstIsTitle, inferHeadings, pages, ...meta } = options;
  const paragraphs: Paragraph[] = [];
  const starts: number[] = [];
  const pageNumbers: number[] = [];
  let text = '';
  let heading: string | undefined;
  for (const block of blocks) {
    const isHeading = block.headingLevel > 0 || (paragraphs.length === 0 && firstIsTitle) || (inferHeadings && !block.kind && isSectionHeading(block));
    if (text) text += PARAGRAPH_SEPARATOR;
    const start = text.length;
    text += block.text;
    for (const run of block.pageRuns ?? []) {
      if (pageNumbers.at(-1) === run.page) continue;
      starts.push(start + run.at);
      pageNumbers.push(run.page);
    }
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
  let pageMap: PageMap | undefined;
  if (pages && starts.length) {
    pageMap = { starts, pages: pageNumbers, total: pages.total, read: pages.read, ...(pages.labels ? { labels: pages.labels } : {}) };
    for (const paragraph of paragraphs) paragraph.pages = pageRangeOf(pageMap, paragraph.start, paragraph.end);
  }
  return { ...meta, text, language: detectLanguage(text), paragraphs, ...(pageMap ? { pageMap } : {}) };
}

/** A short unpunctuated line between body paragraphs is a section heading in plain text. */
function isSectionHeading(block: Block): boolean {
  // A line ending in a colon introduces what follows it ("The options are as follows:").
  if (block.text.length > 150 || ENDS_LIKE_SENTENCE.test(block.text) || block.text.endsWith(':') || findDate(block.text)) return false;
  return looksLikeHeading(block.text) && !BYLINE.test(block.text);
}
