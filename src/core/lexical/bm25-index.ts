// BM25 over chunks with MiniSearch, using the shared analyzer (stemming, spelling variants).
// Also keeps document frequencies per term, which answer composition and the no-answer
// decision use to weigh how much of a question a passage really covers.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
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

const FIELD_BOOST = { text: 1, heading: 0.4, title: 0.3 };

const OPTIONS: Options<LexicalDoc> = {
  idField: 'id',
  fields: ['text', 'heading', 'title'],
  storeFields: [],
  tokenize: (text) => words(text),
  processTerm: (term) => termOf(term) ?? null,
  searchOptions: {
    boost: FIELD_BOOST,
    combineWith: 'OR',
    // Typos in longer words still find their term, at a fraction of an exact match's weight.
    fuzzy: (term) => (term.length >= 6 && !/^\d/.test(term) ? 1 : false),
    weights: { fuzzy: 0.35, prefix: 0.3 },
    bm25: { k: 1.2, b: 0.75, d: 0.5 },
  },
};

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

  /** `query` is the question; `expansions` (acronym long forms…) count at half weight. */
  search(query: string, expansions: string[], limit: number, filter?: (label: number) => boolean): LexicalHit[] {
    const queries: Array<string | { queries: string[]; combineWith: 'OR'; boost: Record<string, number> }> = [query];
    const halfBoost = Object.fromEntries(Object.entries(FIELD_BOOST).map(([k, v]) => [k, v * 0.5]));
    for (const expansion of expansions) queries.push({ queries: [expansion], combineWith: 'OR', boost: halfBoost });
    const results: SearchResult[] = this.search_.search(
      { queries, combineWith: 'OR' },
      filter ? { filter: (result) => filter(Number(result.id)) } : {},
    );
    return results.slice(0, limit).map((r) => ({ label: Number(r.id), score: r.score }));
  }
}
