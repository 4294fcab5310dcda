// Fitting the answerability model, pure: it separates answerable from unanswerable examples, and a
// feature not measured for some examples (NaN) neither skews its statistics nor poisons the fit.
import { describe, expect, it } from 'vitest';
import { ANSWER_FEATURES, type AnswerFeatures, NOT_MEASURED } from '../../../src/core/answer/answer-features.js';
import { answerProbability } from '../../../src/core/answer/answerability.js';
import { type AnswerExample, fitAnswerability, leaveOneCorpusOutAuc, rankingAuc } from '../../../src/eval/fit-answerability.js';

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

describe('rankingAuc and leaveOneCorpusOutAuc', () => {
  it('is the share of answerable-over-unanswerable pairs ranked right, ties half', () => {
    const scored = [
      { answerable: true, p: 0.9 },
      { answerable: true, p: 0.4 },
      { answerable: false, p: 0.5 },
      { answerable: false, p: 0.4 },
    ];
    // Pairs: 0.9>0.5 ✓, 0.9>0.4 ✓, 0.4<0.5 ✗, 0.4=0.4 half.
    expect(rankingAuc(scored)).toBeCloseTo(2.5 / 4, 6);
    expect(rankingAuc(scored.filter((x) => x.answerable))).toBeUndefined();
  });

  it('scores each corpus with a model that never saw it: a signal shared by the corpora ranks well, one that flips does not', () => {
    const corpus = (name: string, flip: boolean) =>
      Array.from({ length: 30 }, (_, i): AnswerExample => {
        const answerable = i % 2 === 0;
        const high = answerable !== flip;
        return { corpus: name, id: `${name}${i}`, answerable, correct: answerable, features: features({ score: high ? 0.7 + (i % 3) * 0.01 : 0.3, focusCoverage: answerable ? 0.8 : 0.2 }) };
      });
    const shared = leaveOneCorpusOutAuc([...corpus('a', false), ...corpus('b', false), ...corpus('c', false)]);
    expect(shared.all).toBeGreaterThan(0.95);
    // Off-topic questions are left out of the same-topic figure: here there are none, so they agree.
    expect(shared.sameTopic).toBeCloseTo(shared.all ?? 0, 6);
    // Two corpora say high score means answerable, the third the opposite: left out, it is ranked wrong by score.
    const flipped = leaveOneCorpusOutAuc([corpus('a', false), corpus('b', false), corpus('c', true)].flat().map((e) => ({ ...e, features: { ...e.features, focusCoverage: 0 } })));
    expect(flipped.all).toBeLessThan(0.8);
  });
});
