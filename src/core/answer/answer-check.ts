// The last retrieval stage: does one of the top passages answer the question, or do they only
// share its topic? Judged on both signals whatever ranked the hit (a bm25-only hit gets its cosine
// here), so every retrieval mode says "not found" by the same rule.
import { chunkCoverage } from '../retrieval/query.js';
import type { RetrievalStage } from '../retrieval/pipeline.js';
import { isAnswerable, signalsOf } from './answerability.js';

export const answerCheckStage: RetrievalStage = {
  name: 'answer-check',
  async run(state, { index, query, settings }) {
    const top = state.hits.slice(0, settings.answerability.checkDepth).filter((hit) => index.chunks[hit.label]);
    const needCosine = state.vector ? top.filter((hit) => !hit.dense).map((hit) => hit.label) : [];
    const cosines = needCosine.length && state.vector ? await index.vectors.similarity(state.vector, needCosine) : [];
    const cosineOf = new Map(needCosine.map((label, i) => [label, cosines[i] ?? 0]));
    const answerable = top.some((hit) => {
      const cosine = hit.dense || (cosineOf.get(hit.label) ?? 0);
      return isAnswerable(signalsOf({ ...hit, dense: cosine }, chunkCoverage(index, query, hit.label)), settings.answerability);
    });
    return { ...state, answerable };
  },
};
