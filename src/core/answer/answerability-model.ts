// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development
// questions of every development corpus together (answerable vs not); do not edit by hand. 732 questions.
import type { AnswerabilityModel } from './answerability.js';

export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  intercept: -0.5535,
  features: {
    score: { mean: 0.3476, sd: 0.2601, weight: 1.5635 },
    cosine: { mean: 0.284, sd: 0.2549, weight: -0.4553 },
    sentenceCosine: { mean: 0.3209, sd: 0.2706, weight: 0.5626 },
    focusCoverage: { mean: 0.3636, sd: 0.3188, weight: 0.3886 },
    denseAgree: { mean: 0.4536, sd: 0.4978, weight: 0.3658 },
    typeMissing: { mean: 0.2158, sd: 0.4114, weight: -0.2987 },
    absentGain: { mean: 0.0217, sd: 0.0421, weight: -0.7053 },
  },
};
