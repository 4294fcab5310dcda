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

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/**
 * Where an entry's data starts: after its local header, whose name and extra-field lengths
 * (bytes 26–29) may differ from the directory's. yauzl's own reader of this does the same in a
 * callback per entry; reading the two fields here saves a turn of the event loop per entry.
 */
function dataStart(archive: Buffer, entry: Entry): number {
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + LOCAL_HEADER_BYTES > archive.length || archive.readUInt32LE(at) !== LOCAL_HEADER_SIGNATURE) throw new Error(`no local header for ${entry.fileName}`);
  const start = at + LOCAL_HEADER_BYTES + archive.readUInt16LE(at + 26) + archive.readUInt16LE(at + 28);
  if (start + entry.compressedSize > archive.length) throw new Error(`${entry.fileName} runs past the end of the file`);
  return start;
}

class SizeLie extends Error {}

/** The entry's bytes; never more than it declares (zlib stops at maxOutputLength). */
function inflate(entry: Entry, archive: Buffer): Uint8Array {
  const start = dataStart(archive, entry);
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
        files.set(entry.fileName, inflate(entry, archive));
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
