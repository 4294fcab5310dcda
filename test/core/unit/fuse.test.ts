// Fusion, pure: no model, no index. A change to how scores combine fails here and says where.
import { describe, expect, it } from 'vitest';
import { fuseScores, normalizeByMax, rescaleCosine } from '../../../src/core/retrieval/fuse.js';
import { DEFAULT_FUSION } from '../../../src/core/settings.js';

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

describe('fuseScores', () => {
  const full = () => 1;

  it('is the weighted sum of max-normalised BM25 × coverage and rescaled cosine', () => {
    const [hit] = fuseScores([{ label: 7, score: 4 }], [{ label: 7, score: 0.575 }], () => 0.5, DEFAULT_FUSION);
    // lexical 1 × 0.5 coverage = 0.5; dense (0.575 − 0.15) / 0.85 = 0.5; half of each.
    expect(hit).toEqual({ label: 7, score: 0.5, lexical: 0.5, dense: 0.575 });
  });

  it('keeps a weak best lexical match at its true strength: coverage, not the max, decides', () => {
    // Only one lexical hit, so BM25/max is 1 whatever its BM25; it covers a tenth of the question.
    const hits = fuseScores([{ label: 1, score: 0.3 }], [{ label: 1, score: 0.2 }, { label: 2, score: 0.9 }], (label) => (label === 1 ? 0.1 : 0));
    expect(hits.map((h) => h.label)).toEqual([2, 1]);
  });

  it('lets a strong lexical match beat a mediocre dense one', () => {
    const hits = fuseScores([{ label: 1, score: 10 }, { label: 2, score: 1 }], [{ label: 1, score: 0.5 }, { label: 2, score: 0.6 }], full);
    expect(hits[0]?.label).toBe(1);
  });

  it('gives hits found on one side only the other side as zero', () => {
    const hits = fuseScores([{ label: 1, score: 1 }], [{ label: 2, score: 0.9 }], full);
    expect(hits.find((h) => h.label === 1)).toMatchObject({ dense: 0, lexical: 1 });
    expect(hits.find((h) => h.label === 2)).toMatchObject({ lexical: 0, dense: 0.9 });
  });

  it('follows the lexical weight: all lexical, all dense', () => {
    const lexical = [{ label: 1, score: 5 }];
    const dense = [{ label: 2, score: 0.95 }];
    expect(fuseScores(lexical, dense, full, { lexicalWeight: 1, denseFloor: 0.15 })[0]?.label).toBe(1);
    expect(fuseScores(lexical, dense, full, { lexicalWeight: 0, denseFloor: 0.15 })[0]?.label).toBe(2);
  });

  it('orders ties by label, so rankings are reproducible', () => {
    const hits = fuseScores([{ label: 9, score: 1 }, { label: 3, score: 1 }], [], full);
    expect(hits.map((h) => h.label)).toEqual([3, 9]);
  });
});
