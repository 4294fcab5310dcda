// Score fusion for hybrid retrieval: small pure functions, each testable alone.
import { DEFAULT_FUSION, type FusionSettings } from '../settings.js';

export interface Ranked {
  label: number;
  score: number;
}

export interface FusedHit {
  label: number;
  score: number;
  /** BM25 score divided by the best BM25 score of the query, times query coverage (0 when not retrieved lexically). */
  lexical: number;
  /** Cosine similarity (0 when not retrieved densely). */
  dense: number;
}

/** Scales scores into 0..1 by the best score of the list (BM25 has no fixed range). */
export function normalizeByMax(hits: Ranked[]): Map<number, number> {
  const max = hits.reduce((m, h) => Math.max(m, h.score), 0);
  return new Map(hits.map((h) => [h.label, max > 0 ? h.score / max : 0]));
}

/** Maps cosine from [floor, 1] onto [0, 1], clamping below the floor. */
export function rescaleCosine(cosine: number, floor: number): number {
  return Math.max(0, (cosine - floor) / (1 - floor));
}

/**
 * Convex combination of the lexical and dense evidence. Lexical = BM25 / best BM25 of the query
 * × coverage (the idf-weighted share of the question's terms the passage contains): BM25 alone
 * ranks passages against each other, but max-normalising it lifts a weak best match to 1.0;
 * coverage keeps it at its true strength, so a strong dense match can win. Unlike reciprocal
 * rank fusion, score gaps survive: a passage that is the only strong match stays far ahead.
 */
export function fuseScores(
  lexical: Ranked[],
  dense: Ranked[],
  coverageOf: (label: number) => number,
  settings: FusionSettings = DEFAULT_FUSION,
): FusedHit[] {
  const lexicalNorm = normalizeByMax(lexical);
  const denseCos = new Map(dense.map((h) => [h.label, h.score]));
  const labels = new Set([...lexicalNorm.keys(), ...denseCos.keys()]);
  const fused: FusedHit[] = [];
  for (const label of labels) {
    const bm25 = lexicalNorm.get(label) ?? 0;
    const lex = bm25 > 0 ? bm25 * coverageOf(label) : 0;
    const cos = denseCos.get(label) ?? 0;
    const score = settings.lexicalWeight * lex + (1 - settings.lexicalWeight) * rescaleCosine(cos, settings.denseFloor);
    fused.push({ label, score, lexical: lex, dense: cos });
  }
  return fused.sort((a, b) => b.score - a.score || a.label - b.label);
}
