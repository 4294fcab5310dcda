// Does the best passage answer the question, or only share its topic? An extractive bot must
// say "not found" rather than quote something loosely related. Two signals, both cheap:
//  - coverage: share of the question's idf-weighted terms present in the passage (with
//    acronyms ↔ long forms); rare words the question hinges on ("Tokyo", "2024") weigh most;
//  - cosine between question and passage, from the dense model (paraphrases).
import type { FusedHit } from '../retrieve/fuse.js';

export interface AnswerabilitySettings {
  /** Answer when coverage reaches this and the cosine reaches `minCosine`. */
  minCoverage: number;
  minCosine: number;
  /** Answer on meaning alone when the cosine reaches this (paraphrases with no shared words). */
  strongCosine: number;
}

// Fitted on 128 questions over two corpora (README, "Saying I don't know"): keeps false
// refusals near 5 %; off-topic questions are refused reliably, same-topic ones about half the time.
export const DEFAULT_ANSWERABILITY: AnswerabilitySettings = { minCoverage: 0.4, minCosine: 0.1, strongCosine: 0.5 };

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
