// Does the best passage answer the question, or only share its topic? An extractive bot must
// say "not found" rather than quote something loosely related. Two signals, both cheap:
//  - coverage: share of the question's idf-weighted terms present in the passage (with
//    acronyms ↔ long forms); rare words the question hinges on ("Tokyo", "2024") weigh most;
//  - cosine between question and passage, from the dense model (paraphrases).
import type { FusedHit } from '../retrieval/fuse.js';
import { type AnswerabilitySettings, DEFAULT_ANSWERABILITY } from '../settings.js';

export interface AnswerabilitySignals {
  coverage: number;
  cosine: number;
}

export function isAnswerable(signals: AnswerabilitySignals, settings: AnswerabilitySettings = DEFAULT_ANSWERABILITY): boolean {
  if (signals.cosine >= settings.strongCosine) return true;
  return signals.coverage >= settings.minCoverage && signals.cosine >= settings.minCosine;
}

export function signalsOf(hit: FusedHit, coverage: number): AnswerabilitySignals {
  return { coverage, cosine: hit.dense };
}
