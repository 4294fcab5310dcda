// Ingestion throughput per document format: our loader (bytes → CleanDocument: extraction,
// reading order, running lines, blocks, metadata, paragraphs and pages) beside the raw extractor
// library alone on the same files — pdf.js text content of every page; Readability over linkedom;
// mammoth's HTML; fflate unzipping the book and linkedom parsing its chapters. Embedding is not
// part of either. Pairs alternate which goes first; the ratio is the median of per-pair ratios.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { DOMParser, parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { PDFDocument } from 'pdf-lib';
import { getDocumentProxy } from 'unpdf';
import { hashBytes } from '../../src/core/documents/load-corpus.js';
import type { DocumentLoader } from '../../src/core/documents/loader.js';
import { docxLoader } from '../../src/core/documents/loaders/docx.js';
import { epubLoader } from '../../src/core/documents/loaders/epub.js';
import { htmlLoader } from '../../src/core/documents/loaders/html.js';
import { pdfLoader } from '../../src/core/documents/loaders/pdf.js';
import { PROJECT_ROOT } from '../../test/support/paths.js';
import type { BenchContext } from '../context.js';
import { median, round } from '../stats.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/formats/docs');

export interface FormatThroughput {
  format: string;
  files: number;
  megabytes: number;
  /** PDF only: pages read per pass. */
  pages?: number;
  /** Medians over the pairs, one pass over all files each. */
  pipelineMs: number;
  rawMs: number;
  /** Median of per-pair pipeline / raw ratios. */
  overhead: number;
  pipelineMBPerS: number;
  pipelinePagesPerS?: number;
  rawPagesPerS?: number;
}

export interface FormatsResult {
  repetitions: number;
  formats: FormatThroughput[];
  /** The largest per-format overhead (target ≤ 1.2). */
  worstOverhead: number;
  worstFormat: string;
}

interface Input {
  name: string;
  bytes: Uint8Array;
  hash: string;
}

async function rawPdf(bytes: Uint8Array): Promise<void> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    await page.getTextContent();
    page.cleanup();
  }
  await pdf.destroy();
}

function rawHtml(bytes: Uint8Array): void {
  const { document } = parseHTML(new TextDecoder('windows-1252').decode(bytes));
  new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
}

async function rawDocx(bytes: Uint8Array): Promise<void> {
  await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
}

/** EPUB has no extractor library: the library work any reader needs — unzip, container, package, chapters. */
function rawEpub(bytes: Uint8Array): void {
  const files = unzipSync(bytes);
  for (const [name, data] of Object.entries(files)) {
    const text = new TextDecoder().decode(data);
    if (/\.x?html?$/.test(name)) parseHTML(text);
    else if (/\.(opf|xml|ncx)$/.test(name)) new DOMParser().parseFromString(text, 'text/xml');
  }
}

const RAW: Record<string, (bytes: Uint8Array) => unknown> = { pdf: rawPdf, html: rawHtml, docx: rawDocx, epub: rawEpub };
const LOADERS: DocumentLoader[] = [pdfLoader, htmlLoader, docxLoader, epubLoader];

/** One long PDF: every page of the fixture PDFs (real groff output), repeated `copies` times. */
async function longPdf(names: string[], copies: number): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  const sources = await Promise.all(names.map(async (name) => PDFDocument.load(await readFile(path.join(FIXTURES, name)))));
  for (let c = 0; c < copies; c++) {
    for (const source of sources) for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

/**
 * One long book: the fixture book's chapters repeated `copies` times in a new spine (a 3-chapter
 * fixture would measure little but per-file constants), packed to the spec like the fixture.
 */
async function longEpub(name: string, copies: number): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await readFile(path.join(FIXTURES, name))));
  const chapters = Object.keys(files).filter((f) => /\/text\/.*\.xhtml$/.test(f)).sort();
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { mimetype: [strToU8('application/epub+zip'), { level: 0 }] };
  entries['META-INF/container.xml'] = files['META-INF/container.xml'] ?? strToU8('');
  const items: string[] = [];
  for (let c = 0; c < copies; c++) {
    chapters.forEach((chapter, i) => {
      const id = `c${c}-${i}`;
      entries[`OEBPS/long/${id}.xhtml`] = files[chapter] ?? strToU8('');
      items.push(id);
    });
  }
  const opf = `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Long book</dc:title></metadata><manifest>${items.map((id) => `<item id="${id}" href="long/${id}.xhtml" media-type="application/xhtml+xml"/>`).join('')}</manifest><spine>${items.map((id) => `<itemref idref="${id}"/>`).join('')}</spine></package>`;
  entries['OEBPS/package.opf'] = strToU8(opf);
  return zipSync(entries, { level: 9 });
}

async function inputsOf(loader: DocumentLoader, names: string[], copies: number): Promise<Input[]> {
  if (loader.format === 'pdf') {
    const bytes = await longPdf(names, copies);
    return [{ name: 'long.pdf', bytes, hash: hashBytes(bytes) }];
  }
  if (loader.format === 'epub' && names[0]) {
    const bytes = await longEpub(names[0], copies);
    return [{ name: 'long.epub', bytes, hash: hashBytes(bytes) }];
  }
  const files = await Promise.all(names.map(async (name) => new Uint8Array(await readFile(path.join(FIXTURES, name)))));
  return Array.from({ length: copies }, (_, c) => files.map((bytes, i) => ({ name: `${c}-${names[i]}`, bytes, hash: hashBytes(bytes) }))).flat();
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function runFormatsSection(ctx: BenchContext): Promise<FormatsResult> {
  const { repetitions, pdfCopies, fileCopies } = ctx.sizes.formats;
  const fixtures = await readdir(FIXTURES);
  const formats: FormatThroughput[] = [];
  for (const loader of LOADERS) {
    const names = fixtures.filter((name) => loader.extensions.includes(path.extname(name).toLowerCase())).sort();
    const raw = RAW[loader.format];
    if (!names.length || !raw) continue;
    const inputs = await inputsOf(loader, names, loader.format === 'pdf' ? pdfCopies : fileCopies);
    let pages = 0;
    const pipeline = async () => {
      pages = 0;
      for (const input of inputs) {
        const outcome = await loader.load({ id: input.name, bytes: input.bytes, contentHash: input.hash });
        if (!outcome.ok) throw new Error(`${input.name}: ${outcome.reason}`);
        pages += outcome.document.pageMap?.read ?? 0;
      }
    };
    const extractor = async () => {
      for (const input of inputs) await raw(input.bytes);
    };
    await pipeline(); // warm-up: module initialisation and JIT are not part of either figure
    await extractor();
    const pipelineMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      if (i % 2 === 0) {
        pipelineMs.push(await timed(pipeline));
        rawMs.push(await timed(extractor));
      } else {
        rawMs.push(await timed(extractor));
        pipelineMs.push(await timed(pipeline));
      }
    }
    const bytes = inputs.reduce((sum, input) => sum + input.bytes.length, 0);
    const pipelineMedian = median(pipelineMs);
    const rawMedian = median(rawMs);
    formats.push({
      format: loader.format,
      files: inputs.length,
      megabytes: round(bytes / 2 ** 20),
      ...(pages ? { pages } : {}),
      pipelineMs: round(pipelineMedian),
      rawMs: round(rawMedian),
      overhead: round(median(pipelineMs.map((p, i) => p / (rawMs[i] ?? p)))),
      pipelineMBPerS: round(bytes / 2 ** 20 / (pipelineMedian / 1000)),
      ...(pages ? { pipelinePagesPerS: round(pages / (pipelineMedian / 1000), 1), rawPagesPerS: round(pages / (rawMedian / 1000), 1) } : {}),
    });
    ctx.log(`formats: ${loader.format} ×${inputs.length}, overhead ${formats.at(-1)?.overhead}`);
  }
  const worst = formats.reduce((a, b) => (b.overhead > a.overhead ? b : a));
  return { repetitions, formats, worstOverhead: worst.overhead, worstFormat: worst.format };
}
