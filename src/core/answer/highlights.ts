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

export function scoreSentences(chunk: Chunk, query: AnalyzedQuery): ScoredSentence[] {
  return chunk.sentences.map((span, index) => ({
    index,
    ...span,
    score: coverage(query, new Set(terms(chunk.text.slice(span.start, span.end)))),
  }));
}

/**
 * The best sentence, plus its neighbour when that one scores nearly as well (answers often
 * run over two sentences). Falls back to the first sentence when nothing matches lexically:
 * the passage was found by meaning, and its opening usually states the topic.
 */
export function selectHighlights(chunk: Chunk, query: AnalyzedQuery, neighbourShare = DEFAULT_ANSWER.highlightNeighbourShare): Highlight[] {
  const scored = scoreSentences(chunk, query);
  if (scored.length === 0) return [];
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const chosen = [best];
  for (const neighbour of [scored[best.index - 1], scored[best.index + 1]]) {
    if (neighbour && best.score > 0 && neighbour.score >= best.score * neighbourShare) chosen.push(neighbour);
  }
  return chosen.sort((a, b) => a.start - b.start).map(({ start, end }) => ({ start, end }));
}
