// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development
// questions of every development corpus together (answerable vs not); do not edit by hand. 602 questions.
import type { AnswerabilityModel } from './answerability.js';

export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  intercept: -0.3456,
  features: {
    score: { mean: 0.3649, sd: 0.2615, weight: 1.5133 },
    cosine: { mean: 0.3036, sd: 0.2598, weight: -0.4119 },
    sentenceCosine: { mean: 0.3368, sd: 0.2749, weight: 0.4431 },
    focusCoverage: { mean: 0.3736, sd: 0.3195, weight: 0.3093 },
    denseAgree: { mean: 0.4568, sd: 0.4981, weight: 0.3827 },
    typeMissing: { mean: 0.1944, sd: 0.3957, weight: -0.328 },
  },
};
