// Fresh spellings of the benchmark's questions (the lists themselves are shared with the tests:
// test/support/questions.ts). The engine caches query embeddings by exact text; all-MiniLM-L6-v2
// is uncased (its tokenizer lower-cases) and the lexical analyser folds case too, so changing the
// case of letters inside words gives a text that misses the cache yet embeds and ranks exactly
// like the original.
export { isAnswerable, loadQuestionSets, type QuestionSets } from '../test/support/questions.js';

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
