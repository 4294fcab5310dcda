// A DOM subtree → blocks: the one HTML path that HTML pages (after Readability), DOCX (after
// mammoth) and EPUB chapters share. Headings stay headings, <pre> stays one code block with its
// lines, lists and tables become one block each (items and rows on their own lines), and
// everything that is not text (scripts, styles, forms, navigation) is left out.
import { type Block, normalizeInline } from '../clean.js';

/** The part of the DOM this walk reads (linkedom's nodes satisfy it). */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Never text: code, styling, embedded media, forms. */
const NEVER_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio', 'form', 'button', 'select', 'input', 'textarea', 'head', 'title', 'meta', 'link']);
/** Page chrome: dropped from web pages, kept in books and Word files (where a <header> holds a chapter title). */
const PAGE_CHROME = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
/** Elements that end the running paragraph (all others are inline). */
const BLOCK_LEVEL = new Set([
  'p', 'div', 'section', 'article', 'main', 'body', 'html', 'blockquote', 'figure', 'figcaption', 'address', 'details', 'summary',
  'dl', 'dt', 'dd', 'center', 'hgroup', 'li', 'caption', 'fieldset', 'legend', 'hr', 'nav', 'header', 'footer', 'aside', 'menu', 'dialog', 'search',
]);

export interface HtmlBlockOptions {
  /** Drop navigation, headers, footers and asides (web pages without Readability's help). */
  dropPageChrome: boolean;
}

function tagOf(node: DomNode): string {
  return node.nodeName.toLowerCase().replace(/^.*:/, '');
}

function children(node: DomNode): DomNode[] {
  return Array.from(node.childNodes);
}

/** The text of an inline subtree, scripts left out. */
function inlineText(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== ELEMENT_NODE) return '';
  const tag = tagOf(node);
  if (NEVER_TEXT.has(tag)) return '';
  if (tag === 'br') return ' ';
  const inner = children(node).map(inlineText).join('');
  // Block-level children inside an inline context (a <p> in a table cell) still separate words.
  return BLOCK_LEVEL.has(tag) || tag === 'td' || tag === 'th' ? ` ${inner} ` : inner;
}

/** Items of a list, nested lists flattened after their parent item, each marked like a printed list. */
function listLines(list: DomNode, depth = 0): string[] {
  const ordered = tagOf(list) === 'ol';
  let n = Number(list.getAttribute?.('start') ?? '1') || 1;
  const lines: string[] = [];
  for (const item of children(list)) {
    if (item.nodeType !== ELEMENT_NODE || tagOf(item) !== 'li') continue;
    const nested = children(item).filter((c) => c.nodeType === ELEMENT_NODE && (tagOf(c) === 'ul' || tagOf(c) === 'ol'));
    const own = normalizeInline(children(item).filter((c) => !nested.includes(c)).map(inlineText).join(''));
    if (own) lines.push(`${'  '.repeat(depth)}${ordered ? `${n}.` : '•'} ${own}`);
    n++;
    for (const sub of nested) lines.push(...listLines(sub, depth + 1));
  }
  return lines;
}

/** Rows of a table, cells separated by " | " (a header row reads like any other). */
function tableRows(table: DomNode): string[] {
  const rows: string[] = [];
  const visit = (node: DomNode) => {
    for (const child of children(node)) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = tagOf(child);
      if (tag === 'tr') {
        const cells = children(child)
          .filter((c) => c.nodeType === ELEMENT_NODE && (tagOf(c) === 'td' || tagOf(c) === 'th'))
          .map((c) => normalizeInline(inlineText(c)));
        if (cells.some(Boolean)) rows.push(cells.join(' | '));
      } else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
        visit(child);
      }
    }
  };
  visit(table);
  return rows;
}

export function htmlToBlocks(root: DomNode, options: HtmlBlockOptions): Block[] {
  const blocks: Block[] = [];
  let pending = '';
  const flush = () => {
    const text = normalizeInline(pending);
    if (text) blocks.push({ text, headingLevel: 0 });
    pending = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      pending += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = tagOf(node);
    if (NEVER_TEXT.has(tag) || (options.dropPageChrome && PAGE_CHROME.has(tag))) return;
    if (node.getAttribute?.('hidden') !== null && node.getAttribute?.('hidden') !== undefined) return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush();
      const text = normalizeInline(inlineText(node));
      if (text) blocks.push({ text, headingLevel: Number(heading[1]) });
      return;
    }
    if (tag === 'pre') {
      flush();
      const text = normalizeInline(node.textContent ?? '', true);
      if (text.trim()) blocks.push({ text, headingLevel: 0, kind: 'code' });
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      flush();
      const lines = listLines(node);
      if (lines.length) blocks.push({ text: lines.join('\n'), headingLevel: 0, kind: 'list' });
      return;
    }
    if (tag === 'table') {
      flush();
      for (const caption of children(node).filter((c) => c.nodeType === ELEMENT_NODE && tagOf(c) === 'caption')) {
        const text = normalizeInline(inlineText(caption));
        if (text) blocks.push({ text, headingLevel: 0 });
      }
      const rows = tableRows(node);
      if (rows.length) blocks.push({ text: rows.join('\n'), headingLevel: 0, kind: 'table' });
      return;
    }
    if (tag === 'br') {
      pending += ' ';
      return;
    }
    const isBlock = BLOCK_LEVEL.has(tag);
    if (isBlock) flush();
    for (const child of children(node)) walk(child);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return blocks;
}
