// The question lists tests and the benchmark share: the dev set (copied from the shared one)
// and the project's own harder set, both over `corpus/`.
import { readQuestions, type EvalQuestion } from '../../src/eval/questions.js';
import { DEV_QUESTIONS, OWN_QUESTIONS } from './paths.js';

export interface QuestionSets {
  dev: EvalQuestion[];
  own: EvalQuestion[];
  all: EvalQuestion[];
}

export async function loadQuestionSets(): Promise<QuestionSets> {
  const [dev, own] = await Promise.all([readQuestions(DEV_QUESTIONS), readQuestions(OWN_QUESTIONS)]);
  return { dev, own, all: [...dev, ...own] };
}

export function isAnswerable(question: EvalQuestion): boolean {
  return Boolean(question.doc && question.answer);
}
