// Answer types found in a sentence, cached per index generation: each sentence is read by the
// NLP model at most once, and only when it is the best sentence of a top candidate.
import type { IndexData } from '../index/generations.js';
import { answerTypesIn } from '../text/entities.js';
import type { AnswerType } from './answer-type.js';

/** Answer types found in a sentence, cached per index generation (each sentence is read once). */
const typesCache = new WeakMap<IndexData, Map<string, Set<AnswerType>>>();

export function answerTypesOfSentence(index: IndexData, label: number, sentence: number): Set<AnswerType> {
  let cache = typesCache.get(index);
  if (!cache) typesCache.set(index, (cache = new Map()));
  const key = `${label}:${sentence}`;
  let types = cache.get(key);
  if (!types) {
    const chunk = index.chunks[label];
    const span = chunk?.sentences[sentence];
    types = chunk && span ? answerTypesIn(chunk.text.slice(span.start, span.end)) : new Set();
    cache.set(key, types);
  }
  return types;
}

