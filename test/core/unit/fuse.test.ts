// Fusion, pure: no model, no index. A change to how evidence combines fails here and says where.
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/retrieval/evidence.js';
import { fusedScore, fuseEvidence, normalizeByMax, rescaleCosine } from '../../../src/core/retrieval/fuse.js';
import { DEFAULT_FUSION, type FusionSettings } from '../../../src/core/settings.js';

describe('normalizeByMax', () => {
  it('scales by the best score, so the best is 1', () => {
    expect([...normalizeByMax([{ label: 1, score: 8 }, { label: 2, score: 2 }]).entries()]).toEqual([[1, 1], [2, 0.25]]);
  });
  it('maps an all-zero list to zeros instead of dividing by zero', () => {
    expect(normalizeByMax([{ label: 1, score: 0 }]).get(1)).toBe(0);
  });
});

describe('rescaleCosine', () => {
  it('maps [floor, 1] onto [0, 1] and clamps below the floor', () => {
    expect(rescaleCosine(1, 0.15)).toBeCloseTo(1);
    expect(rescaleCosine(0.15, 0.15)).toBe(0);
    expect(rescaleCosine(0.05, 0.15)).toBe(0);
    expect(rescaleCosine(0.575, 0.15)).toBeCloseTo(0.5);
  });
});

const evidence = (label: number, parts: Partial<Evidence> = {}): Evidence => ({ label, bm25: 0, coverage: 0, window: 0, cosine: 0, sentenceCosine: 0, sentence: 0, denseTrusted: true, ...parts });
const only = (key: keyof FusionSettings['weights']): FusionSettings => ({
  ...DEFAULT_FUSION,
  weights: { lexical: 0, coverage: 0, window: 0, cosine: 0, sentenceCosine: 0, answerType: 0, [key]: 1 },
});

describe('fusedScore', () => {
  it('is the weighted sum of its features', () => {
    const e = evidence(1, { bm25: 0.5, coverage: 0.8, window: 0.6, cosine: 0.575, sentenceCosine: 0.745 });
    const w = DEFAULT_FUSION.weights;
    const expected = w.lexical * 0.5 * 0.8 + w.coverage * 0.8 + w.window * 0.6 + w.cosine * 0.5 + w.sentenceCosine * 0.7 + w.answerType * 1;
    expect(fusedScore(e, 1)).toBeCloseTo(expected, 10);
  });

  it('weighs each feature by its own weight', () => {
    const e = evidence(1, { bm25: 0.5, coverage: 0.8, window: 0.6, cosine: 0.575, sentenceCosine: 0.745 });
    expect(fusedScore(e, 0, only('lexical'))).toBeCloseTo(0.4);
    expect(fusedScore(e, 0, only('coverage'))).toBeCloseTo(0.8);
    expect(fusedScore(e, 0, only('window'))).toBeCloseTo(0.6);
    expect(fusedScore(e, 0, only('cosine'))).toBeCloseTo(0.5);
    expect(fusedScore(e, 0, only('sentenceCosine'))).toBeCloseTo(0.7);
    expect(fusedScore(e, 1, only('answerType'))).toBe(1);
  });

  it('counts sentence coverage only for passages the lexical search found', () => {
    expect(fusedScore(evidence(1, { window: 1 }), 0, only('window'))).toBe(0);
    expect(fusedScore(evidence(1, { window: 1, bm25: 0.1 }), 0, only('window'))).toBe(1);
  });
});

describe('passages the model cannot read', () => {
  it('count their lexical evidence alone, on the same scale, and ignore their cosines', () => {
    const e = evidence(1, { bm25: 1, coverage: 1, window: 1, cosine: 0.99, sentenceCosine: 0.99, denseTrusted: false });
    expect(fusedScore(e, 1)).toBeCloseTo(1);
    expect(fusedScore({ ...e, cosine: 0, sentenceCosine: 0 }, 0)).toBeCloseTo(1);
    expect(fusedScore({ ...e, bm25: 0, coverage: 0, window: 0 }, 1)).toBe(0);
  });
});

describe('fuseEvidence', () => {
  it('ranks by fused score and keeps lexical = BM25 × coverage and dense = cosine for later checks', () => {
    const hits = fuseEvidence([evidence(1, { cosine: 0.3 }), evidence(2, { cosine: 0.9, bm25: 1, coverage: 0.5 })]);
    expect(hits.map((h) => h.label)).toEqual([2, 1]);
    expect(hits[0]).toMatchObject({ lexical: 0.5, dense: 0.9 });
    expect(hits[0]?.evidence?.label).toBe(2);
  });

  it('lets a strong meaning match beat a weak best lexical match', () => {
    // The only lexical hit has BM25/max = 1 but covers a tenth of the question.
    const hits = fuseEvidence([evidence(1, { bm25: 1, coverage: 0.1, cosine: 0.2, sentenceCosine: 0.2 }), evidence(2, { cosine: 0.9, sentenceCosine: 0.9 })]);
    expect(hits[0]?.label).toBe(2);
  });

  it('orders ties by label, so rankings are reproducible', () => {
    expect(fuseEvidence([evidence(9, { cosine: 0.5 }), evidence(3, { cosine: 0.5 })]).map((h) => h.label)).toEqual([3, 9]);
  });
});
