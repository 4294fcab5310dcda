// Saying "not found", pure: the rule on its two signals, and the answer-check stage on a tiny
// real index (real BM25, real HNSW, hand-made vectors; no model).
import { describe, expect, it } from 'vitest';
import { answerCheckStage } from '../../../src/core/answer/answer-check.js';
import { isAnswerable } from '../../../src/core/answer/answerability.js';
import { runStages, type RetrievalRequest } from '../../../src/core/retrieval/pipeline.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { RANKING_STAGES } from '../../../src/core/retrieval/stages.js';
import { DEFAULT_ANSWERABILITY, DEFAULT_SETTINGS, resolveSettings } from '../../../src/core/settings.js';
import { tinyIndex, unitVector } from '../../support/tiny-index.js';

describe('isAnswerable', () => {
  const { minCoverage, minCosine, strongCosine } = DEFAULT_ANSWERABILITY;

  it('answers on meaning alone at a strong cosine, whatever the shared words', () => {
    expect(isAnswerable({ coverage: 0, cosine: strongCosine })).toBe(true);
    expect(isAnswerable({ coverage: 0, cosine: strongCosine - 0.01 })).toBe(false);
  });

  it('answers when enough of the question is covered and the meaning is not unrelated', () => {
    expect(isAnswerable({ coverage: minCoverage, cosine: minCosine })).toBe(true);
    expect(isAnswerable({ coverage: minCoverage - 0.01, cosine: strongCosine - 0.01 })).toBe(false);
    expect(isAnswerable({ coverage: 1, cosine: minCosine - 0.01 })).toBe(false);
  });

  it('follows its settings', () => {
    expect(isAnswerable({ coverage: 0.3, cosine: 0.2 }, { ...DEFAULT_ANSWERABILITY, minCoverage: 0.25 })).toBe(true);
  });
});

describe('answer-check stage', () => {
  const index = tinyIndex([
    { id: 'harbour.txt', text: 'Harbour Notes\n\nThe harbour master opens the lock gates at six.\n\nFerries leave for the islands every hour.', vectors: [unitVector(0), unitVector(1)] },
    { id: 'garden.txt', text: 'Garden Notes\n\nTomatoes need six hours of sun.', vectors: [unitVector(2)] },
  ]);
  const ask = async (question: string, vector: Float32Array, overrides = {}) => {
    const settings = resolveSettings(overrides);
    const request: RetrievalRequest = { index, query: analyzeQuery(question, index.acronyms, index.lexical), mode: 'hybrid', settings, embed: () => Promise.resolve(vector) };
    return (await runStages([...RANKING_STAGES, answerCheckStage], request)).state;
  };

  it('answers a question whose rare words a passage holds', async () => {
    expect((await ask('When does the harbour master open the lock gates?', unitVector(0, 0.2))).answerable).toBe(true);
  });

  it('refuses a same-topic question the passages only brush against', async () => {
    // Shares "harbour" only; its meaning points at no passage.
    expect((await ask('What does the harbour charge for mooring a yacht overnight?', unitVector(3))).answerable).toBe(false);
  });

  it('answers a paraphrase with no shared words when the meaning is close', async () => {
    expect((await ask('Which boats sail to the isles regularly?', unitVector(1, 0.1))).answerable).toBe(true);
  });

  it('checks only the top hits (checkDepth)', async () => {
    const question = 'Tomatoes sun hours';
    // The garden passage ranks first for these words; with depth 0 nothing is checked.
    expect((await ask(question, unitVector(2))).answerable).toBe(true);
    expect((await ask(question, unitVector(2), { answerability: { checkDepth: 0 } })).answerable).toBe(false);
  });

  it('judges a bm25-ranked hit by its real cosine too', async () => {
    const settings = DEFAULT_SETTINGS;
    const query = analyzeQuery('lock gates harbour master', index.acronyms, index.lexical);
    const bm25: RetrievalRequest = { index, query, mode: 'bm25', settings, embed: () => Promise.resolve(unitVector(0)) };
    const { state } = await runStages([...RANKING_STAGES, answerCheckStage], bm25);
    expect(state.hits[0]?.dense).toBe(0);
    expect(state.answerable).toBe(true);
  });
});
