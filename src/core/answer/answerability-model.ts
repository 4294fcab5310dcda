// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development
// questions of every development corpus together (answerable vs not); do not edit by hand. 602 questions.
import type { AnswerabilityModel } from './answerability.js';

export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  intercept: -0.3173,
  features: {
    score: { mean: 0.3653, sd: 0.2613, weight: 1.3415 },
    cosine: { mean: 0.3037, sd: 0.2597, weight: 0.0188 },
    sentencePeak: { mean: 0.0834, sd: 0.0982, weight: 0.4031 },
    focusCoverage: { mean: 0.3736, sd: 0.3195, weight: 0.2524 },
    denseAgree: { mean: 0.4568, sd: 0.4981, weight: 0.1836 },
    margin: { mean: 0.1006, sd: 0.1202, weight: 0.1676 },
    typeMissing: { mean: 0.1761, sd: 0.3809, weight: -0.2492 },
  },
};
