// The corpus folder → the files to read (recursively, following links once, never looping),
// with one reason for every file left out.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from '../errors.js';
import type { SkippedFile } from '../types.js';
import { isIgnoredName } from './ignored-names.js';
import { isSupportedFile, supportedExtensions } from './registry.js';

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
      skipped.push({ file: relative || '.', reason: `cannot open folder (${errorText(error)})` });
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
      skipped.push({ file: relative || '.', reason: `cannot read folder (${errorText(error)})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const id = relative ? `${relative}/${entry.name}` : entry.name;
      const absolutePath = path.join(dir, entry.name);
      let info;
      try {
        info = await stat(absolutePath);
      } catch (error) {
        skipped.push({ file: id, reason: errorText(error) === 'ELOOP' ? 'symbolic link loop' : `cannot read (${errorText(error)})` });
        continue;
      }
      if (info.isDirectory()) {
        await walk(absolutePath, id);
      } else if (!info.isFile()) {
        skipped.push({ file: id, reason: 'not a regular file' });
      } else if (!isSupportedFile(entry.name)) {
        skipped.push({ file: id, reason: `unsupported file type (only ${supportedExtensions().join(', ')})` });
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

function errorText(error: unknown): string {
  return errnoCode(error) ?? (error instanceof Error ? error.message : String(error));
}
