// The benchmark's questions (the shared dev set and the project's own set) and fresh spellings of
// them. The engine caches query embeddings by exact text; all-MiniLM-L6-v2 is uncased (its
// tokenizer lower-cases) and the lexical analyser folds case too, so changing the case of letters
// inside words gives a text that misses the cache yet embeds and ranks exactly like the original.
import path from 'node:path';
import { readQuestions, type EvalQuestion } from '../src/eval/questions.js';
import { DEV_QUESTIONS, PROJECT_ROOT } from '../test/helpers/engine.js';

export const OWN_QUESTIONS = path.join(PROJECT_ROOT, 'test/eval/questions.jsonl');

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

/** Positions of lower-case letters that are not the first letter of a word. */
export function innerLetterPositions(text: string): number[] {
  const positions: number[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const start = match.index ?? 0;
    for (let i = 1; i < match[0].length; i++) {
      const ch = match[0][i] ?? '';
      if (ch !== ch.toUpperCase() && ch.toLowerCase() === ch) positions.push(start + i);
    }
  }
  return positions;
}

/**
 * Hands out spellings of a question never handed out before in this process, so every call
 * is a guaranteed query-embedding cache miss (spelling n upper-cases the inner letters picked by
 * the bits of n).
 */
export class FreshSpellings {
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();

  next(question: string): string {
    const positions = innerLetterPositions(question).slice(0, 24);
    let n = this.counters.get(question) ?? 1;
    for (let guard = 0; guard < 1 << positions.length; guard++, n++) {
      const chars = question.split('');
      positions.forEach((position, bit) => {
        if (n & (1 << bit)) chars[position] = (chars[position] ?? '').toUpperCase();
      });
      const spelling = chars.join('');
      if (!this.used.has(spelling)) {
        this.used.add(spelling);
        this.counters.set(question, n + 1);
        return spelling;
      }
    }
    throw new Error(`no fresh spelling left for "${question}"`);
  }
}
