// Writing documents into the corpus folder and taking them out again, for engine.addDocument and
// removeDocument: a name made safe (it can never leave the folder), the content judged by the
// loader registry, and an atomic write that never replaces a file unless asked to.
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, UserError } from '../errors.js';
import { syncDirectory } from '../index/atomic.js';
import { isIgnoredName } from './ignored-names.js';
import { hasFormatExtension, isSupportedFile } from './registry.js';

/**
 * Longest document name, in characters. Names are document ids, shown in lists and citations and
 * offered as Discord autocomplete values (at most 100 characters there); far below the file
 * system's 255 bytes, which `MAX_DOCUMENT_NAME_BYTES` guards for non-Latin names.
 */
export const MAX_DOCUMENT_NAME_CHARS = 100;
const MAX_DOCUMENT_NAME_BYTES = 240;

/** Characters Windows (and many sync tools) refuse in file names, or that shells treat specially. */
const RESERVED_CHARACTERS = /[<>:"|?*]/g;
/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function invalid(name: string, reason: string): UserError<'document-name-invalid'> {
  return new UserError('document-name-invalid', { name: name.slice(0, MAX_DOCUMENT_NAME_CHARS), reason });
}

/**
 * A file name that is safe to create inside the corpus folder: only the last path segment is
 * kept ("../../etc/passwd.txt" → "passwd.txt"), invisible and reserved characters go, no leading
 * dot (hidden files are not indexed), at most MAX_DOCUMENT_NAME_CHARS with the extension kept.
 * Throws `document-name-invalid` when nothing usable is left.
 */
export function sanitiseDocumentName(raw: string): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(RESERVED_CHARACTERS, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (!name) throw invalid(raw, 'nothing is left of it once folders, dots and invisible characters are removed');
  if (isIgnoredName(name)) throw invalid(raw, 'it looks like an editor’s temporary file, which is never indexed');
  const extension = path.extname(name);
  let stem = name.slice(0, name.length - extension.length);
  const fits = (candidate: string) => [...candidate].length <= MAX_DOCUMENT_NAME_CHARS && Buffer.byteLength(candidate) <= MAX_DOCUMENT_NAME_BYTES;
  while (!fits(stem + extension) && stem.length > 0) stem = [...stem].slice(0, -1).join('').trimEnd();
  name = stem + extension;
  if (!stem || !fits(name)) throw invalid(raw, `it is too long (at most ${MAX_DOCUMENT_NAME_CHARS} characters)`);
  return name;
}

/**
 * The (sanitised) name an upload is stored under: the requested name when one is given, with the
 * uploaded file's extension added when the requested one has no extension the loaders know;
 * otherwise the uploaded file's own name. Throws `document-name-invalid` like sanitiseDocumentName.
 */
export function uploadFileName(requested: string | undefined, uploadedName: string): string {
  if (!requested?.trim()) return sanitiseDocumentName(uploadedName);
  const wanted = sanitiseDocumentName(requested);
  const uploadedExtension = path.extname(uploadedName);
  if (!hasFormatExtension(wanted) && uploadedExtension && isSupportedFile(uploadedName)) return sanitiseDocumentName(`${wanted}${uploadedExtension}`);
  return wanted;
}

/** The absolute path of a document id (relative, forward slashes) — only if it stays inside the folder. */
export function corpusPath(corpusDir: string, docId: string): string | undefined {
  const root = path.resolve(corpusDir);
  const target = path.resolve(root, ...docId.split('/'));
  const relative = path.relative(root, target);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return target;
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** True when a file or folder of this (sanitised) name is in the corpus folder. */
export async function corpusFileExists(corpusDir: string, name: string): Promise<boolean> {
  const target = corpusPath(corpusDir, name);
  return target ? exists(target) : false;
}

/** Errors of `link` where the file system has no hard links, rather than the name being taken. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

/**
 * Writes `bytes` as corpus/<name> (a sanitised name) atomically: a hidden temporary file (which
 * neither the scan nor the watcher reads) is written and flushed, then linked in (fails if the name
 * is taken: no check-then-write race) or, with `overwrite`, renamed over the old file. A reader
 * sees the old file or the new one, never half of either. Resolves whether a file was replaced.
 */
export async function writeCorpusFile(corpusDir: string, name: string, bytes: Uint8Array, overwrite: boolean): Promise<{ replaced: boolean }> {
  const target = corpusPath(corpusDir, name);
  if (!target || path.dirname(target) !== path.resolve(corpusDir)) throw invalid(name, 'it must be a plain file name');
  await mkdir(corpusDir, { recursive: true });
  const temp = path.join(corpusDir, `.upload-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    let replaced = false;
    if (overwrite) {
      replaced = await exists(target);
      await rename(temp, target);
    } else {
      try {
        await link(temp, target);
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'EEXIST') throw new UserError('document-exists', { name });
        if (!code || !NO_HARD_LINKS.has(code)) throw error;
        // No hard links here (some network and FUSE mounts): check, then rename; a narrow race.
        if (await exists(target)) throw new UserError('document-exists', { name });
        await rename(temp, target);
      }
    }
    await syncDirectory(corpusDir);
    return { replaced };
  } catch (error) {
    if (errnoCode(error) === 'EISDIR') throw invalid(name, 'a folder of that name is in the corpus');
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Deletes a document's file; false when it was already gone. Never reaches outside the folder. */
export async function deleteCorpusFile(corpusDir: string, docId: string): Promise<boolean> {
  const target = corpusPath(corpusDir, docId);
  if (!target) throw new UserError('document-not-found', { docId });
  try {
    await rm(target);
    await syncDirectory(path.dirname(target));
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}
