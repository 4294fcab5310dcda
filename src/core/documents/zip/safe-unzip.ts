// Reads a ZIP archive (DOCX, EPUB) with limits that hold while inflating: at most so many
// entries, at most so many bytes inflated in total. A zip bomb (kilobytes that inflate to
// gigabytes, or a size field that lies) is stopped at the limit, not after memory runs out.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

export interface ZipLimits {
  maxEntries: number;
  maxInflatedBytes: number;
}

export type ZipResult = { ok: true; files: Map<string, Uint8Array>; entries: number } | { ok: false; reason: string };

/** ZIP's local file header signature: every DOCX and EPUB starts with it. */
export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;

export function isZip(head: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((byte, i) => head[i] === byte);
}

const STORED = 0;
const DEFLATED = 8;

/**
 * Inflates the entries `wanted` accepts (all entries count towards the limits, wanted or not:
 * skipping one still means reading past it). Never throws for a bad archive.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits, wanted: (name: string) => boolean = () => true): ZipResult {
  const files = new Map<string, Uint8Array>();
  const open = new Set<string>();
  let entries = 0;
  let inflated = 0;
  let failure: string | undefined;
  const fail = (reason: string) => {
    failure ??= reason;
  };

  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return file.terminate();
    entries++;
    if (entries > limits.maxEntries) return fail(`more than ${limits.maxEntries.toLocaleString('en-US')} entries in the archive (limit maxZipEntries)`);
    if (file.compression !== STORED && file.compression !== DEFLATED) return fail(`unsupported compression in ${file.name} (method ${file.compression})`);
    if (!wanted(file.name)) {
      // Still counted: a bomb hidden in an entry nobody reads must not slip past the check below.
      file.ondata = (error, chunk) => {
        if (error) return fail(error.message);
        inflated += chunk.length;
        if (inflated > limits.maxInflatedBytes) {
          fail(inflatedTooLarge(limits));
          file.terminate();
        }
      };
      file.start();
      return;
    }
    const parts: Uint8Array[] = [];
    open.add(file.name);
    file.ondata = (error, chunk, final) => {
      if (error) return fail(`${file.name} is damaged (${error.message})`);
      inflated += chunk.length;
      if (inflated > limits.maxInflatedBytes) {
        fail(inflatedTooLarge(limits));
        return file.terminate();
      }
      parts.push(chunk);
      if (final) {
        open.delete(file.name);
        files.set(file.name, concat(parts));
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    fail(`damaged archive (${error instanceof Error ? error.message : String(error)})`);
  }
  if (failure) return { ok: false, reason: failure };
  if (entries === 0) return { ok: false, reason: 'damaged archive (no entries)' };
  // An entry that began but never finished: the file was cut short.
  if (open.size) return { ok: false, reason: `truncated archive (${[...open][0]} is incomplete)` };
  return { ok: true, files, entries };
}

function inflatedTooLarge(limits: ZipLimits): string {
  return `inflates to more than ${Math.round(limits.maxInflatedBytes / 2 ** 20)} MB (a zip bomb? limit maxInflatedBytes)`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** UTF-8 text of an entry (XML in DOCX/EPUB is UTF-8 or declares otherwise; UTF-8 covers ASCII). */
export function entryText(files: Map<string, Uint8Array>, name: string): string | undefined {
  const bytes = files.get(name);
  return bytes ? new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') : undefined;
}
