// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development
// questions of every development corpus together (answerable vs not); do not edit by hand. 732 questions.
import type { AnswerabilityModel } from './answerability.js';

export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  intercept: -0.5484,
  features: {
    score: { mean: 0.3476, sd: 0.2601, weight: 1.0811 },
    cosine: { mean: 0.3084, sd: 0.251, weight: -0.3332 },
    sentenceCosine: { mean: 0.3486, sd: 0.2644, weight: 0.8467 },
    focusCoverage: { mean: 0.3636, sd: 0.3188, weight: 0.581 },
    denseAgree: { mean: 0.4926, sd: 0.4999, weight: 0.3959 },
    typeMissing: { mean: 0.2158, sd: 0.4114, weight: -0.2976 },
    absentGain: { mean: 0.0236, sd: 0.0433, weight: -0.6648 },
  },
};
