// Plain text (.txt, README, COPYING …): decoded (UTF-8, or Windows-1252 when it is not valid UTF-8),
// then cleaned; a Debian machine-readable copyright file is first rewritten as the text it holds.
import { buildDocument } from '../build-document.js';
import { debianCopyrightText } from '../debian-copyright.js';
import { decodeText } from '../decode.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import type { CleanDocument } from '../../types.js';

/** Decoded text read by `read`; a file that does not decode, or holds no text once cleaned, says why. */
export function loadDecoded(bytes: Uint8Array, read: (text: string) => CleanDocument): LoadOutcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const document = read(decoded.text);
  if (document.paragraphs.length === 0) return { ok: false, reason: 'no text after cleaning' };
  return { ok: true, document };
}

export const plainTextLoader: DocumentLoader = {
  format: 'text',
  extensions: ['.txt'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.text,
  load: ({ id, bytes, contentHash }) => Promise.resolve(loadDecoded(bytes, (text) => buildDocument(id, debianCopyrightText(text) ?? text, contentHash, 'text'))),
};
