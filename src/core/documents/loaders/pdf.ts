// PDF (.pdf) through pdf.js (unpdf's serverless build: no canvas, no native code). Text per
// page with positions → lines in reading order (columns) → running headers, footers and page
// numbers removed → paragraphs, headings and lists across pages, each knowing its pages. Pages
// are cited by the PDF's own labels when it has them ("iv", then "1" on the fifth sheet).
// pdf.js runs in this process: the loop yields to the event loop after every page, so a long
// PDF never holds the bot for more than one page's parsing.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { getDocumentProxy } from 'unpdf';
import { buildStructuredDocument } from '../build-document.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import { pageLines, type TextItem } from '../pdf/layout.js';
import { linesToBlocks, type PdfLine } from '../pdf/page-blocks.js';
import { pdfHints } from '../pdf/pdf-metadata.js';
import { removeRunningLines } from '../pdf/running-lines.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';

const SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** Below this many visible characters per page on average the PDF is images of pages. */
const MIN_TEXT_CHARS_PER_PAGE = 10;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** pdf.js's text content item (marked-content entries have no `str`). */
interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
}

export function toTextItems(items: readonly unknown[]): TextItem[] {
  const out: TextItem[] = [];
  for (const raw of items as RawItem[]) {
    if (typeof raw.str !== 'string' || !raw.transform) continue;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = raw.transform;
    // Font size from the text matrix's vertical scale; horizontal text only keeps its position.
    const fontSize = Math.hypot(c, d) || Math.hypot(a, b);
    out.push({ str: raw.str, x, y, width: raw.width ?? 0, fontSize });
  }
  return out;
}

/** Why pdf.js refused a file, in words. */
function openFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (name === 'PasswordException') return 'encrypted PDF (it needs a password to open)';
  if (name === 'InvalidPDFException') return `corrupt or truncated PDF (${message})`;
  return `corrupt PDF (${message})`;
}

/** The PDF's page labels when they differ from plain 1, 2, 3… and cover every page. */
function usableLabels(labels: string[] | null, pages: number): string[] | undefined {
  if (!labels || labels.length !== pages || labels.some((l) => !l.trim())) return undefined;
  return labels.some((l, i) => l.trim() !== String(i + 1)) ? labels.map((l) => l.trim()) : undefined;
}

/** Every page's text items, read one page at a time; pages that fail are counted, not fatal. */
export async function readPageItems(pdf: PdfDocument, pages: number): Promise<{ items: TextItem[][]; failed: number }> {
  const items: TextItem[][] = [];
  let failed = 0;
  for (let number = 1; number <= pages; number++) {
    try {
      const page = await pdf.getPage(number);
      items.push(toTextItems((await page.getTextContent()).items));
      page.cleanup();
    } catch {
      items.push([]);
      failed++;
    }
    await nextTurn();
  }
  return { items, failed };
}

export async function openPdf(bytes: Uint8Array): Promise<{ ok: true; pdf: PdfDocument } | { ok: false; reason: string }> {
  try {
    // pdf.js takes the buffer over: give it a copy.
    return { ok: true, pdf: await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false }) };
  } catch (error) {
    return { ok: false, reason: openFailure(error) };
  }
}

export const pdfLoader: DocumentLoader = {
  format: 'pdf',
  extensions: ['.pdf'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.pdf,
  sniff: (head) => SIGNATURE.every((byte, i) => head[i] === byte),
  async load({ id, bytes, contentHash, limits = DEFAULT_DOCUMENT_LIMITS }): Promise<LoadOutcome> {
    if (bytes.length > limits.maxBytes.pdf) return { ok: false, reason: `too large (limit ${Math.round(limits.maxBytes.pdf / 2 ** 20)} MB for PDF)` };
    const opened = await openPdf(bytes);
    if (!opened.ok) return opened;
    const { pdf } = opened;
    try {
      const total = pdf.numPages;
      const read = Math.min(total, limits.maxPdfPages);
      const { items, failed } = await readPageItems(pdf, read);
      if (failed === read) return { ok: false, reason: 'corrupt PDF (no page could be read)' };
      const characters = items.reduce((sum, page) => sum + page.reduce((n, item) => n + item.str.replace(/\s/g, '').length, 0), 0);
      if (characters < MIN_TEXT_CHARS_PER_PAGE * read) {
        return { ok: false, reason: 'no text layer (a scanned PDF: its pages are images; OCR is not supported yet)' };
      }
      const pages = removeRunningLines(items.map((pageItems) => pageLines(pageItems)));
      const lines: PdfLine[] = pages.flatMap((pageLinesOf, i) => pageLinesOf.map((line) => ({ ...line, page: i + 1 })));
      const [labels, meta] = await Promise.all([pdf.getPageLabels().catch(() => null), pdf.getMetadata().catch(() => ({}))]);
      const pageLabels = usableLabels(labels, total);
      const document = buildStructuredDocument({
        id,
        contentHash,
        format: 'pdf',
        blocks: linesToBlocks(lines),
        hints: pdfHints(meta),
        prefer: 'text',
        inferStructure: true,
        pages: { total, read, ...(pageLabels ? { labels: pageLabels } : {}) },
      });
      if (document.paragraphs.filter((p) => !p.isHeading).length === 0) return { ok: false, reason: 'no text in the PDF' };
      const notes = [
        read < total ? `indexed the first ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} pages (limit maxPdfPages)` : '',
        failed ? `${failed} damaged page${failed === 1 ? '' : 's'} left out` : '',
      ].filter(Boolean);
      return { ok: true, document, ...(notes.length ? { warning: notes.join('; ') } : {}) };
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  },
};
