// Raw bytes → text, or a reason the file cannot be read as text.

export type DecodeResult = { ok: true; text: string; encoding: 'utf-8' | 'windows-1252' } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/**
 * Share of control characters above which bytes are binary. Tab, newline, CR and form feed are
 * layout; backspace and escape are a terminal's formatting (overstrike bold, colour codes), which
 * text saved from `man` or `nroff` is full of and cleaning removes; Info manuals separate their
 * nodes with the unit separator.
 */
const MAX_CONTROL_RATIO = 0.02;
/** Tab, newline, form feed, CR; backspace and escape; the unit separator between GNU Info nodes. */
const LAYOUT_OR_TERMINAL = new Set([9, 10, 12, 13, 8, 27, 0x1f]);

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return { ok: false, reason: 'binary file (contains NUL bytes)' };
    if (byte < 32 && !LAYOUT_OR_TERMINAL.has(byte)) control++;
  }
  if (control / sample.length > MAX_CONTROL_RATIO) return { ok: false, reason: 'binary file (control characters)' };
  let text: string;
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  try {
    text = utf8.decode(bytes);
  } catch {
    // Not valid UTF-8: legacy Western text is by far the most common case.
    text = latin1.decode(bytes);
    encoding = 'windows-1252';
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, reason: 'no text (only whitespace)' };
  return { ok: true, text, encoding };
}
