// A DOM subtree → blocks: the one HTML path that HTML pages (after Readability), DOCX (after
// mammoth) and EPUB chapters share. Headings stay headings, <pre> stays one code block with its
// lines, lists and tables become one block each (items and rows on their own lines), and
// everything that is not text (scripts, styles, forms, navigation) is left out.
import { type Block, normalizeInline } from '../clean.js';

/**
 * How the walk reads a tree: the same walk serves linkedom's DOM (Readability works on it, and
 * hands back one of its elements) and htmlparser2's lighter tree (markup read for itself: a book
 * chapter, mammoth's output), whose children are plain arrays rather than lists a DOM rebuilds on
 * every visit (markup-trees.ts).
 */
export interface MarkupTree<N> {
  kind(node: N): 'text' | 'element' | 'other';
  /** An element's tag, lower case, without a namespace prefix. */
  tag(node: N): string;
  /** A text node's text. */
  text(node: N): string;
  children(node: N): readonly N[];
  /** null (or undefined) when the element has no such attribute. */
  attribute(node: N, name: string): string | null | undefined;
}

/** Never text: code, styling, embedded media, forms. */
const NEVER_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio', 'form', 'button', 'select', 'input', 'textarea', 'head', 'title', 'meta', 'link']);
/** Page chrome: dropped from web pages, kept in books and Word files (where a <header> holds a chapter title). */
const PAGE_CHROME = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
/** Elements that end the running paragraph (all others are inline). */
const BLOCK_LEVEL = new Set([
  'p', 'div', 'section', 'article', 'main', 'body', 'html', 'blockquote', 'figure', 'figcaption', 'address', 'details', 'summary',
  'dl', 'dt', 'dd', 'center', 'hgroup', 'li', 'caption', 'fieldset', 'legend', 'hr', 'nav', 'header', 'footer', 'aside', 'menu', 'dialog', 'search',
]);

/** A superscript footnote or reference marker ("[1]", "[note 2]", "[citation needed]"): a link to the notes, not part of the sentence. */
const FOOTNOTE_MARKER = /^\s*\[[^\]]{1,30}\]\s*$/;
/** A permalink sign after a heading's or a term's words ("Invoking lanternd ¶"). */
const PERMALINK_MARK = /\s*¶$/u;
/** "Next: …, Previous: …, Up: …": the links between the pages of a generated manual (makeinfo, info). */
const NAVIGATION_LABEL = /\b(?:next|previous|prev|up)\s*:/gi;
/** Labels a navigation panel has at least, and the share of its text that is links (the rest is labels and punctuation). */
const MIN_NAVIGATION_LABELS = 2;
const MIN_NAVIGATION_LINK_SHARE = 0.5;

/** A paragraph that only links to the neighbouring pages of a manual: chrome, not content. */
function isNavigationPanel(text: string, linkShare: number): boolean {
  return linkShare >= MIN_NAVIGATION_LINK_SHARE && (text.match(NAVIGATION_LABEL)?.length ?? 0) >= MIN_NAVIGATION_LABELS;
}

export interface HtmlBlockOptions {
  /** Drop navigation, headers, footers and asides (web pages without Readability's help). */
  dropPageChrome: boolean;
}

/** Every text under `node`, as written (a <pre>'s lines). */
function allText<N>(tree: MarkupTree<N>, node: N): string {
  const kind = tree.kind(node);
  if (kind === 'text') return tree.text(node);
  return kind === 'element' ? tree.children(node).map((c) => allText(tree, c)).join('') : '';
}

const isFootnoteMarker = <N>(tree: MarkupTree<N>, node: N, tag: string): boolean => tag === 'sup' && FOOTNOTE_MARKER.test(allText(tree, node));

/** The text of an inline subtree, scripts and footnote markers left out. */
function inlineText<N>(tree: MarkupTree<N>, node: N): string {
  const kind = tree.kind(node);
  if (kind === 'text') return tree.text(node);
  if (kind !== 'element') return '';
  const tag = tree.tag(node);
  if (NEVER_TEXT.has(tag) || isFootnoteMarker(tree, node, tag)) return '';
  if (tag === 'br') return ' ';
  const inner = tree.children(node).map((c) => inlineText(tree, c)).join('');
  // Block-level children inside an inline context (a <p> in a table cell) still separate words.
  return BLOCK_LEVEL.has(tag) || tag === 'td' || tag === 'th' ? ` ${inner} ` : inner;
}

const isElement = <N>(tree: MarkupTree<N>, node: N, ...tags: string[]): boolean => tree.kind(node) === 'element' && tags.includes(tree.tag(node));

/** Items of a list, nested lists flattened after their parent item, each marked like a printed list. */
function listLines<N>(tree: MarkupTree<N>, list: N, depth = 0): string[] {
  const ordered = tree.tag(list) === 'ol';
  let n = Number(tree.attribute(list, 'start') ?? '1') || 1;
  const lines: string[] = [];
  for (const item of tree.children(list)) {
    if (!isElement(tree, item, 'li')) continue;
    const nested = tree.children(item).filter((c) => isElement(tree, c, 'ul', 'ol'));
    const own = normalizeInline(tree.children(item).filter((c) => !nested.includes(c)).map((c) => inlineText(tree, c)).join(''));
    if (own) lines.push(`${'  '.repeat(depth)}${ordered ? `${n}.` : '•'} ${own}`);
    n++;
    for (const sub of nested) lines.push(...listLines(tree, sub, depth + 1));
  }
  return lines;
}

/**
 * A page's own table of contents: a list whose every item is only a link to a place on the same
 * page ("#Deployment"), as makeinfo, Sphinx and pandoc write them. The headings it lists follow
 * in the text; quoted as a passage it would answer nothing.
 */
function isTableOfContents<N>(tree: MarkupTree<N>, list: N): boolean {
  const items = tree.children(list).filter((c) => isElement(tree, c, 'li'));
  return items.length > 0 && items.every((item) => {
    const own = tree.children(item).filter((c) => !isElement(tree, c, 'ul', 'ol') && !(tree.kind(c) === 'text' && !tree.text(c).trim()));
    const link = own.length === 1 ? own[0] : undefined;
    const target = link && isElement(tree, link, 'a') ? tree.attribute(link, 'href') : undefined;
    const nested = tree.children(item).filter((c) => isElement(tree, c, 'ul', 'ol'));
    return typeof target === 'string' && target.startsWith('#') && nested.every((sub) => isTableOfContents(tree, sub));
  });
}

/** Rows of a table, cells separated by " | " (a header row reads like any other). */
function tableRows<N>(tree: MarkupTree<N>, table: N): string[] {
  const rows: string[] = [];
  const visit = (node: N) => {
    for (const child of tree.children(node)) {
      if (isElement(tree, child, 'tr')) {
        const cells = tree.children(child).filter((c) => isElement(tree, c, 'td', 'th')).map((c) => normalizeInline(inlineText(tree, c)));
        if (cells.some(Boolean)) rows.push(cells.join(' | '));
      } else if (isElement(tree, child, 'thead', 'tbody', 'tfoot')) {
        visit(child);
      }
    }
  };
  visit(table);
  return rows;
}

export function htmlToBlocks<N>(root: N, tree: MarkupTree<N>, options: HtmlBlockOptions): Block[] {
  const blocks: Block[] = [];
  let pending = '';
  /** How much of `pending` is link text (inside <a>), and how deep in links the walk is. */
  let linked = 0;
  let linkDepth = 0;
  /** A definition list's term (<dt>) waiting for its description: it opens the description's first paragraph. */
  let term: string | undefined;
  const releaseTerm = () => {
    if (term) blocks.push({ text: term, headingLevel: 0 });
    term = undefined;
  };
  const push = (block: Block) => {
    if (term && !block.kind && !block.headingLevel) {
      block = { ...block, text: `${term}${term.endsWith(':') ? '' : ':'} ${block.text}` };
      term = undefined;
    }
    releaseTerm();
    blocks.push(block);
  };
  const flush = () => {
    const text = normalizeInline(pending);
    if (text && !isNavigationPanel(text, pending.length ? linked / pending.length : 0)) push({ text, headingLevel: 0 });
    pending = '';
    linked = 0;
  };
  const walk = (node: N): void => {
    const kind = tree.kind(node);
    if (kind === 'text') {
      const text = tree.text(node);
      pending += text;
      if (linkDepth > 0) linked += text.length;
      return;
    }
    if (kind !== 'element') return;
    const tag = tree.tag(node);
    if (NEVER_TEXT.has(tag) || (options.dropPageChrome && PAGE_CHROME.has(tag))) return;
    const hidden = tree.attribute(node, 'hidden');
    if (hidden !== null && hidden !== undefined) return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush();
      // A permalink generators put after the heading's words (Sphinx, MkDocs, makeinfo) is not part of its name.
      const text = normalizeInline(inlineText(tree, node)).replace(PERMALINK_MARK, '');
      if (text) push({ text, headingLevel: Number(heading[1]) });
      return;
    }
    if (tag === 'dt') {
      flush();
      const text = normalizeInline(inlineText(tree, node)).replace(PERMALINK_MARK, '');
      if (text) term = term ? `${term}, ${text}` : text;
      return;
    }
    if (tag === 'pre') {
      flush();
      const text = normalizeInline(allText(tree, node), true);
      if (text.trim()) push({ text, headingLevel: 0, kind: 'code' });
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      flush();
      if (isTableOfContents(tree, node)) return;
      const lines = listLines(tree, node);
      if (lines.length) push({ text: lines.join('\n'), headingLevel: 0, kind: 'list' });
      return;
    }
    if (tag === 'table') {
      flush();
      for (const caption of tree.children(node).filter((c) => isElement(tree, c, 'caption'))) {
        const text = normalizeInline(inlineText(tree, caption));
        if (text) push({ text, headingLevel: 0 });
      }
      const rows = tableRows(tree, node);
      if (rows.length) push({ text: rows.join('\n'), headingLevel: 0, kind: 'table' });
      return;
    }
    if (tag === 'br') {
      pending += ' ';
      return;
    }
    if (isFootnoteMarker(tree, node, tag)) return;
    const isBlock = BLOCK_LEVEL.has(tag);
    if (isBlock) flush();
    if (tag === 'a') linkDepth++;
    for (const child of tree.children(node)) walk(child);
    if (tag === 'a') linkDepth--;
    if (isBlock) flush();
    // A term left without a description still reads, on its own.
    if (tag === 'dl') releaseTerm();
  };
  walk(root);
  flush();
  releaseTerm();
  return blocks;
}
