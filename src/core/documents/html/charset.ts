// HTML bytes → text, honouring the charset the page declares (a byte order mark, <meta charset>,
// <meta http-equiv="Content-Type" content="…; charset=…">, or an XML declaration), as browsers
// do; without a declaration, UTF-8 when the bytes are valid UTF-8, else Windows-1252.
import { decodeText } from '../decode.js';

export type HtmlDecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** Browsers look for the declaration in the first 1024 bytes; a little more costs nothing. */
const PRESCAN_BYTES = 4096;

const BOMS: ReadonlyArray<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The encoding label a page declares in its first bytes, if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  for (const [bom, label] of BOMS) if (bom.every((b, i) => bytes[i] === b)) return label;
  // Declarations are ASCII in every encoding a page can declare itself in.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([-\w.:]+)/i.exec(head);
  if (meta?.[1]) return meta[1].toLowerCase();
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([-\w.:]+)["']/i.exec(head);
  return xml?.[1]?.toLowerCase();
}

export function decodeHtml(bytes: Uint8Array): HtmlDecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const label = declaredCharset(bytes);
  if (label) {
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = undefined; // an unknown label: browsers ignore it too
    }
    if (decoder) {
      const text = decoder.decode(bytes).replace(/^\uFEFF/, '');
      if (!text.trim()) return { ok: false, reason: 'no text (only whitespace)' };
      return { ok: true, text, encoding: decoder.encoding };
    }
  }
  const decoded = decodeText(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, encoding: decoded.encoding } : decoded;
}
