// The answer check's test of what the best passage *lacks*. A question whose answer is absent
// usually names its topic and adds the thing it asks about ("How much does the HX-Mesh satellite
// cost?" of a passage on the satellite that quotes no price). Remove the question's words the
// passage does not hold and embed what is left: when the rest comes much closer to the passage
// than the whole question did, the passage matches the topic and not what was asked. A paraphrase
// ("kids" for "children") moves little, because the passage still means the removed word.
// Measured on the development corpora (README, "Saying not found"): this one feature raised the
// answer check's ranking of answerable over unanswerable questions (AUC) from 0.65 to 0.71 on
// corpora left out of the fit.
import type { IndexData } from '../index/generations.js';
import type { FusedHit } from '../retrieval/fuse.js';
import type { AnalyzedQuery } from '../retrieval/query.js';
import { queryWords, termOf } from '../text/analyze.js';

/**
 * The question without its words that `present` rejects, or undefined when it lacks none (or
 * nothing but absent words). Whitespace-separated tokens are kept or dropped whole, so what is left
 * reads as the question did; stop words and question words always stay.
 */
export function withoutAbsentWords(question: string, present: (word: string) => boolean): string | undefined {
  const tokens = question.split(/\s+/).filter(Boolean);
  const kept = tokens.filter((token) => {
    const words = queryWords(token);
    return words.length === 0 || words.some(present);
  });
  const dropped = kept.length < tokens.length;
  const meaningful = kept.some((token) => queryWords(token).length > 0);
  return dropped && meaningful ? kept.join(' ') : undefined;
}

/** Does a passage's term set hold a question word (as analysed for English or as written, or an acronym's alternative)? */
function passageHolds(query: AnalyzedQuery, passageTerms: ReadonlySet<string>): (word: string) => boolean {
  const holds = (term: string | undefined) =>
    term !== undefined && (passageTerms.has(term) || (query.alternatives.get(term) ?? []).some((alt) => alt.every((t) => passageTerms.has(t))));
  return (word) => holds(termOf(word, 'en')) || holds(termOf(word, 'other'));
}

/** The question without the words passage `label` lacks (undefined: it lacks none, or there is no such passage). */
export function withoutWordsAbsentFrom(index: IndexData, query: AnalyzedQuery, label: number): string | undefined {
  const passageTerms = index.chunkTerms.all[label];
  return passageTerms ? withoutAbsentWords(query.text.trim(), passageHolds(query, passageTerms)) : undefined;
}

/**
 * How much closer (in cosine) the question without the words the best passage lacks is to that
 * passage than the whole question; 0 when it lacks none, when its cosines are not to be trusted (a
 * language the model cannot read), or when the rest is *farther*: a lacking word that pulled the
 * question towards the passage may be a paraphrase, or only a neighbouring subject ("Tokyo" of a
 * passage on China), so it is no evidence either way. Costs one embedding of a short text: a
 * second model call per question (README, "Saying not found", has its price in latency).
 */
export async function absentWordsGain(index: IndexData, query: AnalyzedQuery, best: FusedHit | undefined, embed: ((text: string) => Promise<Float32Array>) | undefined): Promise<number> {
  if (!best?.evidence?.denseTrusted || !embed) return 0;
  const reduced = withoutWordsAbsentFrom(index, query, best.label);
  if (!reduced) return 0;
  // The question's own vector (a follow-up's search vector is blended with the earlier question's).
  const [whole, rest] = await Promise.all([embed(query.text.trim()), embed(reduced)]);
  const [wholeCosine, restCosine] = await Promise.all([index.vectors.similarity(whole, [best.label]), index.vectors.similarity(rest, [best.label])]);
  return Math.max(0, (restCosine[0] ?? 0) - (wholeCosine[0] ?? 0));
}
