// Judging a typed answer to a cloze item: case, accents, punctuation, articles and number formats
// do not matter ("68.9%" = "68.9 percent", "2000" = "2,000"); one slip per five letters is forgiven
// in words long enough to have them, never in numbers.
import { stripDiacritics } from '../text/normalize.js';
import type { AnswerJudgement, QuizItem } from './types.js';

/** Letters per forgiven typo (a 10-letter name may have two slips). */
const LETTERS_PER_TYPO = 5;

export function normaliseAnswer(text: string): string {
  return stripDiacritics(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/%/g, ' percent')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\.(?!\d)/g, ' ')
    .replace(/\b(the|a|an)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

export function judgeAnswer(item: Pick<QuizItem, 'answer' | 'type'>, typed: string): AnswerJudgement {
  const expected = normaliseAnswer(item.answer);
  const given = normaliseAnswer(typed);
  if (!given) return { correct: false, close: false };
  if (given === expected) return { correct: true, close: false };
  if (/\d/.test(expected)) return { correct: false, close: false };
  const allowed = Math.floor(expected.replace(/\s/g, '').length / LETTERS_PER_TYPO);
  // A surname alone for a full name ("Sharif" for "Shehbaz Sharif") is right.
  if ((item.type === 'name') && expected.split(' ').length > 1 && expected.endsWith(` ${given}`) && given.length >= 3) return { correct: true, close: true };
  const correct = allowed > 0 && editDistance(given, expected, allowed) <= allowed;
  return { correct, close: correct };
}
