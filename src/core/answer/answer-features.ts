// What the answer check knows about the best passage of a question, as numbers: how strongly it
// matches (fused score, cosine, coverage), whether its words are the question's *own* words
// (coverage of the terms that are not just the document's title or heading), whether lexical and
// dense evidence agree, how far it stands out (from the next passage, and its best sentence from
// the other candidates' best sentences), whether it holds the kind of answer the question
// expects, and how much closer the question comes to it without the words it lacks
// (absent-words.ts). The answerability model (answerability.ts) turns them into a probability.
import type { IndexData } from '../index/generations.js';
import type { AnswerType } from '../retrieval/answer-type.js';
import { type FusedHit, rescaleCosine } from '../retrieval/fuse.js';
import type { AnalyzedQuery } from '../retrieval/query.js';

export const ANSWER_FEATURES = ['score', 'cosine', 'sentenceCosine', 'focusCoverage', 'denseAgree', 'typeMissing', 'absentGain'] as const;
export type AnswerFeatureName = (typeof ANSWER_FEATURES)[number];
/**
 * Feature values; `NOT_MEASURED` (NaN) where the evidence cannot be read: the dense features of a
 * passage in a language the embedding model cannot read. The answerability model counts such a
 * feature as average for its training questions, neither for nor against an answer; read as 0 it
 * would count as "no meaning match" and refuse answerable questions in those languages.
 */
export type AnswerFeatures = Record<AnswerFeatureName, number>;
export const NOT_MEASURED = Number.NaN;

/** idf-weighted share of the question's terms that the passage text holds, leaving out those only its title or heading gives. */
function focusCoverage(index: IndexData, query: AnalyzedQuery, label: number): number {
  const context = index.chunkTerms.context[label] ?? new Set<string>();
  const all = index.chunkTerms.all[label] ?? new Set<string>();
  let total = 0;
  let covered = 0;
  for (const term of query.terms) {
    if (context.has(term)) continue;
    const weight = query.idf.get(term) ?? 0;
    total += weight;
    const present = all.has(term) || (query.alternatives.get(term) ?? []).some((alt) => alt.every((t) => all.has(t)));
    if (present) covered += weight;
  }
  // Every term names the document: nothing is left to miss.
  return total > 0 ? covered / total : 1;
}

/** Features of the best hit; `hits` carry evidence (hybrid ranking, or filled in by the answer check). */
export function answerFeatures(
  index: IndexData,
  query: AnalyzedQuery,
  hits: readonly FusedHit[],
  expected: AnswerType | undefined,
  denseFloor: number,
  absentGain: number,
): AnswerFeatures | undefined {
  const top = hits[0];
  const e = top?.evidence;
  if (!top || !e) return undefined;
  const bestDense = hits.reduce((best, h) => (h.dense > best.dense ? h : best), top);
  const dense = e.denseTrusted;
  return {
    score: top.score,
    cosine: dense ? rescaleCosine(e.cosine, denseFloor) : NOT_MEASURED,
    sentenceCosine: dense ? rescaleCosine(e.sentenceCosine, denseFloor) : NOT_MEASURED,
    focusCoverage: focusCoverage(index, query, top.label),
    // Agreement counts only for a real meaning match, not a tie among unrelated passages.
    denseAgree: dense ? (e.cosine > denseFloor && bestDense.label === top.label ? 1 : 0) : NOT_MEASURED,
    typeMissing: expected && top.answerType === 0 ? 1 : 0,
    absentGain: dense ? absentGain : NOT_MEASURED,
  };
}
