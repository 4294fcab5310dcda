// BM25 over chunks with MiniSearch, using the shared analyzer (stemming, spelling variants).
// Also keeps document frequencies per term, which answer composition and the no-answer
// decision use to weigh how much of a question a passage really covers.
import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import { DEFAULT_LEXICAL, type LexicalSettings } from '../settings.js';
import { termOf, words } from '../text/analyze.js';

export interface LexicalDoc {
  id: number;
  text: string;
  title: string;
  heading: string;
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
  tokenize: (text) => words(text),
  processTerm: (term) => termOf(term) ?? null,
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
    search.addAll(docs);
    const documentFrequency: Record<string, number> = {};
    for (const doc of docs) {
      const seen = new Set<string>();
      for (const word of words(`${doc.text}`)) {
        const term = termOf(word);
        if (term) seen.add(term);
      }
      for (const term of seen) documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
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

  /** `query` is the question; `expansions` (acronym long forms…) count at `expansionWeight`. */
  search(query: string, expansions: string[], limit: number, filter?: (label: number) => boolean, settings: LexicalSettings = DEFAULT_LEXICAL): LexicalHit[] {
    const queries: Array<string | { queries: string[]; combineWith: 'OR'; boost: Record<string, number> }> = [query];
    const expansionBoost = Object.fromEntries(Object.entries(settings.fieldBoost).map(([k, v]) => [k, v * settings.expansionWeight]));
    for (const expansion of expansions) queries.push({ queries: [expansion], combineWith: 'OR', boost: expansionBoost });
    const options = searchOptionsOf(settings);
    const results: SearchResult[] = this.search_.search(
      { queries, combineWith: 'OR' },
      filter ? { ...options, filter: (result) => filter(Number(result.id)) } : options,
    );
    return results.slice(0, limit).map((r) => ({ label: Number(r.id), score: r.score }));
  }
}
