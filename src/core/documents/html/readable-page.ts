// A web page's main content as blocks: Mozilla Readability (Firefox's reader view) picks the
// article out of navigation, sidebars, comments and footers; when it finds none (a short page,
// an index page), the body is read with the page chrome (nav, header, footer, aside) left out.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { type Block, decodeEntities, normalizeInline } from '../clean.js';
import type { MetadataHints } from '../build-document.js';
import { htmlToBlocks } from './html-blocks.js';
import { DOM_TREE, type DomNode, PARSED_TREE, parseMarkup } from './markup-trees.js';
import { htmlMetadata, type MetadataNode, pageElements } from './html-metadata.js';

export interface ReadablePage {
  blocks: Block[];
  hints: MetadataHints;
}

export function readablePage(html: string): ReadablePage {
  const { document } = parseHTML(html);
  // Declared metadata first: Readability rewrites the document it reads.
  const elements = pageElements(document as unknown as MetadataNode);
  const hints = htmlMetadata(document as unknown as MetadataNode, elements);
  // Navigation is never the article, though Readability keeps it on a page too short to judge.
  for (const element of (elements.get('nav') ?? []) as unknown as Array<{ remove(): void }>) element.remove();
  const bodyBlocks = (): Block[] => {
    const { document: fresh } = parseHTML(html);
    return fresh.body ? htmlToBlocks(fresh.body as unknown as DomNode, DOM_TREE, { dropPageChrome: true }) : [];
  };
  let article: { title?: string | null; byline?: string | null; siteName?: string | null; content?: unknown } | null;
  try {
    // serializer: keep the element, not an HTML string to parse again.
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { serializer: (el) => el }).parse();
  } catch {
    article = null; // Readability's own failure on odd markup: the body fallback still reads it
  }
  const content = article?.content as DomNode | undefined;
  let blocks = content ? htmlToBlocks(content, DOM_TREE, { dropPageChrome: false }) : [];
  if (blocks.length === 0) blocks = bodyBlocks();
  if (!hints.title && article?.title) hints.title = article.title;
  if (!hints.author && article?.byline) hints.author = article.byline;
  if (!hints.source && article?.siteName) hints.source = article.siteName;
  return { blocks, hints };
}

/** A fragment or document of trusted structure (mammoth's output, an EPUB chapter, marked's output) as blocks. */
export function markupBlocks(html: string): Block[] {
  // The whole parsed tree is walked: <head> and <title> are never text, so a fragment (mammoth's
  // output) and a whole document read alike.
  return htmlToBlocks(parseMarkup(html), PARSED_TREE, { dropPageChrome: false });
}

/** A document's <title>, read from the source text: finding it in the tree would walk it again. */
export function markupTitle(html: string): string | undefined {
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return titleMatch?.[1] ? normalizeInline(decodeEntities(titleMatch[1])) || undefined : undefined;
}
