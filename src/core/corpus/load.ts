// corpus/ folder → CleanDocuments, plus one clear reason for every file that was skipped.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CleanDocument, SkippedFile } from '../types.js';
import { decodeText } from './decode.js';
import { buildDocument } from './document.js';

export const SUPPORTED_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
/** Larger files are almost certainly not prose meant to be quoted (logs, dumps). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface CorpusFile {
  /** Path relative to the corpus folder, with forward slashes: the document id. */
  id: string;
  absolutePath: string;
}

export interface ScanResult {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** Lists candidate files (recursively, following links once, never looping). */
export async function scanCorpus(corpusDir: string): Promise<ScanResult> {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>();

  async function walk(dir: string, relative: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      skipped.push({ file: relative || '.', reason: `cannot open folder (${errorCode(error)})` });
      return;
    }
    if (visited.has(real)) {
      skipped.push({ file: relative, reason: 'folder link loop' });
      return;
    }
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: relative || '.', reason: `cannot read folder (${errorCode(error)})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const id = relative ? `${relative}/${entry.name}` : entry.name;
      const absolutePath = path.join(dir, entry.name);
      let info;
      try {
        info = await stat(absolutePath);
      } catch (error) {
        skipped.push({ file: id, reason: errorCode(error) === 'ELOOP' ? 'symbolic link loop' : `cannot read (${errorCode(error)})` });
        continue;
      }
      if (info.isDirectory()) {
        await walk(absolutePath, id);
      } else if (!info.isFile()) {
        skipped.push({ file: id, reason: 'not a regular file' });
      } else if (!SUPPORTED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        skipped.push({ file: id, reason: `unsupported file type (only ${[...SUPPORTED_EXTENSIONS].join(', ')})` });
      } else if (info.size > MAX_FILE_BYTES) {
        skipped.push({ file: id, reason: `too large (${Math.round(info.size / 1e6)} MB, limit ${MAX_FILE_BYTES / 1e6} MB)` });
      } else {
        files.push({ id, absolutePath });
      }
    }
  }

  await walk(corpusDir, '');
  return { files, skipped };
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type ReadResult = { ok: true; document: CleanDocument } | { ok: false; skipped: SkippedFile };

/** Reads and cleans one file; never throws for a problem the file itself causes. */
export async function readCorpusFile(file: CorpusFile): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.absolutePath);
  } catch (error) {
    return { ok: false, skipped: { file: file.id, reason: `cannot read (${errorCode(error)})` } };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, skipped: { file: file.id, reason: decoded.reason } };
  const document = buildDocument(file.id, decoded.text, hashBytes(bytes));
  if (document.paragraphs.length === 0) return { ok: false, skipped: { file: file.id, reason: 'no text after cleaning' } };
  return { ok: true, document };
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

export interface LoadedCorpus {
  documents: CleanDocument[];
  skipped: SkippedFile[];
}

/** Scans and reads the whole corpus folder; unreadable files are skipped with a reason. */
export async function loadCorpus(corpusDir: string, onProgress?: (done: number, total: number) => void): Promise<LoadedCorpus> {
  const { files, skipped } = await scanCorpus(corpusDir);
  const documents: CleanDocument[] = [];
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
      }
    }
    onProgress?.(++done, files.length);
  }
  return { documents, skipped };
}
