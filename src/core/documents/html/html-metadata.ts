// Title, date, author, publisher and address a web page declares: scholarly citation_* tags,
// JSON-LD (schema.org Article and kin), Open Graph / article:* tags, plain <meta name>, and
// <title>. Read before Readability runs, since it rewrites the document.
import type { MetadataHints } from '../build-document.js';
import { normalizeInline } from '../clean.js';
import { parseDateValue } from '../dates.js';

/** The part of a DOM node this reads (linkedom's satisfy it). */
export interface MetadataNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MetadataNode>;
  getAttribute?(name: string): string | null;
}

export interface Element {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** The tags metadata lives in, and navigation, collected in one walk (a CSS query per tag walks the DOM each time). */
const COLLECTED_TAGS = new Set(['meta', 'script', 'title', 'time', 'link', 'nav']);
const NAVIGATION_ROLES = new Set(['navigation', 'menubar']);
/**
 * Classes and ids documentation generators give a page's navigation: DocBook's tables of
 * contents and its Prev/Next bars, Sphinx's toctree, pandoc's and MkDocs' TOC. Readability
 * removes classes before it chooses, so they are read here.
 */
const NAVIGATION_CLASSES = new Set(['toc', 'navheader', 'navfooter', 'toctree-wrapper', 'table-of-contents', 'list-of-tables', 'list-of-figures', 'list-of-examples']);
const NAVIGATION_IDS = new Set(['toc', 'TOC', 'table-of-contents']);

/** A title block's date and author as pandoc and many blogs mark them: `<p class="date">April 2025</p>`. */
const DECLARING_CLASS = /(?:^|\s)(date|author)(?:\s|$)/;

function isNavigation(node: MetadataNode & { getAttribute(name: string): string | null }): boolean {
  if (NAVIGATION_ROLES.has(node.getAttribute('role') ?? '')) return true;
  const id = node.getAttribute('id');
  if (id && NAVIGATION_IDS.has(id)) return true;
  const cls = node.getAttribute('class');
  return !!cls && cls.split(/\s+/).some((c) => NAVIGATION_CLASSES.has(c));
}

/** Elements by tag (the tags above; `nav` also holds elements with a navigation role, class or id). */
export function pageElements(root: MetadataNode): Map<string, Element[]> {
  const found = new Map<string, Element[]>();
  const stack: MetadataNode[] = [root];
  while (stack.length) {
    const node = stack.pop();
    // Elements, and the document node itself (9), have children worth walking.
    if (!node || (node.nodeType !== 1 && node.nodeType !== 9)) continue;
    const tag = node.nodeName.toLowerCase();
    if (node.nodeType === 1 && node.getAttribute) {
      const element = node as MetadataNode & { getAttribute(name: string): string | null };
      const key = COLLECTED_TAGS.has(tag) ? tag : isNavigation(element) ? 'nav' : DECLARING_CLASS.exec(element.getAttribute('class') ?? '')?.[1];
      if (key) {
        const list = found.get(key) ?? [];
        list.push(node as MetadataNode & Element);
        found.set(key, list);
      }
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  return found;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function metaValues(tags: Map<string, Element[]>): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of tags.get('meta') ?? []) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').toLowerCase().trim();
    const content = normalizeInline(meta.getAttribute('content') ?? '');
    // The first occurrence wins: citation_author repeats once per author, the first is the lead.
    if (key && content && !values.has(key)) values.set(key, content);
  }
  return values;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in the page's JSON-LD blocks (arrays and @graph flattened); broken blocks are skipped. */
function jsonLdObjects(tags: Map<string, Element[]>): Array<{ [key: string]: Json }> {
  const out: Array<{ [key: string]: Json }> = [];
  const visit = (value: Json) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      out.push(value);
      if (value['@graph'] !== undefined) visit(value['@graph']);
    }
  };
  for (const script of tags.get('script') ?? []) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      visit(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      // Malformed JSON-LD is common on the web and says nothing about the text.
    }
  }
  return out;
}

/** A schema.org name: a string, {name}, or the first of an array of either. */
function nameOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return normalizeInline(value) || undefined;
  if (Array.isArray(value)) return nameOf(value[0]);
  if (isObject(value)) return nameOf(value.name);
  return undefined;
}

/** A date or an author marked by class is a short line; a longer one is a paragraph about them. */
const MAX_DATE_CHARS = 40;
const MAX_AUTHOR_CHARS = 80;

const CREATIVE_WORK = /article|posting|report|webpage|creativework|scholarly|book|chapter/i;

export function htmlMetadata(root: MetadataNode, tags: Map<string, Element[]> = pageElements(root)): MetadataHints {
  const meta = metaValues(tags);
  const ld = jsonLdObjects(tags).find((o) => CREATIVE_WORK.test(String(o['@type'] ?? '')) && (o.headline !== undefined || o.datePublished !== undefined)) ?? {};
  const first = (...values: Array<string | undefined>) => values.find((v) => v !== undefined && v !== '');
  const titleElement = normalizeInline(tags.get('title')?.[0]?.textContent ?? '');
  const title = first(meta.get('citation_title'), nameOf(ld.headline), meta.get('og:title'), meta.get('dc.title'), meta.get('twitter:title'), titleElement || undefined);
  const rawDate = first(
    meta.get('citation_publication_date'),
    meta.get('citation_date'),
    meta.get('article:published_time'),
    typeof ld.datePublished === 'string' ? ld.datePublished : undefined,
    meta.get('dc.date.issued'),
    meta.get('dc.date'),
    meta.get('date'),
    (tags.get('time') ?? []).map((t) => t.getAttribute('datetime')).find(Boolean) ?? undefined,
    (tags.get('date') ?? []).map((d) => normalizeInline(d.textContent ?? '')).find((text) => text.length <= MAX_DATE_CHARS && parseDateValue(text)),
  );
  const date = rawDate ? parseDateValue(rawDate) : undefined;
  // article:author is often a profile URL, not a name.
  const articleAuthor = meta.get('article:author');
  const classAuthor = (tags.get('author') ?? []).map((a) => normalizeInline(a.textContent ?? '')).find((text) => text.length > 0 && text.length <= MAX_AUTHOR_CHARS);
  const author = first(meta.get('citation_author'), nameOf(ld.author), meta.get('author'), meta.get('dc.creator'), articleAuthor && !/^https?:/.test(articleAuthor) ? articleAuthor : undefined, classAuthor);
  const source = first(meta.get('citation_journal_title'), meta.get('og:site_name'), nameOf(ld.publisher), meta.get('citation_publisher'));
  const canonical = (tags.get('link') ?? []).find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))?.getAttribute('href') ?? undefined;
  const url = first(canonical, meta.get('og:url'));
  return {
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...(source ? { source } : {}),
    ...(url && /^https?:\/\//i.test(url) ? { url } : {}),
  };
}
