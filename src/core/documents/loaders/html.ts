// Web pages (.html, .htm): the declared charset honoured, the main content only (Readability),
// headings, code, lists and tables kept as blocks; title, date and author from <meta>, JSON-LD
// and <title>.
import { buildStructuredDocument } from '../build-document.js';
import { decodeHtml } from '../html/charset.js';
import { readablePage } from '../html/readable-page.js';
import type { DocumentLoader } from '../loader.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';

export const htmlLoader: DocumentLoader = {
  format: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.html,
  load: ({ id, bytes, contentHash, limits = DEFAULT_DOCUMENT_LIMITS }) => {
    if (bytes.length > limits.maxBytes.html) return Promise.resolve({ ok: false, reason: `too large (limit ${Math.round(limits.maxBytes.html / 2 ** 20)} MB for HTML)` });
    const decoded = decodeHtml(bytes);
    if (!decoded.ok) return Promise.resolve(decoded);
    const page = readablePage(decoded.text);
    const document = buildStructuredDocument({ id, contentHash, format: 'html', blocks: page.blocks, hints: page.hints, prefer: 'hints', inferStructure: false });
    if (document.paragraphs.filter((p) => !p.isHeading).length === 0) {
      return Promise.resolve({ ok: false, reason: 'no readable text (the page holds only navigation, scripts, styles or markup)' });
    }
    return Promise.resolve({ ok: true, document });
  },
};
