// GNU Info manuals (coreutils.info, find.info-1; usually gzip-compressed, as /usr/share/info
// holds them): nodes separated by the unit separator (0x1F), each opening with a navigation line
// ("File: marlin.info,  Node: Charging,  Next: Index,  Prev: Deployment,  Up: Top") and often
// ending with a menu of the nodes below it. Only the nodes' text is the manual: the preamble
// (the file's provenance and directory entry), navigation lines, menus and the tag table are
// how an Info reader moves around it. Headings are underlined ("2 Charging" over "*****").
import { buildDocument } from '../build-document.js';
import type { DocumentLoader, LoadOutcome } from '../loader.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../settings.js';
import { loadDecoded } from './plain-text.js';

const NODE_SEPARATOR = '\x1f';
/** A node's navigation line. */
const NODE_HEADER = /^\n?File: [^\n]*?Node: [^\n]*\n/;
/** A node's menu, to its end: Info puts menus last. */
const MENU = /\n\* Menu:[\s\S]*$/;
/** Cross references as a reader shows them: "*Note Charging::" → "see Charging". */
const CROSS_REFERENCE = /\*([Nn])ote[ \n]+([^:]+?)::/g;
/** "*Note Title: (manual)Node." */
const LABELLED_REFERENCE = /\*([Nn])ote[ \n]+([^:]+?):[ \n]+[^.,]+[.,]/g;

/** An Info file's readable text, or undefined when it holds no node (a split manual's index file). */
export function infoText(text: string): string | undefined {
  const nodes = text.split(NODE_SEPARATOR).filter((part) => NODE_HEADER.test(part));
  if (nodes.length === 0) return undefined;
  return nodes
    .map((node) =>
      node
        .replace(NODE_HEADER, '')
        .replace(MENU, '')
        .replace(CROSS_REFERENCE, (_, n: string, target: string) => `${n === 'N' ? 'See' : 'see'} ${target}`)
        .replace(LABELLED_REFERENCE, (_, n: string, label: string) => `${n === 'N' ? 'See' : 'see'} ${label}`)
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

export function loadInfo(id: string, bytes: Uint8Array, contentHash: string): LoadOutcome {
  let split = false;
  const outcome = loadDecoded(bytes, (text) => {
    const readable = infoText(text);
    split = readable === undefined && /^Indirect:$/m.test(text);
    return buildDocument(id, readable ?? '', contentHash, 'info');
  });
  // The main file of a split manual lists its parts; the parts are read as documents of their own.
  if (!outcome.ok && split) return { ok: false, reason: 'only an index of the manual\'s parts (its .info-1, .info-2 … files are read instead)' };
  return outcome;
}

export const infoLoader: DocumentLoader = {
  format: 'info',
  extensions: ['.info'],
  maxBytes: DEFAULT_DOCUMENT_LIMITS.maxBytes.text,
  load: ({ id, bytes, contentHash }) => Promise.resolve(loadInfo(id, bytes, contentHash)),
};
