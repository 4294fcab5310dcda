// reStructuredText (.rst: Python projects' READMEs and manuals): read as plain text, whose reader
// already knows its underlined headings, once its inline markup is what it prints. Roles
// (":ref:`Installation`") print their text, hyperlinks ("`the site <https://…>`_") their label,
// inline literals (``storm.log``) their content; directive markers (".. note::") are dropped
// with their options, and comments ("..  anything") entirely.
import { buildDocument } from '../build-document.js';
import type { DocumentLoader } from '../loader.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';
import { loadDecoded } from './plain-text.js';

export function plainRestructuredText(text: string): string {
  return text
    .replace(/^\.\. (?:[\w-]+::[^\n]*)(?:\n[ \t]+:[\w -]+:[^\n]*)*/gm, '') // ".. code-block:: sh" and its ":linenos:" options
    .replace(/^\.\.(?: (?!\[|_|\|)[^\n]*)?(?:\n[ \t]+\S[^\n]*)*$/gm, '') // comments: ".." and the indented lines after it
    .replace(/^\.\. _[^:\n]+:[^\n]*$/gm, '') // link targets: ".. _site: https://…"
    .replace(/:[\w:+-]+:`([^`<]*?)(?:\s*<[^>]*>)?`/g, '$1') // roles
    .replace(/`([^`<]+?)\s*<[^>]*>`_{1,2}/g, '$1') // hyperlinks with a target
    .replace(/`([^`]+)`_{1,2}/g, '$1') // named references
    .replace(/``([^`]+)``/g, '$1') // inline literals
    .replace(/(\S)::$/gm, '$1:') // "Example::" opens a literal block; it reads "Example:"
    .replace(/^::$/gm, '');
}

export const restructuredTextLoader: DocumentLoader = {
  format: 'rst',
  extensions: ['.rst', '.rest'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.text,
  load: ({ id, bytes, contentHash }) => Promise.resolve(loadDecoded(bytes, (text) => buildDocument(id, plainRestructuredText(text), contentHash, 'rst'))),
};
