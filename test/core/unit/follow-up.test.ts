// Follow-up term merging without the model: which questions lean on the one before, which
// earlier question supplies the subject, and how its key terms join the query at a lower weight.
import { describe, expect, it } from 'vitest';
import { blendVectors, contextChain, contextKeyTerms, dependenceOf, type EarlierQuestion, mergeContext, namesASubject } from '../../../src/core/retrieval/follow-up.js';
import type { AnalyzedQuery } from '../../../src/core/retrieval/query.js';
import { queryTerms } from '../../../src/core/text/analyze.js';

const idfOf: Record<string, number> = { calloway: 3.1, found: 1.2, charter: 2.5, royal: 2.2, port: 1.4, pakistan: 2.9, import: 1.8, china: 0.9, rise: 1.1 };

function earlier(text: string): EarlierQuestion {
  const terms = queryTerms(text);
  return { text, terms, idf: new Map(terms.map((t) => [t, idfOf[t] ?? 1])) };
}

function query(text: string): AnalyzedQuery {
  const terms = queryTerms(text);
  return { text, terms, searchTerms: terms, expansions: [], alternatives: new Map(), idf: new Map(terms.map((t) => [t, idfOf[t] ?? 1])) };
}

describe('follow-up questions', () => {
  it('tells questions that lean on the one before from questions that stand on their own', () => {
    const dependence = (q: string) => dependenceOf(q, queryTerms(q));
    expect(dependence('and when was it founded?')).toBe('continuation');
    expect(dependence('What about Pakistan?')).toBe('continuation');
    expect(dependence('when was it founded?')).toBe('reference');
    expect(dependence('who was his wife?')).toBe('reference');
    expect(dependence('why?')).toBe('no-subject');
    // A name of its own says what "its" is; "that" and "there" are not pointers back.
    expect(dependence('What does the SCO call its founding spirit?')).toBeUndefined();
    expect(dependence('Is there a fee for late returns?')).toBeUndefined();
    expect(dependence('Which law sets the rules that govern parking?')).toBeUndefined();
    expect(dependence('When did Shehbaz Sharif take office?')).toBeUndefined();
    expect(dependence('')).toBeUndefined();
  });

  it('reads capitalised words past the first as names, not "I" or the opening word', () => {
    expect(namesASubject('When did Calloway get a charter?')).toBe(true);
    expect(namesASubject('Can I reset it?')).toBe(false);
    expect(namesASubject('Why did shipping move away from it in the 1970s?')).toBe(false);
  });

  it('looks back until an earlier question names the subject', () => {
    const chain = contextChain([earlier('When did Calloway get its royal charter?'), earlier('and when was it founded?'), earlier('who ran it?')], 3);
    expect(chain.map((q) => q.text)).toEqual(['who ran it?', 'and when was it founded?', 'When did Calloway get its royal charter?']);
    expect(contextChain([earlier('When did Calloway get its royal charter?'), earlier('How much did imports from China rise?')], 3).map((q) => q.text)).toEqual(['How much did imports from China rise?']);
    expect(contextChain([earlier('who ran it?'), earlier('and then?')], 1)).toHaveLength(1);
  });

  it('takes the earlier key terms the follow-up lacks, rarest first, and merges them at a lower weight', () => {
    const followUp = query('what about Pakistan?');
    const keyTerms = contextKeyTerms(followUp, [earlier('How much did imports from China rise?')], 2);
    // "pakistan" is the follow-up's own; of the rest the two rarest.
    expect(keyTerms).toEqual([{ term: 'import', idf: 1.8 }, { term: 'rise', idf: 1.1 }]);
    const merged = mergeContext(followUp, keyTerms, { lexicalWeight: 0.5, coverageWeight: 0.25 });
    expect(merged.terms).toEqual(['pakistan', 'import', 'rise']);
    expect(merged.idf.get('pakistan')).toBe(2.9);
    expect(merged.idf.get('import')).toBeCloseTo(1.8 * 0.25);
    expect(merged.context).toEqual({ terms: ['import', 'rise'], weight: 0.5 });
    expect(merged.searchTerms).toEqual(followUp.searchTerms);
    // Nothing to add: the query is returned as it was.
    expect(mergeContext(followUp, [], { lexicalWeight: 0.5, coverageWeight: 0.25 })).toBe(followUp);
  });

  it('pulls the follow-up vector towards the earlier one and keeps it unit length', () => {
    const blended = blendVectors(Float32Array.from([1, 0]), Float32Array.from([0, 1]), 0.5);
    expect(Math.hypot(...blended)).toBeCloseTo(1);
    expect(blended[0] ?? 0).toBeGreaterThan(blended[1] ?? 0);
  });
});
