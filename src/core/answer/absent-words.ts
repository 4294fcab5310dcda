// The answer check's test of what the best passage *lacks*. A question whose answer is absent
// usually names its topic and adds the thing it asks about ("How much does the HX-Mesh satellite
// cost?" of a passage on the satellite that quotes no price). Remove the question's words the
// passage does not hold and take the vector of what is left (pooled from the question's own token
// states, embed/token-pooling.ts): when the rest comes much closer to the passage
// than the whole question did, the passage matches the topic and not what was asked. A paraphrase
// ("kids" for "children") moves little, because the passage still means the removed word.
// Measured on the development corpora (README, "Saying not found"): this one feature raised the
// answer check's ranking of answerable over unanswerable questions (AUC) from 0.65 to 0.71 on
// corpora left out of the fit.
import type { QuestionEmbedding } from '../embed/embedder.js';
import { pooledWords } from '../embed/token-pooling.js';
import type { IndexData } from '../index/generations.js';
import type { FusedHit } from '../retrieval/fuse.js';
import type { AnalyzedQuery } from '../retrieval/query.js';
import { queryWords, termOf } from '../text/analyze.js';

/**
 * Which of the question's whitespace-separated words to keep: those `present` accepts, and stop
 * and question words always. Undefined when it lacks none, or nothing but absent words would be
 * left. Words are kept or dropped whole, so what is left reads as the question did.
 */
export function keptWords(question: string, present: (word: string) => boolean): boolean[] | undefined {
  const tokens = question.split(/\s+/).filter(Boolean);
  const keep = tokens.map((token) => {
    const words = queryWords(token);
    return words.length === 0 || words.some(present);
  });
  const dropped = keep.includes(false);
  const meaningful = tokens.some((token, i) => keep[i] && queryWords(token).length > 0);
  return dropped && meaningful ? keep : undefined;
}

/** Does a passage's term set hold a question word (as analysed for English or as written, or an acronym's alternative)? */
function passageHolds(query: AnalyzedQuery, passageTerms: ReadonlySet<string>): (word: string) => boolean {
  const holds = (term: string | undefined) =>
    term !== undefined && (passageTerms.has(term) || (query.alternatives.get(term) ?? []).some((alt) => alt.every((t) => passageTerms.has(t))));
  return (word) => holds(termOf(word, 'en')) || holds(termOf(word, 'other'));
}

/** Which words of the question passage `label` holds (undefined: it lacks none, or there is no such passage). */
export function wordsKeptFor(index: IndexData, query: AnalyzedQuery, label: number): boolean[] | undefined {
  const passageTerms = index.chunkTerms.all[label];
  return passageTerms ? keptWords(query.text.trim(), passageHolds(query, passageTerms)) : undefined;
}

/**
 * How much closer (in cosine) the question without the words the best passage lacks is to that
 * passage than the whole question; 0 when it lacks none, when its cosines are not to be trusted (a
 * language the model cannot read), or when the rest is *farther*: a lacking word that pulled the
 * question towards the passage may be a paraphrase, or only a neighbouring subject ("Tokyo" of a
 * passage on China), so it is no evidence either way. The rest's vector is pooled from the whole
 * question's token states (embed/token-pooling.ts), so it costs no model call; NaN (not measured)
 * when the states could not be matched to the question's words.
 */
export async function absentWordsGain(index: IndexData, query: AnalyzedQuery, best: FusedHit | undefined, embedQuestion: ((text: string) => Promise<QuestionEmbedding>) | undefined): Promise<number> {
  if (!best?.evidence?.denseTrusted || !embedQuestion) return 0;
  const text = query.text.trim();
  const keep = wordsKeptFor(index, query, best.label);
  if (!keep) return 0;
  // The question's own vector (a follow-up's search vector is blended with the earlier question's).
  const whole = await embedQuestion(text);
  const rest = whole.tokens && pooledWords(whole.tokens, keep);
  if (!rest) return Number.NaN;
  const [wholeCosine, restCosine] = await Promise.all([index.vectors.similarity(whole.vector, [best.label]), index.vectors.similarity(rest, [best.label])]);
  return Math.max(0, (restCosine[0] ?? 0) - (wholeCosine[0] ?? 0));
}
