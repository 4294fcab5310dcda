// Title, date, author, publisher and address a web page declares: scholarly citation_* tags,
// JSON-LD (schema.org Article and kin), Open Graph / article:* tags, plain <meta name>, and
// <title>. Read before Readability runs, since it rewrites the document.
import type { MetadataHints } from '../build-document.js';
import { normalizeInline } from '../clean.js';
import { parseDateValue } from '../dates.js';

/** The query part of a DOM document this reads (linkedom's satisfies it). */
export interface QueryableDocument {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function metaValues(doc: QueryableDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of Array.from(doc.querySelectorAll('meta'))) {
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
function jsonLdObjects(doc: QueryableDocument): Array<{ [key: string]: Json }> {
  const out: Array<{ [key: string]: Json }> = [];
  const visit = (value: Json) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      out.push(value);
      if (value['@graph'] !== undefined) visit(value['@graph']);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
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

const CREATIVE_WORK = /article|posting|report|webpage|creativework|scholarly|book|chapter/i;

export function htmlMetadata(doc: QueryableDocument): MetadataHints {
  const meta = metaValues(doc);
  const ld = jsonLdObjects(doc).find((o) => CREATIVE_WORK.test(String(o['@type'] ?? '')) && (o.headline !== undefined || o.datePublished !== undefined)) ?? {};
  const first = (...values: Array<string | undefined>) => values.find((v) => v !== undefined && v !== '');
  const titleElement = normalizeInline(Array.from(doc.querySelectorAll('title'))[0]?.textContent ?? '');
  const title = first(meta.get('citation_title'), nameOf(ld.headline), meta.get('og:title'), meta.get('dc.title'), meta.get('twitter:title'), titleElement || undefined);
  const rawDate = first(
    meta.get('citation_publication_date'),
    meta.get('citation_date'),
    meta.get('article:published_time'),
    typeof ld.datePublished === 'string' ? ld.datePublished : undefined,
    meta.get('dc.date.issued'),
    meta.get('dc.date'),
    meta.get('date'),
    Array.from(doc.querySelectorAll('time[datetime]'))[0]?.getAttribute('datetime') ?? undefined,
  );
  const date = rawDate ? parseDateValue(rawDate) : undefined;
  // article:author is often a profile URL, not a name.
  const articleAuthor = meta.get('article:author');
  const author = first(meta.get('citation_author'), nameOf(ld.author), meta.get('author'), meta.get('dc.creator'), articleAuthor && !/^https?:/.test(articleAuthor) ? articleAuthor : undefined);
  const source = first(meta.get('citation_journal_title'), meta.get('og:site_name'), nameOf(ld.publisher), meta.get('citation_publisher'));
  const canonical = Array.from(doc.querySelectorAll('link[rel="canonical"]'))[0]?.getAttribute('href') ?? undefined;
  const url = first(canonical, meta.get('og:url'));
  return {
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...(source ? { source } : {}),
    ...(url && /^https?:\/\//i.test(url) ? { url } : {}),
  };
}
