// Word documents (.docx): mammoth turns the document into HTML (headings, lists and tables
// survive), read by the same HTML → blocks path as web pages. The archive is inflated first
// under the zip limits, and mammoth reads those inflated entries: it never inflates a byte itself.
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { buildStructuredDocument, type MetadataHints } from '../build-document.js';
import { parseDateValue } from '../dates.js';
import { markupBlocks } from '../html/readable-page.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import { firstText, parseXml } from '../xml.js';
import { entryText, isZip, readZip } from '../zip/safe-unzip.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';
import { isEpubHead } from './epub.js';

const DOCUMENT_PART = 'word/document.xml';
/** Word's Title and Subtitle paragraph styles are headings too (mammoth maps only Heading 1–6). */
const TITLE_STYLES = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];
const CORE_PROPERTIES = 'docProps/core.xml';

/** Title and author as the file's properties say; dcterms:created is when the file was made, so a date in the text wins. */
const DOCX_PRECEDENCE = { title: 'hints', author: 'hints', date: 'text' } as const;

/** Title, author and date from docProps/core.xml (Word's File → Properties). */
function coreProperties(xml: string | undefined): MetadataHints {
  const root = xml ? parseXml(xml) : undefined;
  if (!root) return {};
  const title = firstText(root, 'dc:title');
  const author = firstText(root, 'dc:creator');
  const created = firstText(root, 'dcterms:created');
  const date = created ? parseDateValue(created) : undefined;
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(date ? { date } : {}) };
}

export const docxLoader: DocumentLoader = {
  format: 'docx',
  extensions: ['.docx'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.docx,
  sniff: (head) => isZip(head) && !isEpubHead(head),
  async load({ id, bytes, contentHash, limits = DEFAULT_DOCUMENT_LIMITS }): Promise<LoadOutcome> {
    if (bytes.length > limits.maxBytes.docx) return { ok: false, reason: `too large (limit ${Math.round(limits.maxBytes.docx / 2 ** 20)} MB for DOCX)` };
    const zip = await readZip(bytes, { maxEntries: limits.maxZipEntries, maxInflatedBytes: limits.maxInflatedBytes });
    if (!zip.ok) return { ok: false, reason: `corrupt or truncated DOCX: ${zip.reason}` };
    if (!zip.files.has(DOCUMENT_PART)) {
      const epub = entryText(zip.files, 'mimetype')?.trim() === 'application/epub+zip';
      return { ok: false, reason: epub ? 'not a DOCX file (the content is an EPUB book)' : `not a DOCX file (no ${DOCUMENT_PART} in the archive)` };
    }
    let html: string;
    try {
      // mammoth gets the entries already inflated, stored uncompressed: it never inflates anything
      // itself (so nothing past the limits above), and reading stored entries costs it nothing.
      const stored = zipSync(Object.fromEntries(zip.files), { level: 0 });
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) }, { styleMap: TITLE_STYLES })).value;
    } catch (error) {
      return { ok: false, reason: `corrupt DOCX (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
    }
    const blocks = markupBlocks(html);
    const document = buildStructuredDocument({ id, contentHash, format: 'docx', blocks, hints: coreProperties(entryText(zip.files, CORE_PROPERTIES)), prefer: DOCX_PRECEDENCE, inferStructure: false });
    if (document.paragraphs.filter((p) => !p.isHeading).length === 0) return { ok: false, reason: 'no text in the document' };
    return { ok: true, document };
  },
};
