// corpus/ folder → CleanDocuments, plus one clear reason for every file that was skipped.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { errnoCode } from '../errors.js';
import type { CleanDocument, SkippedFile } from '../types.js';
import { chooseLoader, isCompressedName, maxBytesFor, SNIFF_BYTES } from './registry.js';
import { type CorpusFile, scanCorpus } from './scan.js';

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type ReadResult = { ok: true; document: CleanDocument; warning?: string } | { ok: false; skipped: SkippedFile };

/** Reads and cleans one file; never throws for a problem the file itself causes. */
export async function readCorpusFile(file: CorpusFile): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.absolutePath);
  } catch (error) {
    return { ok: false, skipped: { file: file.id, reason: `cannot read (${errnoCode(error) ?? String(error)})` } };
  }
  return loadDocumentBytes(file.id, bytes);
}

/**
 * Bytes → CleanDocument through the loader registry: the loader is chosen by the name and checked
 * against the content, then the content is read. Used for corpus files and for documents about to
 * be added (engine.addDocument), so both are judged by the same rules.
 */
export async function loadDocumentBytes(id: string, stored: Uint8Array): Promise<ReadResult> {
  const expanded = isCompressedName(id) ? await gunzipped(stored, maxBytesFor(id)) : { ok: true as const, bytes: stored };
  if (!expanded.ok) return { ok: false, skipped: { file: id, reason: expanded.reason } };
  const { bytes } = expanded;
  const choice = chooseLoader(id, bytes.subarray(0, SNIFF_BYTES));
  if (!choice.ok) return { ok: false, skipped: { file: id, reason: choice.reason } };
  try {
    const outcome = await choice.loader.load({ id, bytes, contentHash: hashBytes(bytes) });
    return outcome.ok ? outcome : { ok: false, skipped: { file: id, reason: outcome.reason } };
  } catch (error) {
    // A loader's own bug on one odd file must not cost the rest of the corpus.
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, skipped: { file: id, reason: `could not be read as ${choice.loader.format} (${detail})` } };
  }
}

/** gzip's two magic bytes. */
const GZIP_MAGIC = [0x1f, 0x8b];

const inflate = promisify(gunzip);

/**
 * A ".gz" file's content, at most `limit` bytes of it: a small file can hold gigabytes of zeros.
 * Inflated on libuv's thread pool, so a large manual does not hold the event loop.
 */
async function gunzipped(bytes: Uint8Array, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return { ok: false, reason: 'not a gzip file (the name ends in .gz)' };
  try {
    return { ok: true, bytes: await inflate(bytes, { maxOutputLength: limit }) };
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: `too large once decompressed (limit ${Math.round(limit / 2 ** 20)} MB for this file type)` };
    return { ok: false, reason: 'corrupt gzip file (it cannot be decompressed)' };
  }
}

export interface LoadedCorpus {
  documents: CleanDocument[];
  skipped: SkippedFile[];
  /** Files indexed only in part (a PDF cut at the page limit), with the reason. */
  warnings: SkippedFile[];
}

/** Scans and reads the whole corpus folder; unreadable files are skipped with a reason. */
export async function loadCorpus(corpusDir: string, onProgress?: (done: number, total: number) => void): Promise<LoadedCorpus> {
  const { files, skipped } = await scanCorpus(corpusDir);
  const documents: CleanDocument[] = [];
  const warnings: SkippedFile[] = [];
  let done = 0;
  const byHash = new Map<string, string>();
  for (const file of files) {
    const result = await readCorpusFile(file);
    if (!result.ok) {
      skipped.push(result.skipped);
    } else {
      // The same file under two names would fill answers with the same passage twice.
      const original = byHash.get(result.document.contentHash);
      if (original) {
        skipped.push({ file: file.id, reason: `identical to ${original}` });
      } else {
        byHash.set(result.document.contentHash, file.id);
        documents.push(result.document);
        if (result.warning) warnings.push({ file: file.id, reason: result.warning });
      }
    }
    onProgress?.(++done, files.length);
  }
  return { documents, skipped, warnings };
}
