// Wrong choices of the same type as the answer, drawn from the same corpus: numbers near in size
// with the same unit, dates of the same granularity near in time, names of the same kind, nouns
// from the same document first (the same field) and then the rest of the corpus.
import { terms } from '../text/analyze.js';
import type { Random } from './random.js';
import { shuffled } from './random.js';
import type { PoolEntry, ScoredCandidate, StudyIndex } from './study-index.js';
import { CHOICE_KINDS, type NameKind } from './names.js';

/** Nearest values that lie within `ratio` of the answer: how many to draw from at random. */
const NEAREST_CONSIDERED = 8;
/** Random draws from a large pool before giving up on finding a fitting distractor. */
const DRAW_ATTEMPTS = 60;

function fits(entry: PoolEntry, answer: ScoredCandidate, sentenceLower: string, chosen: readonly PoolEntry[]): boolean {
  const lower = entry.lower;
  const answerLower = answer.text.toLowerCase();
  if (lower === answerLower || chosen.some((c) => c.lower === lower)) return false;
  // Present in the sentence already, or sharing a word with the answer ("Pakistan" for "China-Pakistan Corridor").
  if (sentenceLower.includes(lower)) return false;
  if (answer.type === 'name' || answer.type === 'term') {
    const answerTerms = new Set(terms(answer.text));
    if (terms(entry.text).some((t) => answerTerms.has(t))) return false;
  }
  if (answer.type === 'term') {
    // Same form: a plural answer gets plural choices, so grammar gives nothing away.
    if (answer.text.endsWith('s') !== entry.text.endsWith('s')) return false;
  }
  if (answer.type === 'name') {
    const words = (text: string) => text.split(/\s+/).length;
    if (Math.abs(words(entry.text) - words(answer.text)) > 1) return false;
  }
  return true;
}

/** The written form of a number: decimals, thousands separators, unit marks around it. */
function numberShape(text: string): string {
  const digits = /\d[\d,]*(?:\.(\d+))?/.exec(text);
  const decimals = digits?.[1]?.length ?? 0;
  const grouped = digits?.[0].includes(',') ?? false;
  return `${decimals}:${grouped || Number((digits?.[0] ?? '').replace(/,/g, '')) < 1000 ? 'g' : 'n'}:${text.replace(/[\d.,]+/g, '#')}`;
}

function nearInValue(pool: readonly PoolEntry[], answer: ScoredCandidate, sentenceLower: string, needed: number, ratio: number, random: Random): PoolEntry[] {
  const value = answer.value ?? 0;
  // Same form as the answer ("$40" with "$30", "88.6%" with "90.2%", "5,000" with "3,000"): the
  // format must not give the answer away.
  const shape = answer.type === 'number' ? numberShape(answer.text) : undefined;
  const near = pool
    .filter((entry) => entry.value !== undefined && entry.value !== value)
    .filter((entry) => shape === undefined || numberShape(entry.text) === shape)
    .filter((entry) => (answer.type === 'date' ? true : value === 0 || ((entry.value ?? 0) / value <= ratio && value / (entry.value ?? 1) <= ratio)))
    .sort((a, b) => Math.abs(Math.log(Math.abs(a.value ?? 1) + 1) - Math.log(Math.abs(value) + 1)) - Math.abs(Math.log(Math.abs(b.value ?? 1) + 1) - Math.log(Math.abs(value) + 1)))
    .slice(0, NEAREST_CONSIDERED);
  const out: PoolEntry[] = [];
  for (const entry of shuffled(near, random)) {
    if (out.length >= needed) break;
    if (fits(entry, answer, sentenceLower, out) && !out.some((o) => o.value === entry.value)) out.push(entry);
  }
  return out;
}

function sameKind(index: StudyIndex, answer: ScoredCandidate, doc: number, sentenceLower: string, needed: number, random: Random): PoolEntry[] {
  const out: PoolEntry[] = [];
  for (const entry of shuffled(index.poolsByDoc.get(`${doc}\u0000${answer.pool}`) ?? [], random)) {
    if (out.length >= needed) return out;
    if (fits(entry, answer, sentenceLower, out)) out.push(entry);
  }
  const pool = index.pools.get(answer.pool) ?? [];
  for (let attempt = 0; attempt < DRAW_ATTEMPTS && out.length < needed && pool.length > 0; attempt++) {
    const entry = pool[random.int(pool.length)];
    if (entry && fits(entry, answer, sentenceLower, out)) out.push(entry);
  }
  return out;
}

/** `needed` distractors for `answer`, or fewer when the corpus has not enough of its kind. */
export function distractorsFor(index: StudyIndex, answer: ScoredCandidate, doc: number, sentence: string, needed: number, random: Random): string[] {
  // Names of unknown kind (products, menu items, common words the tagger capitalised) and acronyms
  // have no fair distractors: the first review found "Wi-Fi | B | GHz" and "UK | TLS | IP".
  if (answer.type === 'name' && !CHOICE_KINDS.has(answer.pool.slice('name:'.length) as NameKind)) return [];
  const sentenceLower = sentence.toLowerCase();
  const pool = index.pools.get(answer.pool) ?? [];
  const found =
    answer.type === 'number' || answer.type === 'date'
      ? nearInValue(pool, answer, sentenceLower, needed, index.settings.numberRatio, random)
      : sameKind(index, answer, doc, sentenceLower, needed, random);
  return found.map((entry) => entry.text);
}
