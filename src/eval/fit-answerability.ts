// The answerability model fitted on development questions: the answer check's features of each
// question's best passage, labelled answerable or not, then L2-regularised logistic regression on
// standardised features (gradient descent: a dozen features and a few hundred questions need
// nothing more). Also the trade-off curve the thresholds are read from.
import { ANSWER_FEATURES, type AnswerFeatures } from '../core/answer/answer-features.js';
import { type AnswerabilityModel, answerProbability } from '../core/answer/answerability.js';
import type { Chunk } from '../core/types.js';
import type { EvalQuestion } from './questions.js';
import { passageMatches } from './run-eval.js';

export interface AnswerExample {
  corpus: string;
  id: string;
  answerable: boolean;
  /** The best passage is the gold one (answerable questions only). */
  correct: boolean;
  features: AnswerFeatures;
}

export interface FeatureSource {
  answerCheckFeatures(question: string): Promise<{ features?: AnswerFeatures; top?: Chunk }>;
}

export async function collectAnswerExamples(corpus: string, engine: FeatureSource, questions: readonly EvalQuestion[]): Promise<AnswerExample[]> {
  const out: AnswerExample[] = [];
  for (const q of questions) {
    const { features, top } = await engine.answerCheckFeatures(q.question);
    if (!features) continue;
    const answerable = Boolean(q.doc && q.answer);
    out.push({ corpus, id: q.id, answerable, correct: answerable && top ? passageMatches(top.docId, top.text, q) : false, features });
  }
  return out;
}

/** Regularisation strength (per example) and the descent's steps: enough to converge on a few hundred examples. */
const L2 = 1;
const ITERATIONS = 4000;
const LEARNING_RATE = 0.1;

export function fitAnswerability(examples: readonly AnswerExample[]): AnswerabilityModel {
  const n = Math.max(1, examples.length);
  const stats = ANSWER_FEATURES.map((name) => {
    // Statistics of the measured values; a feature not measured for a question is its average (answer-features.ts).
    const values = examples.map((e) => e.features[name]).filter((v) => !Number.isNaN(v));
    const count = Math.max(1, values.length);
    const mean = values.reduce((s, v) => s + v, 0) / count;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / count) || 1;
    return { mean, sd };
  });
  const standardised = (v: number, i: number) => (Number.isNaN(v) ? 0 : (v - (stats[i]?.mean ?? 0)) / (stats[i]?.sd ?? 1));
  const rows = examples.map((e) => ANSWER_FEATURES.map((name, i) => standardised(e.features[name], i)));
  const labels = examples.map((e) => (e.answerable ? 1 : 0));
  const weights = ANSWER_FEATURES.map(() => 0);
  let intercept = 0;
  for (let step = 0; step < ITERATIONS; step++) {
    const gradient = weights.map(() => 0);
    let gradientIntercept = 0;
    rows.forEach((x, r) => {
      const z = intercept + x.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0);
      const error = 1 / (1 + Math.exp(-z)) - (labels[r] ?? 0);
      gradientIntercept += error;
      x.forEach((v, i) => (gradient[i] = (gradient[i] ?? 0) + error * v));
    });
    intercept -= (LEARNING_RATE * gradientIntercept) / n;
    weights.forEach((w, i) => (weights[i] = w - (LEARNING_RATE * ((gradient[i] ?? 0) + L2 * w)) / n));
  }
  const round = (x: number) => Number(x.toFixed(4));
  const features = Object.fromEntries(
    ANSWER_FEATURES.map((name, i) => [name, { mean: round(stats[i]?.mean ?? 0), sd: round(stats[i]?.sd ?? 1), weight: round(weights[i] ?? 0) }]),
  ) as AnswerabilityModel['features'];
  return { intercept: round(intercept), features };
}

export interface CurvePoint {
  threshold: number;
  /** Same-topic unanswerable questions (the corpus's own) not answered. */
  noAnswerAccuracy: number;
  /** Off-topic questions (written for other corpora) not answered. */
  offTopicRefused: number;
  /** Answerable questions not answered. */
  falseRefusals: number;
}

/** Questions written for another corpus, asked of this one (see the eval CLI). */
export function isOffTopic(example: AnswerExample): boolean {
  return example.id.startsWith('off-topic:');
}

/** Thresholds from 0 to 1 in `steps`: at each, the share of unanswerable questions refused and of answerable ones refused. */
export function tradeOffCurve(examples: readonly AnswerExample[], model: AnswerabilityModel, steps = 40): CurvePoint[] {
  const scored = examples.map((e) => ({ e, p: answerProbability(e.features, model) }));
  const answerable = scored.filter(({ e }) => e.answerable);
  const sameTopic = scored.filter(({ e }) => !e.answerable && !isOffTopic(e));
  const offTopic = scored.filter(({ e }) => isOffTopic(e));
  const refused = (set: typeof scored, threshold: number) => set.filter((x) => x.p < threshold).length / Math.max(1, set.length);
  return Array.from({ length: steps + 1 }, (_, i) => {
    const threshold = i / steps;
    return { threshold, noAnswerAccuracy: refused(sameTopic, threshold), offTopicRefused: refused(offTopic, threshold), falseRefusals: refused(answerable, threshold) };
  });
}

/**
 * Area under the ROC curve: the chance that a random answerable question gets a higher
 * probability than a random unanswerable one (ties count half); undefined without both kinds.
 */
export function rankingAuc(scored: ReadonlyArray<{ answerable: boolean; p: number }>): number | undefined {
  const positives = scored.filter((x) => x.answerable).map((x) => x.p);
  const negatives = scored.filter((x) => !x.answerable).map((x) => x.p);
  if (!positives.length || !negatives.length) return undefined;
  let wins = 0;
  for (const pos of positives) for (const neg of negatives) wins += pos > neg ? 1 : pos === neg ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/**
 * Each corpus's questions scored by a model fitted on the other corpora only, pooled: how well
 * the features rank answerable above unanswerable questions on a kind of text the fit never saw.
 * `sameTopic` leaves out the off-topic questions (the hard part of saying "not found").
 */
export function leaveOneCorpusOutAuc(examples: readonly AnswerExample[]): { all?: number; sameTopic?: number } {
  const corpora = [...new Set(examples.map((e) => e.corpus))];
  const scored = corpora.flatMap((corpus) => {
    const model = fitAnswerability(examples.filter((e) => e.corpus !== corpus));
    return examples.filter((e) => e.corpus === corpus).map((e) => ({ e, answerable: e.answerable, p: answerProbability(e.features, model) }));
  });
  const all = rankingAuc(scored);
  const sameTopic = rankingAuc(scored.filter(({ e }) => !isOffTopic(e)));
  return { ...(all === undefined ? {} : { all }), ...(sameTopic === undefined ? {} : { sameTopic }) };
}

/** The model as the TypeScript module `src/core/answer/answerability-model.ts`. */
export function modelModule(model: AnswerabilityModel, provenance: string): string {
  const lines = ANSWER_FEATURES.map((name) => {
    const f = model.features[name];
    return `    ${name}: { mean: ${f.mean}, sd: ${f.sd}, weight: ${f.weight} },`;
  });
  return [
    '// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development',
    `// questions of every development corpus together (answerable vs not); do not edit by hand. ${provenance}`,
    "import type { AnswerabilityModel } from './answerability.js';",
    '',
    'export const ANSWERABILITY_MODEL: AnswerabilityModel = {',
    `  intercept: ${model.intercept},`,
    '  features: {',
    ...lines,
    '  },',
    '};',
    '',
  ].join('\n');
}
