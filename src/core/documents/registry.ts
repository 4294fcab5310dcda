// Which loader reads a file: chosen by extension, then checked against the content's signature.
// A new format is one module under loaders/ and one line in LOADERS.
import path from 'node:path';
import type { DocumentLoader } from './loader.js';
import { docxLoader } from './loaders/docx.js';
import { epubLoader } from './loaders/epub.js';
import { htmlLoader } from './loaders/html.js';
import { markdownLoader } from './loaders/markdown.js';
import { pdfLoader } from './loaders/pdf.js';
import { plainTextLoader } from './loaders/plain-text.js';

const LOADERS: readonly DocumentLoader[] = [plainTextLoader, markdownLoader, pdfLoader, htmlLoader, docxLoader, epubLoader];

/** Bytes read to recognise a format: an EPUB's `mimetype` entry ends at byte 58. */
export const SNIFF_BYTES = 64;

const byExtension = new Map(LOADERS.flatMap((loader) => loader.extensions.map((ext) => [ext, loader] as const)));

export function supportedExtensions(): string[] {
  return [...byExtension.keys()];
}

export function isSupportedFile(fileName: string): boolean {
  return byExtension.has(path.extname(fileName).toLowerCase());
}

/** The size limit of the loader that reads this file name (DocumentLimits.maxBytes). */
/** The largest file any loader reads: what an upload may be at most. */
export function maxDocumentBytes(): number {
  return Math.max(...LOADERS.map((loader) => loader.maxBytes));
}

export function maxBytesFor(fileName: string): number {
  return byExtension.get(path.extname(fileName).toLowerCase())?.maxBytes ?? 0;
}

/** Signatures of common files that are not documents, to say what a misnamed file really is. */
const FOREIGN_SIGNATURES: ReadonlyArray<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF', [0x25, 0x50, 0x44, 0x46]],
];

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => head[i] === byte);
}

export type LoaderChoice = { ok: true; loader: DocumentLoader } | { ok: false; reason: string };

/** The loader for a file, from its name and its first bytes. */
export function chooseLoader(fileName: string, head: Uint8Array): LoaderChoice {
  const loader = byExtension.get(path.extname(fileName).toLowerCase());
  if (!loader) return { ok: false, reason: `unsupported file type (only ${supportedExtensions().join(', ')})` };
  if (loader.sniff && !loader.sniff(head)) {
    const actual = FOREIGN_SIGNATURES.find(([, signature]) => startsWith(head, signature))?.[0];
    if (head.length === 0) return { ok: false, reason: 'empty file' };
    return { ok: false, reason: `not a ${loader.format.toUpperCase()} file${actual ? ` (the content is ${actual})` : ''}` };
  }
  return { ok: true, loader };
}
