// Which loader reads a file: chosen by extension, then checked against the content's signature.
// A new format is one module under loaders/ and one line in LOADERS.
// Documentation as software ships it is read too: files named by convention with no format
// extension (README, COPYING, GPL-3, LGPL-2.1, README.Debian) are plain text, and any document may
// be gzip-compressed ("NEWS.gz", "manual.html.gz"), as Debian installs everything in /usr/share/doc
// over 4 kB.
import path from 'node:path';
import type { DocumentLoader } from './loader.js';
import { docxLoader } from './loaders/docx.js';
import { epubLoader } from './loaders/epub.js';
import { htmlLoader } from './loaders/html.js';
import { infoLoader } from './loaders/info.js';
import { manPageLoader, ROFF_START } from './loaders/man-page.js';
import { markdownLoader } from './loaders/markdown.js';
import { pdfLoader } from './loaders/pdf.js';
import { plainTextLoader } from './loaders/plain-text.js';
import { restructuredTextLoader } from './loaders/restructured-text.js';

const LOADERS: readonly DocumentLoader[] = [plainTextLoader, markdownLoader, pdfLoader, htmlLoader, docxLoader, epubLoader, manPageLoader, infoLoader, restructuredTextLoader];

/** Bytes read to recognise a format: an EPUB's `mimetype` entry ends at byte 58. */
export const SNIFF_BYTES = 64;

const byExtension = new Map(LOADERS.flatMap((loader) => loader.extensions.map((ext) => [ext, loader] as const)));

/** A compressed document is read as the name without this suffix. */
export const GZIP_SUFFIX = '.gz';
/** "What is after the last dot" that is a version, not a format: "GPL-3", "LGPL-2.1", "Apache-2.0". */
const VERSION_EXTENSION = /^(?:\.\d+)?$/;
/**
 * Names that are documentation by convention (GNU coding standards, Debian policy), with any
 * suffix but a program's or a data file's: "README.Debian", "NEWS.old", "INSTALL.unix",
 * "copyright" are text; "install.sh" and "license.json" are not documents.
 */
const CONVENTIONAL_DOCUMENT = /^(?:readme|news|changelog|changes|copying|licen[cs]e|install|authors|thanks|todo|faq|bugs|hacking|contributing|notice|copyright|history)(?:[._-]|$)/i;

/** Suffixes of programs, configuration and data, which a conventional name does not make a document. */
const CODE_OR_DATA = new Set(
  '.sh .bash .py .pl .pm .rb .js .mjs .cjs .ts .c .h .cc .cpp .go .rs .java .php .lua .tcl .awk .sed .json .yml .yaml .toml .xml .csv .tsv .ini .cfg .conf .css .svg .png .jpg .gif .zip .tar .bz2 .xz .zst .deb .rpm .exe .dll .so .o .a .bin .db .sqlite .lock .in .am .ac .m4 .mk'.split(' '),
);

/** A part of a split Info manual: "find.info-2". */
const SPLIT_INFO = /^\.info-\d+$/;

/** The name a file is read as: without its ".gz". */
function innerName(fileName: string): string {
  const base = path.basename(fileName);
  return base.toLowerCase().endsWith(GZIP_SUFFIX) && base.length > GZIP_SUFFIX.length ? base.slice(0, -GZIP_SUFFIX.length) : base;
}

export function isCompressedName(fileName: string): boolean {
  return innerName(fileName) !== path.basename(fileName);
}

function loaderFor(fileName: string): DocumentLoader | undefined {
  const name = innerName(fileName);
  const extension = path.extname(name).toLowerCase();
  const known = byExtension.get(extension) ?? (SPLIT_INFO.test(extension) ? infoLoader : undefined);
  if (known) return known;
  const conventional = CONVENTIONAL_DOCUMENT.test(name) && !CODE_OR_DATA.has(extension);
  return VERSION_EXTENSION.test(extension) || conventional ? plainTextLoader : undefined;
}

export function supportedExtensions(): string[] {
  return [...byExtension.keys()];
}

/** What the registry reads, for a refusal: the extensions, then the rest in words. */
export function supportedTypesText(): string {
  return `only ${supportedExtensions().join(', ')}, text files without an extension such as README or COPYING, and any of them gzip-compressed`;
}

/** True when the name's extension names a format (".pdf", ".md.gz"), not only a conventional text name. */
export function hasFormatExtension(fileName: string): boolean {
  return byExtension.has(path.extname(innerName(fileName)).toLowerCase());
}

export function isSupportedFile(fileName: string): boolean {
  return loaderFor(fileName) !== undefined;
}

/** The size limit of the loader that reads this file name (DocumentLimits.maxBytes). */
/** The largest file any loader reads: what an upload may be at most. */
export function maxDocumentBytes(): number {
  return Math.max(...LOADERS.map((loader) => loader.maxBytes));
}

export function maxBytesFor(fileName: string): number {
  return loaderFor(fileName)?.maxBytes ?? 0;
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
  let loader = loaderFor(fileName);
  // "ls.1": a manual page's source when it starts like one; "LGPL-2.1" and "notes.txt" stay text.
  if (loader === plainTextLoader && !hasFormatExtension(fileName) && ROFF_START.test(new TextDecoder().decode(head))) loader = manPageLoader;
  if (!loader) return { ok: false, reason: `unsupported file type (${supportedTypesText()})` };
  if (loader.sniff && !loader.sniff(head)) {
    const actual = FOREIGN_SIGNATURES.find(([, signature]) => startsWith(head, signature))?.[0];
    if (head.length === 0) return { ok: false, reason: 'empty file' };
    return { ok: false, reason: `not a ${loader.format.toUpperCase()} file${actual ? ` (the content is ${actual})` : ''}` };
  }
  return { ok: true, loader };
}
