// A text's vector without some of its words, pooled from the token states of one model call.
import { describe, expect, it } from 'vitest';
import type { TokenStates } from '../../../src/core/embed/embedder.js';
import { pooledWords } from '../../../src/core/embed/token-pooling.js';

/** Token states of 2 dimensions: [CLS], then each word's rows, then [SEP]. */
function states(rows: Array<[number, number]>, wordTokens: number[]): TokenStates {
  return { states: Float32Array.from(rows.flat()), dim: 2, wordTokens };
}

describe('pooledWords', () => {
  // [CLS] (1,0) · "satellite" as two pieces (0,1) (0,1) · "cost" (3,0) · [SEP] (1,0)
  const tokens = states([[1, 0], [0, 1], [0, 1], [3, 0], [1, 0]], [2, 1]);

  it('is the normalised mean of every row when every word is kept', () => {
    const all = pooledWords(tokens, [true, true]);
    const norm = Math.hypot(5, 2);
    expect(Array.from(all ?? [])).toEqual([5 / norm, 2 / norm].map((x) => Math.fround(x)));
  });

  it("leaves out every row of a dropped word and keeps the special tokens'", () => {
    const withoutCost = pooledWords(tokens, [true, false]);
    const norm = Math.hypot(2, 2);
    expect(withoutCost?.[0]).toBeCloseTo(2 / norm, 6);
    expect(withoutCost?.[1]).toBeCloseTo(2 / norm, 6);
    const withoutSatellite = pooledWords(tokens, [false, true]);
    expect(Array.from(withoutSatellite ?? [])).toEqual([1, 0]);
  });

  it('is undefined when the flags do not fit the words', () => {
    expect(pooledWords(tokens, [true])).toBeUndefined();
    expect(pooledWords({ ...tokens, dim: 0 }, [true, true])).toBeUndefined();
  });
});
