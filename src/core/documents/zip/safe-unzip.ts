// Reads a ZIP archive (DOCX, EPUB) within limits: at most so many entries, at most so many bytes
// inflated in total. yauzl reads the archive's directory (entries, sizes, where each one's data
// starts); an archive that declares too much is refused before a byte is inflated. Each entry is
// then inflated by zlib with its declared size as the output limit, so one whose size lies (a
// zip bomb declaring 1 kB for gigabytes) stops one byte past what it declared.
import { inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

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

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
}

function inflatedTooLarge(limits: ZipLimits): string {
  return `inflates to more than ${Math.round(limits.maxInflatedBytes / 2 ** 20)} MB (a zip bomb? limit maxInflatedBytes)`;
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** yauzl 3's reader of an entry's local header (not in its type definitions yet). */
type LocalHeaderReader = (entry: Entry, options: { minimal: true }, callback: (error: Error | null, header?: { fileDataStart: number }) => void) => void;

function dataStart(zip: ZipFile, entry: Entry): Promise<number> {
  const read = (zip as unknown as { readLocalFileHeader: LocalHeaderReader }).readLocalFileHeader.bind(zip);
  return new Promise((resolve, reject) => read(entry, { minimal: true }, (error, header) => (error || !header ? reject(error ?? new Error('no local header')) : resolve(header.fileDataStart))));
}

class SizeLie extends Error {}

/** The entry's bytes; never more than it declares (zlib stops at maxOutputLength). */
async function inflate(zip: ZipFile, entry: Entry, archive: Buffer): Promise<Uint8Array> {
  const start = await dataStart(zip, entry);
  const data = archive.subarray(start, start + entry.compressedSize);
  let out: Buffer;
  if (entry.compressionMethod === STORED) {
    out = data;
  } else {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new SizeLie();
      throw error;
    }
  }
  if (out.length !== entry.uncompressedSize) throw new Error(`inflated to ${out.length} bytes, ${entry.uncompressedSize} declared`);
  return out;
}

/**
 * Inflates the entries `wanted` accepts; every entry counts towards the limits, wanted or not.
 * Never throws for a bad archive.
 */
export async function readZip(bytes: Uint8Array, limits: ZipLimits, wanted: (name: string) => boolean = () => true): Promise<ZipResult> {
  const archive = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    // yauzl looks for the directory at the end: a file cut short has none.
    return { ok: false, reason: /central directory/i.test(message(error)) ? 'truncated or damaged archive (its directory at the end is missing)' : `damaged archive (${message(error)})` };
  }
  try {
    // The directory's own count first: a million-entry archive is refused without listing it.
    if (zip.entryCount > limits.maxEntries) return { ok: false, reason: `more than ${limits.maxEntries.toLocaleString('en-US')} entries in the archive (limit maxZipEntries)` };
    const entries = await listEntries(zip);
    if (entries.length === 0) return { ok: false, reason: 'damaged archive (no entries)' };
    const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > limits.maxInflatedBytes) return { ok: false, reason: inflatedTooLarge(limits) };
    const files = new Map<string, Uint8Array>();
    for (const entry of entries) {
      if (entry.fileName.endsWith('/') || !wanted(entry.fileName)) continue;
      if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
        return { ok: false, reason: `unsupported compression in ${entry.fileName} (method ${entry.compressionMethod})` };
      }
      if (entry.isEncrypted()) return { ok: false, reason: `encrypted archive (${entry.fileName} needs a password)` };
      try {
        files.set(entry.fileName, await inflate(zip, entry, archive));
      } catch (error) {
        if (error instanceof SizeLie) return { ok: false, reason: `${entry.fileName} inflates past its declared size (a zip bomb?)` };
        return { ok: false, reason: `${entry.fileName} is damaged (${message(error)})` };
      }
    }
    return { ok: true, files, entries: entries.length };
  } catch (error) {
    return { ok: false, reason: `damaged archive (${message(error)})` };
  } finally {
    zip.close();
  }
}

/** UTF-8 text of an entry (XML in DOCX/EPUB is UTF-8 or declares otherwise; UTF-8 covers ASCII). */
export function entryText(files: Map<string, Uint8Array>, name: string): string | undefined {
  const bytes = files.get(name);
  return bytes ? new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') : undefined;
}
