// Score fusion for hybrid retrieval: small pure functions, each testable alone.
import { DEFAULT_FUSION, type FusionSettings } from '../settings.js';
import type { Evidence } from './evidence.js';

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
  /** Everything the hybrid ranking knew about the passage (absent in the single-system baselines). */
  evidence?: Evidence;
  /** 1 when the passage's best sentence holds the kind of answer the question expects. */
  answerType?: number;
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

/** The weighted features of one candidate (weights: EngineSettings.retrieval.fusion). */
export function fusedScore(e: Evidence, answerType: number, settings: FusionSettings = DEFAULT_FUSION): number {
  const w = settings.weights;
  const lexical = w.lexical * e.bm25 * e.coverage + w.coverage * e.coverage + (e.bm25 > 0 ? w.window * e.window : 0);
  if (!e.denseTrusted) {
    // Lexical evidence alone, scaled to the same 0..1 range as a full score.
    const lexicalWeight = w.lexical + w.coverage + w.window;
    return lexicalWeight > 0 ? lexical / lexicalWeight : 0;
  }
  return lexical + w.cosine * rescaleCosine(e.cosine, settings.denseFloor) + w.sentenceCosine * rescaleCosine(e.sentenceCosine, settings.denseFloor) + w.answerType * answerType;
}

/** Candidates ranked by their fused score, best first (ties by label, so rankings are reproducible). */
export function fuseEvidence(evidence: readonly Evidence[], settings: FusionSettings = DEFAULT_FUSION): FusedHit[] {
  return evidence
    .map((e) => ({
      label: e.label,
      score: fusedScore(e, 0, settings),
      lexical: e.bm25 * e.coverage,
      dense: e.cosine,
      evidence: e,
    }))
    .sort((a, b) => b.score - a.score || a.label - b.label);
}
