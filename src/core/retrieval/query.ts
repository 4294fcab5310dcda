// A question, analysed once: its search terms, acronym expansions and their weights.
import type { LexicalIndex } from '../index/bm25-index.js';
import type { IndexData } from '../index/generations.js';
import { type AcronymMap, expandQuery } from '../text/acronyms.js';
import { queryWords, termOf, terms } from '../text/analyze.js';

export interface AnalyzedQuery {
  text: string;
  /** Distinct search terms of the question (stop and question words removed). */
  terms: string[];
  /** The terms to search: each term and its variants that occur in the corpus. */
  searchTerms: string[];
  /** Acronym long forms / acronyms to search alongside the question, as terms. */
  expansions: string[][];
  /** For each question term, the alternative term lists that also satisfy it (acronym ↔ long form). */
  alternatives: Map<string, string[][]>;
  /** idf of each question term in this corpus (an earlier question's terms: a share of it, follow-up.ts). */
  idf: Map<string, number>;
  /** A follow-up's key terms from the earlier question, searched as their own group at `weight`. */
  context?: { terms: string[]; weight: number };
}

/**
 * A question word's term: the English analysis (stemmed) or the word as written (how documents in
 * other languages are indexed), whichever the corpus holds more often; the other is a variant.
 * The question's language is never guessed — a short question is too short to tell.
 */
function termVariants(word: string, lexical: LexicalIndex): { term: string; variant?: string } | undefined {
  const english = termOf(word, 'en');
  const asWritten = termOf(word, 'other');
  if (!english || !asWritten || english === asWritten) return english ? { term: english } : asWritten ? { term: asWritten } : undefined;
  const [term, variant] = lexical.documentFrequency(asWritten) > lexical.documentFrequency(english) ? [asWritten, english] : [english, asWritten];
  return lexical.documentFrequency(variant) > 0 ? { term, variant } : { term };
}

export function analyzeQuery(question: string, acronyms: AcronymMap, lexical: LexicalIndex): AnalyzedQuery {
  const alternatives = new Map<string, string[][]>();
  const termSet = new Set<string>();
  const searchTerms = new Set<string>();
  for (const word of queryWords(question)) {
    const found = termVariants(word, lexical);
    if (!found) continue;
    termSet.add(found.term);
    searchTerms.add(found.term);
    if (found.variant) {
      searchTerms.add(found.variant);
      alternatives.set(found.term, [...(alternatives.get(found.term) ?? []), [found.variant]]);
    }
  }
  const questionTerms = [...termSet];
  const expansions = expandQuery(question, acronyms).map((text) => terms(text));
  for (const [acronym, longForm] of Object.entries(acronyms)) {
    const longTerms = terms(longForm);
    const acronymTerm = terms(acronym)[0];
    if (!acronymTerm) continue;
    if (questionTerms.includes(acronymTerm)) alternatives.set(acronymTerm, [...(alternatives.get(acronymTerm) ?? []), longTerms]);
    for (const t of longTerms) {
      if (questionTerms.includes(t) && longTerms.every((lt) => questionTerms.includes(lt))) {
        alternatives.set(t, [...(alternatives.get(t) ?? []), [acronymTerm]]);
      }
    }
  }
  const idf = new Map(questionTerms.map((t) => [t, lexical.idf(t)]));
  return { text: question, terms: questionTerms, searchTerms: [...searchTerms], expansions, alternatives, idf };
}

/**
 * Share of the question's idf mass whose terms (or their alternatives) occur in `passageTerms`
 * or, when given, in `contextTerms` (the passage's title and heading: read as one set, not merged).
 */
export function coverage(query: AnalyzedQuery, passageTerms: ReadonlySet<string>, contextTerms?: ReadonlySet<string>): number {
  const has = contextTerms ? (t: string) => passageTerms.has(t) || contextTerms.has(t) : (t: string) => passageTerms.has(t);
  let total = 0;
  let covered = 0;
  for (const term of query.terms) {
    const weight = query.idf.get(term) ?? 0;
    total += weight;
    const present = has(term) || (query.alternatives.get(term) ?? []).some((alt) => alt.every(has));
    if (present) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}

/** Coverage of one indexed chunk, from the term set stored with the chunk. */
export function chunkCoverage(data: IndexData, query: AnalyzedQuery, label: number): number {
  const chunkTerms = data.chunkTerms.all[label];
  return chunkTerms ? coverage(query, chunkTerms) : 0;
}
