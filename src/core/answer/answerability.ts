// Does the best passage answer the question, or only share its topic? An extractive bot must say
// so rather than quote something loosely related. A logistic model over the answer features
// (answer-features.ts) gives the probability that the documents answer; two thresholds make three
// levels: answered, related passages only (shown without claiming an answer), not found.
// The model is fitted on the development questions of every development corpus together
// (`npm run eval -- --suite test/eval/corpora --fit-answerability`), which prints the constants below.
import type { AnswerabilitySettings } from '../settings.js';
import type { AnswerStatus } from '../types.js';
import { ANSWER_FEATURES, type AnswerFeatureName, type AnswerFeatures } from './answer-features.js';

export interface AnswerabilityModel {
  intercept: number;
  /** Per feature: its mean and standard deviation on the training questions, and its weight on the standardised value. */
  features: Record<AnswerFeatureName, { mean: number; sd: number; weight: number }>;
}

export function answerProbability(x: AnswerFeatures, model: AnswerabilityModel): number {
  let z = model.intercept;
  for (const name of ANSWER_FEATURES) {
    const f = model.features[name];
    // Not measured: counts as the training questions' average (a standardised 0).
    if (!Number.isNaN(x[name])) z += (f.weight * (x[name] - f.mean)) / (f.sd || 1);
  }
  return 1 / (1 + Math.exp(-z));
}

export function statusOf(probability: number, settings: AnswerabilitySettings): AnswerStatus {
  if (probability >= settings.answeredMin) return 'answered';
  return probability >= settings.relatedMin ? 'related' : 'not-found';
}
