// Fitted by `npm run eval -- --suite test/eval/corpora --fit-answerability` on the development
// questions of every development corpus together (answerable vs not); do not edit by hand. 732 questions.
import type { AnswerabilityModel } from './answerability.js';

export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  intercept: -0.5511,
  features: {
    score: { mean: 0.3479, sd: 0.2603, weight: 1.0523 },
    cosine: { mean: 0.3084, sd: 0.251, weight: -0.2971 },
    sentenceCosine: { mean: 0.3486, sd: 0.2644, weight: 0.836 },
    focusCoverage: { mean: 0.3636, sd: 0.3188, weight: 0.5985 },
    denseAgree: { mean: 0.4926, sd: 0.4999, weight: 0.3893 },
    typeMissing: { mean: 0.2541, sd: 0.4354, weight: -0.3256 },
    absentGain: { mean: 0.0236, sd: 0.0433, weight: -0.6721 },
  },
};
