// Query analysis and coverage, pure: a tiny BM25 index built in memory, no model.
import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src/core/index/bm25-index.js';
import { analyzeQuery, coverage } from '../../../src/core/retrieval/query.js';
import { findAcronyms } from '../../../src/core/text/acronyms.js';
import { terms } from '../../../src/core/text/analyze.js';

const texts = [
  'The China-Pakistan Economic Corridor (CPEC) links Kashgar to Gwadar.',
  'Trade between the two countries rose by 68.9 percent.',
  'The corridor includes roads, railways and pipelines.',
  'Tourism in the northern valleys grew quickly.',
];
const lexical = LexicalIndex.build(texts.map((text, id) => ({ id, text, title: '', heading: '', language: 'en' as const })));
const acronyms = findAcronyms(texts.join('\n'));

describe('analyzeQuery', () => {
  it('keeps topic words, drops stop words and question words, stems and de-duplicates', () => {
    const query = analyzeQuery('What are the roads and the railways of the corridor? What roads?', acronyms, lexical);
    expect(query.terms).toEqual(['road', 'railwai', 'corridor']);
  });

  it('maps an acronym to its long form found in the corpus, both ways', () => {
    const short = analyzeQuery('Where does CPEC start?', acronyms, lexical);
    expect(short.expansions).toEqual([terms('China-Pakistan Economic Corridor')]);
    expect(short.alternatives.get('cpec')).toEqual([terms('China-Pakistan Economic Corridor')]);
    const long = analyzeQuery('Where does the China-Pakistan Economic Corridor start?', acronyms, lexical);
    expect(long.expansions).toEqual([['cpec']]);
  });

  it('weighs rare terms above common ones (idf from the corpus)', () => {
    const query = analyzeQuery('corridor tourism', acronyms, lexical);
    expect(query.idf.get('tourism')).toBeGreaterThan(query.idf.get('corridor') ?? Infinity);
  });
});

describe('coverage', () => {
  const query = analyzeQuery('What trade percent?', acronyms, lexical);

  it('is the idf-weighted share of question terms present in a passage', () => {
    expect(coverage(query, new Set(terms(texts[1] ?? '')))).toBe(1);
    expect(coverage(query, new Set(terms(texts[3] ?? '')))).toBe(0);
    const partial = coverage(query, new Set(terms('trade grew')));
    const weight = (t: string) => query.idf.get(t) ?? 0;
    expect(partial).toBeCloseTo(weight('trade') / query.terms.reduce((sum, t) => sum + weight(t), 0));
  });

  it('counts an acronym as present when the passage has its long form', () => {
    const cpec = analyzeQuery('CPEC', acronyms, lexical);
    expect(coverage(cpec, new Set(terms('the China-Pakistan Economic Corridor')))).toBe(1);
  });

  it('is 0 for a question with no search terms', () => {
    expect(coverage(analyzeQuery('What is it?', acronyms, lexical), new Set(['anything']))).toBe(0);
  });
});
