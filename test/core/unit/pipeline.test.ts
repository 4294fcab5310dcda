// The retrieval pipeline: stages run in order, each timed under its name, and an async stage
// (one that does I/O) fits in without changing callers.
import { describe, expect, it } from 'vitest';
import { type RetrievalRequest, type RetrievalStage, runStages } from '../../../src/core/retrieval/pipeline.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { diversifyStage, RANKING_STAGES } from '../../../src/core/retrieval/stages.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import { tinyIndex, unitVector } from '../../support/tiny-index.js';

const index = tinyIndex([
  { id: 'a.txt', text: 'Alpha\n\nKites fly over the dunes in spring.\n\nThe dunes shift every winter.', vectors: [unitVector(0), unitVector(1)] },
  { id: 'b.txt', text: 'Beta\n\nKites need steady wind.', vectors: [unitVector(0, 0.5)] },
]);
const request = (question: string, extra: Partial<RetrievalRequest> = {}): RetrievalRequest => ({
  index,
  query: analyzeQuery(question, index.acronyms, index.lexical),
  mode: 'hybrid',
  settings: DEFAULT_SETTINGS,
  embed: () => Promise.resolve(unitVector(0)),
  ...extra,
});

describe('runStages', () => {
  it('runs embed → lexical → vector → fuse → answer-type → diversify and times each', async () => {
    const { state, stageMs } = await runStages(RANKING_STAGES, request('kites dunes'));
    expect(Object.keys(stageMs)).toEqual(['embed', 'lexical', 'vector', 'fuse', 'answer-type', 'diversify']);
    expect(state.hits[0]?.label).toBe(0);
    expect(state.vector).toBeDefined();
  });

  it('accepts an async stage between others (a re-ranker that awaits I/O)', async () => {
    const reverse: RetrievalStage = {
      name: 'rerank',
      run: async (state) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { ...state, hits: [...state.hits].reverse() };
      },
    };
    const plain = await runStages(RANKING_STAGES, request('kites dunes'));
    const reranked = await runStages([...RANKING_STAGES.filter((s) => s !== diversifyStage), reverse, diversifyStage], request('kites dunes'));
    expect(reranked.state.hits.map((h) => h.label)).toEqual([...plain.state.hits].reverse().map((h) => h.label));
    expect(reranked.stageMs.rerank).toBeGreaterThanOrEqual(4);
  });

  it('limits candidates to one document when asked', async () => {
    const { state } = await runStages(RANKING_STAGES, request('kites', { docId: 'b.txt' }));
    expect(state.hits.map((h) => index.chunks[h.label]?.docId)).toEqual(['b.txt']);
  });

  it('gives every lexical candidate its exact cosine in hybrid mode', async () => {
    const stored = [unitVector(0), unitVector(1), unitVector(0, 0.5)];
    const query = unitVector(0);
    const { state } = await runStages(RANKING_STAGES, request('dunes winter kites'));
    expect(state.lexical.length).toBe(3);
    for (const hit of state.hits) {
      const v = stored[hit.label] ?? new Float32Array(4);
      expect(hit.dense, `chunk ${hit.label}`).toBeCloseTo(v.reduce((sum, x, i) => sum + x * (query[i] ?? 0), 0), 5);
    }
  });

  it('skips the dense side in bm25 mode and the lexical side in dense mode', async () => {
    const bm25 = await runStages(RANKING_STAGES, request('kites', { mode: 'bm25', embed: undefined }));
    expect(bm25.state.dense).toEqual([]);
    expect(bm25.state.vector).toBeUndefined();
    const dense = await runStages(RANKING_STAGES, request('kites', { mode: 'dense' }));
    expect(dense.state.lexical).toEqual([]);
    expect(dense.state.hits.length).toBe(3);
  });
});
