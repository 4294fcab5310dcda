// Which sentences of a passage answer the question: the ones covering most of the question's
// idf-weighted terms. Purely lexical, so the answer step costs no model call.
import { terms } from '../text/analyze.js';
import type { AnalyzedQuery } from '../retrieval/query.js';
import { coverage } from '../retrieval/query.js';
import { DEFAULT_ANSWER } from '../settings.js';
import type { Chunk, Highlight } from '../types.js';

export interface ScoredSentence {
  index: number;
  start: number;
  end: number;
  score: number;
}

/** Each sentence's coverage of the question; `sentenceTerms` are the index's term sets of the chunk's sentences. */
export function scoreSentences(chunk: Chunk, query: AnalyzedQuery, sentenceTerms?: readonly Set<string>[]): ScoredSentence[] {
  return chunk.sentences.map((span, index) => ({
    index,
    ...span,
    score: coverage(query, sentenceTerms?.[index] ?? new Set(terms(chunk.text.slice(span.start, span.end)))),
  }));
}

/**
 * The best sentence, plus its neighbour when that one scores nearly as well (answers often
 * run over two sentences). The best sentence is the one retrieval found (lexical and dense
 * evidence together) when given; otherwise the one covering most of the question, falling back to
 * the first: a passage found by meaning usually states its topic first.
 */
export function selectHighlights(
  chunk: Chunk,
  query: AnalyzedQuery,
  neighbourShare = DEFAULT_ANSWER.highlightNeighbourShare,
  bestSentence?: number,
  sentenceTerms?: readonly Set<string>[],
): Highlight[] {
  const scored = scoreSentences(chunk, query, sentenceTerms);
  if (scored.length === 0) return [];
  const best = (bestSentence !== undefined ? scored[bestSentence] : undefined) ?? scored.reduce((a, b) => (b.score > a.score ? b : a));
  const chosen = [best];
  for (const neighbour of [scored[best.index - 1], scored[best.index + 1]]) {
    if (neighbour && best.score > 0 && neighbour.score >= best.score * neighbourShare) chosen.push(neighbour);
  }
  return chosen.sort((a, b) => a.start - b.start).map(({ start, end }) => ({ start, end }));
}
