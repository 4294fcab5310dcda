// The soak's arithmetic, pure: the memory slope and the fresh-spelling cycle.
import { innerLetterPositions } from './questions.js';

/** Least-squares line of y over x: its slope and the slope's standard error (NaN when undetermined). */
export function leastSquaresFit(points: ReadonlyArray<{ x: number; y: number }>): { slope: number; stdErr: number } {
  const n = points.length;
  if (n < 2) return { slope: Number.NaN, stdErr: Number.NaN };
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - meanY);
    sxx += (p.x - meanX) ** 2;
  }
  if (sxx <= 0) return { slope: Number.NaN, stdErr: Number.NaN };
  const slope = sxy / sxx;
  const residuals = points.reduce((sum, p) => sum + (p.y - meanY - slope * (p.x - meanX)) ** 2, 0);
  return { slope, stdErr: n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : Number.NaN };
}

export function leastSquaresSlope(points: ReadonlyArray<{ x: number; y: number }>): number {
  return leastSquaresFit(points).slope;
}

/** The samples the slope is fitted on: the second half (after warm-up), or all when that leaves fewer than two. */
export function fitWindow<T>(samples: readonly T[]): T[] {
  const half = samples.slice(Math.floor(samples.length / 2));
  return half.length >= 2 ? half : [...samples];
}

/**
 * Fresh spellings that cost nothing to remember. Ask i takes question i mod Q and its spelling
 * ⌊i / Q⌋ mod (2^k − 1) + 1, where spelling n upper-cases the inner letters picked by the bits of
 * n (k of them, at most 24): FreshSpellings' scheme (bench/questions.ts), whose record of every
 * spelling handed out would itself grow through a soak, and whose short questions run out
 * (2^6 spellings) within minutes. The questions are distinct ignoring case and have at least
 * `minLetters` such letters, so a text comes back only after `cycle` asks, long after the
 * engine's query-embedding cache (an LRU of 512) has dropped it.
 */
export class CyclingSpellings {
  readonly #questions: Array<{ text: string; positions: number[] }>;
  #asked = 0;

  constructor(questions: readonly string[], minLetters = 6) {
    const seen = new Set<string>();
    this.#questions = [];
    for (const text of questions) {
      const positions = innerLetterPositions(text).slice(0, 24);
      if (positions.length < minLetters || seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      this.#questions.push({ text, positions });
    }
    if (this.#questions.length === 0) throw new Error(`no question has ${minLetters} inner letters to re-case`);
  }

  /** Asks before any text repeats. */
  get cycle(): number {
    return this.#questions.length * Math.min(...this.#questions.map((q) => 2 ** q.positions.length - 1));
  }

  next(): string {
    const i = this.#asked++;
    const count = this.#questions.length;
    const question = this.#questions[i % count];
    if (!question) throw new Error('unreachable: no question');
    const n = (Math.floor(i / count) % (2 ** question.positions.length - 1)) + 1;
    const chars = question.text.split('');
    question.positions.forEach((position, bit) => {
      if (Math.floor(n / 2 ** bit) % 2 === 1) chars[position] = (chars[position] ?? '').toUpperCase();
    });
    return chars.join('');
  }
}
