// Saying "not found", pure: the model's probability and its three levels, the features of the best
// passage, and the answer-check stage on a tiny real index (real BM25, real HNSW, hand-made vectors).
import { describe, expect, it } from 'vitest';
import { answerCheckStage } from '../../../src/core/answer/answer-check.js';
import { ANSWER_FEATURES, type AnswerFeatures, NOT_MEASURED } from '../../../src/core/answer/answer-features.js';
import { type AnswerabilityModel, answerProbability, statusOf } from '../../../src/core/answer/answerability.js';
import type { QuestionEmbedding } from '../../../src/core/embed/embedder.js';
import { runStages, type RetrievalRequest } from '../../../src/core/retrieval/pipeline.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { RANKING_STAGES } from '../../../src/core/retrieval/stages.js';
import { DEFAULT_ANSWERABILITY, resolveSettings } from '../../../src/core/settings.js';
import { TINY_DIMENSION, tinyIndex, unitVector } from '../../support/tiny-index.js';

const zero = Object.fromEntries(ANSWER_FEATURES.map((n) => [n, 0])) as AnswerFeatures;
const model = (weights: Partial<Record<keyof AnswerFeatures, number>>, intercept = 0): AnswerabilityModel => ({
  intercept,
  features: Object.fromEntries(ANSWER_FEATURES.map((n) => [n, { mean: 0, sd: 1, weight: weights[n] ?? 0 }])) as AnswerabilityModel['features'],
});

describe('answerProbability', () => {
  it('is the logistic of the intercept plus the weighted standardised features', () => {
    expect(answerProbability(zero, model({}, 0))).toBeCloseTo(0.5);
    expect(answerProbability({ ...zero, sentenceCosine: 2 }, model({ sentenceCosine: 1 }, -2))).toBeCloseTo(0.5);
    const m: AnswerabilityModel = { intercept: 0, features: { ...model({}).features, focusCoverage: { mean: 0.5, sd: 0.25, weight: 1 } } };
    expect(answerProbability({ ...zero, focusCoverage: 0.75 }, m)).toBeCloseTo(1 / (1 + Math.exp(-1)));
  });

  it('rises with evidence the model weighs positively and falls with what it weighs negatively', () => {
    const m = model({ focusCoverage: 2, typeMissing: -2 });
    expect(answerProbability({ ...zero, focusCoverage: 1 }, m)).toBeGreaterThan(answerProbability(zero, m));
    expect(answerProbability({ ...zero, typeMissing: 1 }, m)).toBeLessThan(answerProbability(zero, m));
  });
});

describe('a feature not measured', () => {
  it('counts as the training average: neither for nor against an answer', () => {
    const m: AnswerabilityModel = { intercept: 0.3, features: { ...model({}).features, cosine: { mean: 0.4, sd: 0.2, weight: 1.5 } } };
    const average = answerProbability({ ...zero, cosine: 0.4 }, m);
    expect(answerProbability({ ...zero, cosine: NOT_MEASURED }, m)).toBeCloseTo(average, 10);
    // Read as 0 instead, it would count against the answer.
    expect(answerProbability({ ...zero, cosine: 0 }, m)).toBeLessThan(average);
  });
});

describe('statusOf', () => {
  const { answeredMin, relatedMin } = DEFAULT_ANSWERABILITY;
  it('answers from answeredMin, offers related passages from relatedMin, and says not found below', () => {
    expect(statusOf(answeredMin, DEFAULT_ANSWERABILITY)).toBe('answered');
    expect(statusOf(answeredMin - 0.01, DEFAULT_ANSWERABILITY)).toBe('related');
    expect(statusOf(relatedMin, DEFAULT_ANSWERABILITY)).toBe('related');
    expect(statusOf(relatedMin - 0.01, DEFAULT_ANSWERABILITY)).toBe('not-found');
  });
});

describe('answer-check stage', () => {
  const index = tinyIndex([
    { id: 'harbour.txt', text: 'Harbour Notes\n\nThe harbour master opens the lock gates at six.\n\nFerries leave for the islands every hour.', vectors: [unitVector(0), unitVector(1)] },
    { id: 'garden.txt', text: 'Garden Notes\n\nTomatoes need six hours of sun.', vectors: [unitVector(2)] },
  ]);
  const check = async (question: string, vector: Float32Array, mode: RetrievalRequest['mode'] = 'hybrid') => {
    const settings = resolveSettings({});
    const request: RetrievalRequest = { index, query: analyzeQuery(question, index.acronyms, index.lexical), mode, settings, embed: () => Promise.resolve(vector) };
    return (await runStages([...RANKING_STAGES, answerCheckStage], request)).state;
  };

  it('answers a question whose own words and meaning the best passage holds', async () => {
    const state = await check('When does the harbour master open the lock gates?', unitVector(0, 0.1));
    expect(state.status).toBe('answered');
    expect(state.answerable).toBe(true);
    expect(state.probability).toBeGreaterThan(DEFAULT_ANSWERABILITY.answeredMin);
  });

  it('does not claim an answer for a same-topic question whose own words the passages lack', async () => {
    const state = await check('What does the harbour charge for mooring a yacht overnight?', unitVector(3));
    expect(state.status).not.toBe('answered');
    expect(state.probability).toBeLessThan(DEFAULT_ANSWERABILITY.answeredMin);
  });

  it('judges the best hit of every retrieval mode by the same features', async () => {
    for (const mode of ['bm25', 'dense', 'hybrid'] as const) {
      const state = await check('When does the harbour master open the lock gates?', unitVector(0, 0.1), mode);
      expect(state.hits[0]?.evidence, mode).toBeDefined();
      expect(state.status, mode).toBe('answered');
    }
  });

  it('embeds the question once, pooling the rest of it from its token states, and a lacking word pulled away lowers the probability', async () => {
    const checked = async (question: string, awayWord: RegExp) => {
      const texts: string[] = [];
      const settings = resolveSettings({});
      // One token per word; a word matching `awayWord` points away from the passage (axis 1).
      const embedQuestion = (text: string): Promise<QuestionEmbedding> => {
        texts.push(text);
        const words = text.split(/\s+/).filter(Boolean);
        const rows = [unitVector(0, 0.1), ...words.map((w) => (awayWord.test(w) ? unitVector(1) : unitVector(0, 0.1))), unitVector(0, 0.1)];
        const sum = rows.reduce((acc, r) => acc.map((x, d) => x + (r[d] ?? 0)), new Float32Array(TINY_DIMENSION));
        const vector = sum.map((x) => x / Math.hypot(...sum));
        return Promise.resolve({ vector, tokens: { states: Float32Array.from(rows.flatMap((r) => Array.from(r))), dim: TINY_DIMENSION, wordTokens: words.map(() => 1) } });
      };
      const embed = async (text: string) => (await embedQuestion(text)).vector;
      const query = analyzeQuery(question, index.acronyms, index.lexical);
      const { state } = await runStages([...RANKING_STAGES, answerCheckStage], { index, query, mode: 'hybrid', settings, embed, embedQuestion });
      return { probability: state.probability ?? 0, texts: new Set(texts) };
    };
    // The passage lacks "night": its row pulled away from the passage is what the question adds.
    const question = 'When does the harbour master open the lock gates at night?';
    const pulled = await checked(question, /night/);
    const alike = await checked(question, /^$/);
    expect(pulled.texts).toEqual(new Set([question]));
    expect(pulled.probability).toBeLessThan(alike.probability);
  });

  it('says not found when nothing was retrieved', async () => {
    const state = await check('zzzz qqqq', unitVector(3), 'bm25');
    expect(state.status).toBe('not-found');
  });
});
