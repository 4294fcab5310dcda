// E-books (.epub): META-INF/container.xml names the package (OPF); its manifest and spine give
// the chapters in reading order, each XHTML chapter read by the shared HTML → blocks path. A
// chapter without a heading of its own gets its table-of-contents label (or <title>) as one.
// Title, author, date and publisher come from the OPF's Dublin Core metadata.
import path from 'node:path/posix';
import { type Block, normalizeInline } from '../clean.js';
import { buildStructuredDocument, type MetadataHints } from '../build-document.js';
import { parseDateValue } from '../dates.js';
import { markupBlocks, markupTitle } from '../html/readable-page.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import { elements, firstText, parseXml, type XmlElement } from '../xml.js';
import { entryText, isZip, readZip } from '../zip/safe-unzip.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';

const MIMETYPE = 'application/epub+zip';
const CONTAINER = 'META-INF/container.xml';
/** Entries worth inflating: markup and package files (images, fonts and audio are left packed). */
const TEXT_ENTRY = /\.(x?html?|xml|opf|ncx)$/i;

/**
 * The spec puts an uncompressed `mimetype` entry first, so "mimetype" + "application/epub+zip"
 * sit at fixed offsets of the file's first bytes (30 and 38): an EPUB is told from a DOCX there.
 */
export function isEpubHead(head: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(head.subarray(30, 30 + 8 + MIMETYPE.length));
  return text === `mimetype${MIMETYPE}`;
}

interface SpineItem {
  path: string;
  label?: string;
}

function resolveHref(base: string, href: string): string {
  const clean = href.split('#')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    decoded = clean; // a stray "%" in a file name
  }
  return path.normalize(path.join(path.dirname(base), decoded)).replace(/^\.\//, '');
}

/** Chapter labels by file, from the EPUB 3 navigation document or the EPUB 2 NCX. */
function tocLabels(files: Map<string, Uint8Array>, navPath: string | undefined, ncxPath: string | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  const add = (file: string, label: string | null | undefined) => {
    const text = (label ?? '').replace(/\s+/g, ' ').trim();
    if (text && !labels.has(file)) labels.set(file, text);
  };
  const nav = navPath ? parseXml(entryText(files, navPath) ?? '') : undefined;
  if (nav && navPath) for (const a of elements(nav, 'a')) add(resolveHref(navPath, a.getAttribute('href') ?? ''), a.textContent);
  const ncx = ncxPath ? parseXml(entryText(files, ncxPath) ?? '') : undefined;
  if (ncx && ncxPath) {
    for (const point of elements(ncx, 'navPoint')) {
      const src = elements(point, 'content')[0]?.getAttribute('src');
      if (src) add(resolveHref(ncxPath, src), firstText(point, 'text'));
    }
  }
  return labels;
}

function opfMetadata(opf: XmlElement): MetadataHints {
  const title = firstText(opf, 'dc:title');
  const author = firstText(opf, 'dc:creator');
  const rawDate = firstText(opf, 'dc:date');
  const date = rawDate ? parseDateValue(rawDate) : undefined;
  const source = firstText(opf, 'dc:publisher');
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(date ? { date } : {}), ...(source ? { source } : {}) };
}

export const epubLoader: DocumentLoader = {
  format: 'epub',
  extensions: ['.epub'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.epub,
  // Many real books put `mimetype` later or compress it: any ZIP is accepted here, and the
  // container is checked once inflated.
  sniff: isZip,
  async load({ id, bytes, contentHash, limits = DEFAULT_DOCUMENT_LIMITS }): Promise<LoadOutcome> {
    if (bytes.length > limits.maxBytes.epub) return { ok: false, reason: `too large (limit ${Math.round(limits.maxBytes.epub / 2 ** 20)} MB for EPUB)` };
    const zip = await readZip(bytes, { maxEntries: limits.maxZipEntries, maxInflatedBytes: limits.maxInflatedBytes }, (name) => name === 'mimetype' || TEXT_ENTRY.test(name));
    if (!zip.ok) return { ok: false, reason: `corrupt or truncated EPUB: ${zip.reason}` };
    const container = parseXml(entryText(zip.files, CONTAINER) ?? '');
    const opfPath = container ? elements(container, 'rootfile')[0]?.getAttribute('full-path') : undefined;
    if (!opfPath) {
      const docx = zip.files.has('word/document.xml') || [...zip.files.keys()].some((n) => n.startsWith('word/'));
      return { ok: false, reason: docx ? 'not an EPUB file (the content is a Word document)' : `not an EPUB file (no ${CONTAINER} naming its package)` };
    }
    const opf = parseXml(entryText(zip.files, opfPath) ?? '');
    if (!opf) return { ok: false, reason: `corrupt EPUB (package ${opfPath} is missing or unreadable)` };

    const manifest = new Map<string, { path: string; properties: string; mediaType: string }>();
    for (const item of elements(opf, 'item')) {
      const itemId = item.getAttribute('id');
      const href = item.getAttribute('href');
      if (itemId && href) manifest.set(itemId, { path: resolveHref(opfPath, href), properties: item.getAttribute('properties') ?? '', mediaType: item.getAttribute('media-type') ?? '' });
    }
    const navPath = [...manifest.values()].find((m) => /\bnav\b/.test(m.properties))?.path;
    const spineElement = elements(opf, 'spine')[0];
    const ncxPath = manifest.get(spineElement?.getAttribute('toc') ?? '')?.path ?? [...manifest.values()].find((m) => m.mediaType === 'application/x-dtbncx+xml')?.path;
    const labels = tocLabels(zip.files, navPath, ncxPath);
    const spine: SpineItem[] = elements(opf, 'itemref')
      .map((ref) => manifest.get(ref.getAttribute('idref') ?? ''))
      .filter((item): item is NonNullable<typeof item> => item !== undefined && item.path !== navPath)
      .map((item) => ({ path: item.path, ...(labels.has(item.path) ? { label: labels.get(item.path) } : {}) }));
    if (spine.length === 0) return { ok: false, reason: 'corrupt EPUB (its spine lists no chapters)' };

    const hints = opfMetadata(opf);
    const blocks: Block[] = [];
    for (const chapter of spine) {
      const xhtml = entryText(zip.files, chapter.path);
      if (xhtml === undefined) continue; // a spine entry missing from the archive: the rest of the book still reads
      const chapterBlocks = markupBlocks(xhtml);
      if (chapterBlocks.length === 0) continue;
      const title = chapter.label ? undefined : markupTitle(xhtml);
      const label = chapter.label ?? (title && title !== hints.title ? title : undefined);
      if (!chapterBlocks[0]?.headingLevel && label) blocks.push({ text: normalizeInline(label), headingLevel: 1 });
      blocks.push(...chapterBlocks);
    }
    const document = buildStructuredDocument({ id, contentHash, format: 'epub', blocks, hints, prefer: 'hints', inferStructure: false });
    if (document.paragraphs.filter((p) => !p.isHeading).length === 0) return { ok: false, reason: 'no text in the book' };
    return { ok: true, document };
  },
};
