// BM25 over chunks with MiniSearch. Fields are analysed by the shared analyser before they reach
// MiniSearch (each chunk in its document's language: English stemmed, other languages as written),
// so MiniSearch only splits terms on spaces. Also keeps document frequencies per term, which
// answer composition and the no-answer decision use to weigh how much of a question a passage covers.
import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import { DEFAULT_LEXICAL, type LexicalSettings } from '../settings.js';
import { terms } from '../text/analyze.js';
import type { Language } from '../text/language.js';

export interface LexicalDoc {
  id: number;
  text: string;
  title: string;
  heading: string;
  language: Language;
}

export interface LexicalHit {
  label: number;
  score: number;
}

export interface LexicalStats {
  /** Chunks in the index. */
  chunkCount: number;
  /** term → number of chunks containing it. */
  documentFrequency: Record<string, number>;
}

// How chunks are tokenised is part of the stored index; how they are scored (searchOptions) is
// applied per search from LexicalSettings, so tuning it needs no rebuild.
const OPTIONS: Options<LexicalDoc> = {
  idField: 'id',
  fields: ['text', 'heading', 'title'],
  storeFields: [],
  tokenize: (text) => text.split(' '),
  processTerm: (term) => term || null,
};

function searchOptionsOf(settings: LexicalSettings): SearchOptions {
  return {
    boost: settings.fieldBoost,
    combineWith: 'OR',
    // Typos in longer words still find their term, at a fraction of an exact match's weight.
    fuzzy: (term) => (term.length >= settings.fuzzyMinLength && !/^\d/.test(term) ? 1 : false),
    weights: { fuzzy: settings.fuzzyWeight, prefix: settings.prefixWeight },
    bm25: settings.bm25,
  };
}

export class LexicalIndex {
  private constructor(
    private readonly search_: MiniSearch<LexicalDoc>,
    readonly stats: LexicalStats,
  ) {}

  static build(docs: LexicalDoc[]): LexicalIndex {
    const search = new MiniSearch<LexicalDoc>(OPTIONS);
    const documentFrequency: Record<string, number> = {};
    for (const doc of docs) {
      const text = terms(doc.text, doc.language);
      search.add({ ...doc, text: text.join(' '), title: terms(doc.title, doc.language).join(' '), heading: terms(doc.heading, doc.language).join(' ') });
      for (const term of new Set(text)) documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
    }
    return new LexicalIndex(search, { chunkCount: docs.length, documentFrequency });
  }

  static fromJSON(json: string): LexicalIndex {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object' || !('index' in parsed) || !('stats' in parsed)) {
      throw new Error('lexical index file is not in the expected format');
    }
    const search = MiniSearch.loadJSON<LexicalDoc>(JSON.stringify(parsed.index), OPTIONS);
    return new LexicalIndex(search, parsed.stats as LexicalStats);
  }

  toJSON(): string {
    return JSON.stringify({ index: this.search_, stats: this.stats });
  }

  /** Inverse document frequency of a term (BM25's form, never negative). */
  idf(term: string): number {
    const n = this.stats.chunkCount;
    const df = this.stats.documentFrequency[term] ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** How many chunks contain an (analysed) term. */
  documentFrequency(term: string): number {
    return this.stats.documentFrequency[term] ?? 0;
  }

  /**
   * `queryTerms` are the question's analysed terms (with their variants); `expansions` (acronym
   * long forms…, analysed too) count at `expansionWeight`; `context` (a follow-up's terms from the
   * earlier question) at its own weight.
   */
  search(
    queryTerms: readonly string[],
    expansions: readonly string[][],
    limit: number,
    filter?: (label: number) => boolean,
    settings: LexicalSettings = DEFAULT_LEXICAL,
    context?: { terms: readonly string[]; weight: number },
  ): LexicalHit[] {
    const contextTerms = context?.terms ?? [];
    if (queryTerms.length === 0 && expansions.length === 0 && contextTerms.length === 0) return [];
    const queries: Array<string | { queries: string[]; combineWith: 'OR'; boost: Record<string, number> }> = [queryTerms.join(' ')];
    const boostOf = (weight: number) => Object.fromEntries(Object.entries(settings.fieldBoost).map(([k, v]) => [k, v * weight]));
    const expansionBoost = boostOf(settings.expansionWeight);
    for (const expansion of expansions) queries.push({ queries: [expansion.join(' ')], combineWith: 'OR', boost: expansionBoost });
    if (context && contextTerms.length) queries.push({ queries: [contextTerms.join(' ')], combineWith: 'OR', boost: boostOf(context.weight) });
    const options = searchOptionsOf(settings);
    const results: SearchResult[] = this.search_.search(
      { queries, combineWith: 'OR' },
      filter ? { ...options, filter: (result) => filter(Number(result.id)) } : options,
    );
    return results.slice(0, limit).map((r) => ({ label: Number(r.id), score: r.score }));
  }
}
