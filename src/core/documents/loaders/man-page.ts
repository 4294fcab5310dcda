// Manual pages in their roff source (ls.1, lanternd.8; usually gzip-compressed, as
// /usr/share/man holds them): read by the man/mdoc macros, not printed as code. A file whose
// name looks like a page ("notes.1") but holds no page macros is plain text.
import { buildDocument, buildStructuredDocument } from '../build-document.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import { manBlocks } from '../roff/man-blocks.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';
import { loadDecoded } from './plain-text.js';

/** A page's first line: a comment or a request (".TH", ".Dd", ".so", pod2man's ".ie", ".ds"). Text that only starts with a dot fails PAGE_MACROS. */
export const ROFF_START = /^(?:\s*\n)*[.'][ \t]*(?:\\"|[A-Za-z]{2,3}\b)/;
/** A page declares its sections: without one this is text that happens to start with a dot. */
const PAGE_MACROS = /^[.'][ \t]*(?:SH|Sh|TH|Dd)\b/m;

/** ".so man1/gunzip.1": the whole page is a pointer to another one. */
const INCLUDE_ONLY = /^(?:\s*[.'][ \t]*\\".*\n)*\s*[.'][ \t]*so[ \t]+(\S+)\s*$/;

export function loadManPage(id: string, bytes: Uint8Array, contentHash: string): LoadOutcome {
  const include = INCLUDE_ONLY.exec(new TextDecoder().decode(bytes.subarray(0, 4096)));
  if (include && bytes.length <= 4096) return { ok: false, reason: `only points to another manual page (${include[1]})` };
  return loadDecoded(bytes, (text) => {
    if (!PAGE_MACROS.test(text)) return buildDocument(id, text, contentHash, 'text');
    const page = manBlocks(text);
    const hints = { ...(page.title ? { title: page.title } : {}), ...(page.date ? { date: page.date } : {}), ...(page.source ? { source: page.source } : {}) };
    return buildStructuredDocument({ id, contentHash, format: 'man', blocks: page.blocks, hints, prefer: 'hints', inferStructure: false });
  });
}

export const manPageLoader: DocumentLoader = {
  format: 'man',
  extensions: ['.man'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.text,
  load: ({ id, bytes, contentHash }) => Promise.resolve(loadManPage(id, bytes, contentHash)),
};
