// Fitting the answerability model, pure: it separates answerable from unanswerable examples, and a
// feature not measured for some examples (NaN) neither skews its statistics nor poisons the fit.
import { describe, expect, it } from 'vitest';
import { ANSWER_FEATURES, type AnswerFeatures, NOT_MEASURED } from '../../../src/core/answer/answer-features.js';
import { answerProbability } from '../../../src/core/answer/answerability.js';
import { type AnswerExample, fitAnswerability } from '../../../src/eval/fit-answerability.js';

const features = (values: Partial<AnswerFeatures>): AnswerFeatures => ({ ...(Object.fromEntries(ANSWER_FEATURES.map((n) => [n, 0])) as AnswerFeatures), ...values });
const example = (i: number, answerable: boolean, values: Partial<AnswerFeatures>): AnswerExample => ({ corpus: 'c', id: `q${i}`, answerable, correct: answerable, features: features(values) });

describe('fitAnswerability', () => {
  // Answerable questions score higher; every third one's cosine is not measured.
  const examples = Array.from({ length: 60 }, (_, i) => {
    const answerable = i % 2 === 0;
    const score = answerable ? 0.6 + (i % 7) * 0.03 : 0.2 + (i % 5) * 0.03;
    return example(i, answerable, { score, cosine: i % 3 === 0 ? NOT_MEASURED : score / 2 });
  });
  const model = fitAnswerability(examples);

  it('learns that the feature separating the classes raises the probability', () => {
    expect(model.features.score.weight).toBeGreaterThan(0);
    expect(answerProbability(features({ score: 0.7, cosine: 0.35 }), model)).toBeGreaterThan(0.5);
    expect(answerProbability(features({ score: 0.2, cosine: 0.1 }), model)).toBeLessThan(0.5);
  });

  it('takes the statistics of a partly measured feature from its measured values only', () => {
    const measured = examples.map((e) => e.features.cosine).filter((v) => !Number.isNaN(v));
    const mean = measured.reduce((s, v) => s + v, 0) / measured.length;
    expect(model.features.cosine.mean).toBeCloseTo(mean, 3);
    for (const name of ANSWER_FEATURES) {
      expect(Number.isFinite(model.features[name].weight), name).toBe(true);
      expect(Number.isFinite(model.features[name].mean), name).toBe(true);
    }
    expect(Number.isFinite(model.intercept)).toBe(true);
  });
});
