// Markdown (.md, .markdown): decoded like plain text, parsed by marked (CommonMark with GitHub's
// tables), and the HTML it makes read by the shared HTML → blocks walk. So fenced and indented
// code stays one code block with its lines, a table keeps its rows, a list its items, and badge
// images and link targets never reach the text (reading the raw text, a README's fenced install
// commands ran into one line and its table into the paragraph after it). Front matter (title,
// date, author, source, url) is declared metadata, and wins over what the text suggests.
import { Marked } from 'marked';
import { buildStructuredDocument } from '../build-document.js';
import { frontMatterHints, parseFrontMatter } from '../front-matter.js';
import { markupBlocks } from '../html/readable-page.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import { loadDecoded } from './plain-text.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';

const markdown = new Marked({ gfm: true, async: false });

export function loadMarkdown(id: string, bytes: Uint8Array, contentHash: string): LoadOutcome {
  return loadDecoded(bytes, (text) => {
    // Entities and inline HTML are marked's to read: text decoded here first would turn "&lt;b&gt;" into a tag.
    const { fields, body } = parseFrontMatter(text.replace(/\r\n?/g, '\n'));
    const blocks = markupBlocks(markdown.parse(body) as string);
    return buildStructuredDocument({ id, contentHash, format: 'markdown', blocks, hints: frontMatterHints(fields), prefer: 'hints', inferStructure: false });
  });
}

export const markdownLoader: DocumentLoader = {
  format: 'markdown',
  extensions: ['.md', '.markdown'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.markdown,
  load: ({ id, bytes, contentHash }) => Promise.resolve(loadMarkdown(id, bytes, contentHash)),
};
