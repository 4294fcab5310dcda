// The last retrieval stage: does the best passage answer the question, or do the passages only
// share its topic? The answerability model judges the best hit on the same features in every
// retrieval mode: a hit ranked by bm25 or dense alone gets its missing evidence here, so the
// evaluation compares the modes by one rule.
import type { IndexData } from '../index/generations.js';
import { expectedAnswerType } from '../retrieval/answer-type.js';
import { answerTypesOfSentence } from '../retrieval/answer-type-cache.js';
import { evidenceOf } from '../retrieval/evidence.js';
import type { FusedHit } from '../retrieval/fuse.js';
import type { RetrievalRequest, RetrievalStage, RetrievalState } from '../retrieval/pipeline.js';
import { absentWordsGain } from './absent-words.js';
import { answerFeatures } from './answer-features.js';
import { answerProbability, statusOf } from './answerability.js';

/** Hits compared with the best one: enough for "does it stand out?". */
const EVIDENCE_DEPTH = 10;

/** The top hits with evidence (and the best one's answer type), computing what a single-system ranking lacks. */
async function withEvidence(state: RetrievalState, request: RetrievalRequest, index: IndexData): Promise<FusedHit[]> {
  const { query, settings } = request;
  const top = state.hits.slice(0, EVIDENCE_DEPTH);
  const missing = top.filter((h) => !h.evidence);
  let hits = top;
  if (missing.length) {
    const needCosine = state.vector ? missing.filter((h) => !h.dense).map((h) => h.label) : [];
    const cosines = needCosine.length && state.vector ? await index.vectors.similarity(state.vector, needCosine) : [];
    const cosineOf = new Map(needCosine.map((label, i) => [label, cosines[i] ?? 0]));
    hits = top.map((h) => {
      if (h.evidence) return h;
      const cosine = h.dense || (cosineOf.get(h.label) ?? 0);
      return { ...h, dense: cosine, evidence: evidenceOf(index, query, h.label, h.lexical, cosine, state.vector, settings.embedding.multilingual) };
    });
  }
  const expected = expectedAnswerType(query.text);
  const best = hits[0];
  if (expected && best?.evidence && best.answerType === undefined) {
    hits = [{ ...best, answerType: answerTypesOfSentence(index, best.label, best.evidence.sentence).has(expected) ? 1 : 0 }, ...hits.slice(1)];
  }
  return hits;
}

export const answerCheckStage: RetrievalStage = {
  name: 'answer-check',
  async run(state, request) {
    const { index, query, settings } = request;
    // No word of the question can match a passage (only punctuation, emoji, stop words): nothing to answer from.
    if (state.hits.length === 0 || query.terms.length === 0) return { ...state, status: 'not-found', probability: 0, answerable: false };
    const hits = await withEvidence(state, request, index);
    // What the best passage lacks: pooled from the question's own token states, no second model call.
    const gain = await absentWordsGain(index, query, hits[0], request.embedQuestion);
    const features = answerFeatures(index, query, hits, expectedAnswerType(query.text), settings.retrieval.fusion.denseFloor, gain);
    const probability = features ? answerProbability(features, settings.answerability.model) : 0;
    const status = statusOf(probability, settings.answerability);
    return { ...state, hits: [...hits, ...state.hits.slice(hits.length)], status, probability, answerable: status === 'answered' };
  },
};
