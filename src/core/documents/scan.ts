// The corpus folder → the files to read (recursively, following links once, never looping),
// with one reason for every file left out.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from '../errors.js';
import type { SkippedFile } from '../types.js';
import { isIgnoredName } from './ignored-names.js';
import { isSupportedFile, maxBytesFor, supportedTypesText } from './registry.js';

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
        skipped.push({ file: id, reason: `unsupported file type (${supportedTypesText()})` });
      } else if (info.size > maxBytesFor(entry.name)) {
        // Each format's limit (settings.ts, DocumentLimits.maxBytes): past it a file is a dump, not prose.
        skipped.push({ file: id, reason: `too large (${formatMegabytes(info.size)}, limit ${formatMegabytes(maxBytesFor(entry.name))} for this file type)` });
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

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}
