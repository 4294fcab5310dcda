// Fusion weights fitted on development questions: every candidate's evidence is computed once
// with the engine's own stages, then coordinate ascent searches the weights that maximise
// passage@1 + 0.3 × MRR over all development questions together. One corpus alone would teach the
// ranking its quirks; the union of several kinds of text teaches what they share.
import { answerTypesIn } from '../core/text/entities.js';
import { expectedAnswerType } from '../core/retrieval/answer-type.js';
import { dropOverlapping } from '../core/retrieval/diversify.js';
import type { Evidence } from '../core/retrieval/evidence.js';
import { fusedScore } from '../core/retrieval/fuse.js';
import type { FusionSettings } from '../core/settings.js';
import type { Chunk, RankingEngine } from '../core/types.js';
import type { EvalQuestion } from './questions.js';
import { passageMatches } from './run-eval.js';

export interface FitCandidate {
  evidence: Evidence;
  answerType: number;
  gold: boolean;
}

export interface FitQuestion {
  corpus: string;
  candidates: FitCandidate[];
  chunks: readonly Chunk[];
}

/** The evidence the engine computes for a question's candidates, with the gold passage marked. */
export interface EvidenceSource extends RankingEngine {
  candidateEvidence(question: string): Promise<{ evidence: Evidence[]; chunks: readonly Chunk[] }>;
}

export async function collectFitQuestions(corpus: string, engine: EvidenceSource, questions: readonly EvalQuestion[]): Promise<FitQuestion[]> {
  const out: FitQuestion[] = [];
  for (const q of questions) {
    if (!q.doc || !q.answer) continue;
    const expected = expectedAnswerType(q.question);
    const { evidence, chunks } = await engine.candidateEvidence(q.question);
    const candidates = evidence.map((e) => {
      const chunk = chunks[e.label];
      const span = chunk?.sentences[e.sentence];
      const answerType = expected && chunk && span && answerTypesIn(chunk.text.slice(span.start, span.end)).has(expected) ? 1 : 0;
      return { evidence: e, answerType, gold: chunk ? passageMatches(chunk.docId, chunk.text, q) : false };
    });
    out.push({ corpus, candidates, chunks });
  }
  return out;
}

export interface FitScore {
  passageAt1: number;
  mrr: number;
  perCorpus: Record<string, { passageAt1: number; questions: number }>;
}

export function scoreWeights(questions: readonly FitQuestion[], settings: FusionSettings): FitScore {
  let top = 0;
  let reciprocal = 0;
  const perCorpus: Record<string, { hits: number; questions: number }> = {};
  for (const q of questions) {
    const ranked = q.candidates
      .map((c) => ({ label: c.evidence.label, gold: c.gold, score: fusedScore(c.evidence, c.answerType, settings) }))
      .sort((a, b) => b.score - a.score || a.label - b.label);
    const rank = dropOverlapping(ranked, q.chunks).findIndex((c) => c.gold);
    const entry = (perCorpus[q.corpus] ??= { hits: 0, questions: 0 });
    entry.questions++;
    if (rank === 0) {
      top++;
      entry.hits++;
    }
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  const n = Math.max(1, questions.length);
  return {
    passageAt1: top / n,
    mrr: reciprocal / n,
    perCorpus: Object.fromEntries(Object.entries(perCorpus).map(([k, v]) => [k, { passageAt1: v.hits / v.questions, questions: v.questions }])),
  };
}

/** MRR's share of the objective: breaks ties between weightings with the same passage@1. */
const MRR_SHARE = 0.3;
/** Coordinate-ascent step sizes, coarse to fine, and full passes over them. */
const STEPS = [0.4, 0.2, 0.1, 0.05, 0.025];
const PASSES = 4;

export function fitWeights(questions: readonly FitQuestion[], start: FusionSettings): FusionSettings {
  const objective = (s: FusionSettings) => {
    const r = scoreWeights(questions, s);
    return r.passageAt1 + MRR_SHARE * r.mrr;
  };
  let best = start;
  let bestValue = objective(best);
  const keys = Object.keys(start.weights) as Array<keyof FusionSettings['weights']>;
  for (let pass = 0; pass < PASSES; pass++) {
    for (const step of STEPS) {
      for (const key of keys) {
        for (const direction of [1, -1]) {
          for (;;) {
            const weights = { ...best.weights, [key]: Math.max(0, best.weights[key] + direction * step) };
            const trial = { ...best, weights };
            const value = objective(trial);
            if (value <= bestValue + 1e-9) break;
            best = trial;
            bestValue = value;
          }
        }
      }
    }
  }
  const total = keys.reduce((sum, k) => sum + best.weights[k], 0) || 1;
  const weights = Object.fromEntries(keys.map((k) => [k, Number((best.weights[k] / total).toFixed(3))])) as FusionSettings['weights'];
  return { ...best, weights };
}
