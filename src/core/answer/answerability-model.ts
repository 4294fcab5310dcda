// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development
// questions of every development corpus together (answerable vs not); do not edit by hand. 732 questions.
import type { AnswerabilityModel } from './answerability.js';

export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  intercept: -0.4663,
  features: {
    score: { mean: 0.3479, sd: 0.2603, weight: 1.0789 },
    cosine: { mean: 0.3084, sd: 0.251, weight: -0.2559 },
    sentenceCosine: { mean: 0.3486, sd: 0.2644, weight: 0.853 },
    focusCoverage: { mean: 0.3636, sd: 0.3188, weight: 0.5577 },
    denseAgree: { mean: 0.4926, sd: 0.4999, weight: 0.3986 },
    typeMissing: { mean: 0.2541, sd: 0.4354, weight: -0.2887 },
    absentGain: { mean: 0.0098, sd: 0.0136, weight: -0.4211 },
  },
};
