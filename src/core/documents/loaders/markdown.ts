// Markdown (.md, .markdown): decoded like plain text; the cleaner reads its headings, lists and
// inline syntax, and front matter (title, date, url) supplies metadata.
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';
import type { DocumentLoader } from '../loader.js';
import { loadDecodedText } from './plain-text.js';

export const markdownLoader: DocumentLoader = {
  format: 'markdown',
  extensions: ['.md', '.markdown'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.markdown,
  load: ({ id, bytes, contentHash }) => Promise.resolve(loadDecodedText(id, bytes, contentHash, 'markdown')),
};
