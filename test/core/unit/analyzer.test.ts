// The BM25 analyser and index, pure: words → terms, spelling variants, idf, ranking.
import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src/core/index/bm25-index.js';
import { americanSpelling, queryTerms, termOf, terms, words } from '../../../src/core/text/analyze.js';
import { DEFAULT_LEXICAL } from '../../../src/core/settings.js';

describe('words and terms', () => {
  it('lower-cases, folds diacritics and quotes, keeps numbers whole', () => {
    expect(words('Crème Brûlée costs 2,000 yuan — 27.82 % more; it’s Beijing’s')).toEqual(['creme', 'brulee', 'costs', '2000', 'yuan', '27.82', 'percent', 'more', 'it', 'beijing']);
  });

  it('meets British and American spellings and inflections in one term', () => {
    for (const [a, b] of [['programmes', 'program'], ['neighbourhood', 'neighborhood'], ['organisation', 'organization'], ['analysed', 'analyzed'], ['centres', 'centers']]) {
      expect(termOf(a ?? ''), `${a} / ${b}`).toBe(termOf(b ?? ''));
    }
  });

  it('leaves words the suffix rules would break alone', () => {
    for (const word of ['our', 'hour', 'rise', 'promise', 'science', 'since']) expect(americanSpelling(word)).toBe(word);
  });

  it('drops stop words from terms and also question words from query terms', () => {
    expect(terms('the trade of the region')).toEqual(['trade', 'region']);
    expect(queryTerms('Explain the region trade')).toEqual(['region', 'trade']);
    expect(terms('Explain the region trade')).toEqual(['explain', 'region', 'trade']);
  });
});

describe('LexicalIndex', () => {
  const docs = ['solar panels on every roof', 'wind turbines along the coast', 'solar and wind power together', 'a history of the harbour', 'the electricity transmission network'];
  const index = LexicalIndex.build(docs.map((text, id) => ({ id, text, title: id === 3 ? 'Harbour history' : '', heading: '', language: 'en' as const })));
  const search = (text: string, expansions: string[] = [], settings = DEFAULT_LEXICAL) => index.search(terms(text), expansions.map((e) => terms(e)), 10, undefined, settings);

  it('ranks the passage sharing the rarest terms first', () => {
    expect(search('solar roof').map((h) => h.label)).toEqual([0, 2]);
  });

  it('computes BM25 idf: rarer is higher, never negative', () => {
    expect(index.idf('roof')).toBeGreaterThan(index.idf('solar'));
    expect(index.idf('absent')).toBeGreaterThan(index.idf('roof'));
    expect(index.idf('solar')).toBeGreaterThan(0);
  });

  it('finds a typo in a long word, at a fraction of an exact match', () => {
    const typo = search('transmision');
    const exact = search('transmission');
    expect(typo[0]?.label).toBe(4);
    expect(typo[0]?.score).toBeLessThan((exact[0]?.score ?? 0) * DEFAULT_LEXICAL.fuzzyWeight * 1.01);
  });

  it('finds the harbour under its American spelling', () => {
    expect(search('harbor')[0]?.label).toBe(3);
  });

  it('weighs an expansion below the question itself', () => {
    const [withExpansion] = search('harbour', ['solar']);
    expect(withExpansion?.label).toBe(3);
  });

  it('survives a JSON round trip with the same results', () => {
    const again = LexicalIndex.fromJSON(index.toJSON());
    expect(again.search(terms('wind coast'), [], 10)).toEqual(search('wind coast'));
  });
});
