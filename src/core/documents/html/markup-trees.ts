// The two trees html-blocks.ts walks. linkedom's DOM is what Readability needs and returns; for
// markup read for itself (EPUB chapters, mammoth's DOCX output) htmlparser2's own tree is built
// instead: the same parser underneath (linkedom builds its DOM from htmlparser2's events, with the
// same options, so both trees hold the same elements), without a DOM's bookkeeping. An EPUB of
// 111 kB spent most of its load time building a linkedom DOM and re-listing its children.
import { type ChildNode, type Document, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { MarkupTree } from './html-blocks.js';

/** The part of a linkedom node the walk reads. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

const tagName = (name: string) => name.toLowerCase().replace(/^.*:/, '');

export const DOM_TREE: MarkupTree<DomNode> = {
  kind: (node) => (node.nodeType === TEXT_NODE ? 'text' : node.nodeType === ELEMENT_NODE ? 'element' : 'other'),
  tag: (node) => tagName(node.nodeName),
  text: (node) => node.textContent ?? '',
  children: (node) => Array.from(node.childNodes),
  attribute: (node, name) => node.getAttribute?.(name),
};

type ParsedNode = ChildNode | Document;

const NO_CHILDREN: readonly ParsedNode[] = [];

export const PARSED_TREE: MarkupTree<ParsedNode> = {
  // A document reads like the <html> element it holds: its children are walked.
  kind: (node) => (isText(node) ? 'text' : isTag(node) || node.type === 'root' ? 'element' : 'other'),
  tag: (node) => (isTag(node) ? tagName(node.name) : ''),
  text: (node) => (isText(node) ? node.data : ''),
  children: (node) => ('children' in node ? node.children : NO_CHILDREN),
  attribute: (node, name) => (isTag(node) ? node.attribs[name] : undefined),
};

/** Markup parsed as linkedom's parseHTML parses it (HTML rules, entities decoded, attribute case kept). */
export function parseMarkup(html: string): Document {
  return parseDocument(html, { xmlMode: false, decodeEntities: true, lowerCaseAttributeNames: false });
}
