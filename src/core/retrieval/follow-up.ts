// Follow-up questions: "and when was it founded?", "what about Pakistan?" lean on the question
// before them. Pure functions: whether a question leans on its predecessor (its wording says so),
// which earlier question(s) supply the missing subject, and the merged query — the earlier key
// terms added at a lower weight, so the follow-up's own words dominate. A question that stands on
// its own is left exactly as it is: context can never damage it.
import type { FollowUpSettings } from '../settings.js';
import { words } from '../text/words.js';
import type { AnalyzedQuery } from './query.js';

/** Openers that continue the previous question ("and …", "what about …", "how about …"). */
const CONTINUATION = /^(and|but|also|plus|so|or|then|what about|how about|what else|same for|and what about|and how about)\b/;

/**
 * Words that point back at something named earlier. Not "that" (a relative pronoun in "the law
 * that governs …") nor "there" ("is there a fee …"): both are common in questions that stand alone.
 */
const REFERRING_WORDS = new Set(['it', 'its', 'itself', 'they', 'them', 'their', 'theirs', 'he', 'him', 'his', 'she', 'her', 'hers', 'this', 'these', 'those', 'former', 'latter']);

/** Why a question leans on the one before it, or undefined when it stands on its own. */
export type Dependence = 'continuation' | 'reference' | 'no-subject';

/**
 * A name of its own: a capitalised word past the first ("the SCO", "Calloway", "HX300"). "What
 * does the SCO call its founding spirit?" says what "its" is. Numbers are not names: "in the
 * 1970s" does not say what "it" is.
 */
export function namesASubject(question: string): boolean {
  return question
    .trim()
    .split(/\s+/)
    .slice(1)
    .some((token) => /^["'(“‘]?\p{Lu}/u.test(token) && !/^I(['’]|$)/.test(token));
}

/**
 * `ownTerms`: the question's search terms (stop and question words removed). A question leans on
 * the one before when it opens as a continuation ("and …", "what about …"), when it has no search
 * term at all ("why?"), or when it points back ("it", "their") without naming a subject itself.
 * English wording only: other languages are never treated as follow-ups, so they rank as asked.
 */
export function dependenceOf(question: string, ownTerms: readonly string[]): Dependence | undefined {
  const text = question.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (CONTINUATION.test(text)) return 'continuation';
  if (ownTerms.length === 0) return 'no-subject';
  if (words(text).some((word) => REFERRING_WORDS.has(word)) && !namesASubject(question)) return 'reference';
  return undefined;
}

/** An earlier question, analysed: its text and search terms with their idf. */
export interface EarlierQuestion {
  text: string;
  terms: readonly string[];
  idf: ReadonlyMap<string, number>;
}

/**
 * The earlier questions a follow-up draws on, newest first: back through the conversation until
 * one stands on its own (it names the subject), at most `maxQuestions`. `context` is oldest first,
 * as conversations are kept.
 */
export function contextChain<T extends EarlierQuestion>(context: readonly T[], maxQuestions: number): T[] {
  const chain: T[] = [];
  for (let i = context.length - 1; i >= 0 && chain.length < maxQuestions; i--) {
    const earlier = context[i];
    if (!earlier || !earlier.text.trim()) continue;
    chain.push(earlier);
    if (!dependenceOf(earlier.text, earlier.terms)) break;
  }
  return chain;
}

/** The key terms of the earlier questions a follow-up lacks: its own terms excluded, rarest first. */
export function contextKeyTerms(followUp: Pick<AnalyzedQuery, 'terms'>, chain: readonly EarlierQuestion[], maxTerms: number): Array<{ term: string; idf: number }> {
  const own = new Set(followUp.terms);
  const best = new Map<string, number>();
  for (const earlier of chain) {
    for (const term of earlier.terms) {
      if (own.has(term)) continue;
      const idf = earlier.idf.get(term) ?? 0;
      if (idf > (best.get(term) ?? 0)) best.set(term, idf);
    }
  }
  return [...best]
    .map(([term, idf]) => ({ term, idf }))
    .sort((a, b) => b.idf - a.idf || a.term.localeCompare(b.term))
    .slice(0, maxTerms);
}

/**
 * The follow-up's query with the earlier key terms merged in: searched as their own lexical group
 * at `lexicalWeight`, and counted in coverage at `coverageWeight` of their idf.
 */
export function mergeContext(followUp: AnalyzedQuery, keyTerms: ReadonlyArray<{ term: string; idf: number }>, settings: Pick<FollowUpSettings, 'lexicalWeight' | 'coverageWeight'>): AnalyzedQuery {
  if (keyTerms.length === 0) return followUp;
  const idf = new Map(followUp.idf);
  for (const { term, idf: weight } of keyTerms) idf.set(term, weight * settings.coverageWeight);
  return {
    ...followUp,
    terms: [...followUp.terms, ...keyTerms.map((k) => k.term)],
    idf,
    context: { terms: keyTerms.map((k) => k.term), weight: settings.lexicalWeight },
  };
}

/** The follow-up's vector pulled towards the earlier question's: `a + w·b`, unit length again. */
export function blendVectors(own: Float32Array, earlier: Float32Array, weight: number): Float32Array {
  const out = new Float32Array(own.length);
  let norm = 0;
  for (let i = 0; i < own.length; i++) {
    const value = (own[i] ?? 0) + weight * (earlier[i] ?? 0);
    out[i] = value;
    norm += value * value;
  }
  const length = Math.sqrt(norm);
  if (length > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / length;
  return out;
}
