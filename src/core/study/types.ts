// What the study features return: quiz items and daily passages, all verbatim from the corpus
// with their citation. Adapters own the wording; these are data.
import type { Citation, PassageView } from '../types.js';

export type BlankType = 'number' | 'date' | 'name' | 'term';
export type QuizKind = 'cloze' | 'choice';
/** What a quiz asks for: typed answers, multiple choice, or both mixed. */
export type QuizMode = QuizKind | 'mixed';

export interface QuizItem {
  /** Stable identity: the same blank in the same sentence has the same key in every quiz. */
  key: string;
  kind: QuizKind;
  type: BlankType;
  /** The sentence, verbatim from the document. */
  sentence: string;
  /** The blanked part, offsets into `sentence`. */
  blank: { start: number; end: number };
  /** `sentence.slice(blank.start, blank.end)`. */
  answer: string;
  /** Multiple choice only: the options in display order, the answer among them. */
  choices?: string[];
  answerIndex?: number;
  citation: Citation;
}

export interface QuizOptions {
  count: number;
  mode: QuizMode;
  seed: number;
  /** Only this document. */
  docId?: string;
  /** Only documents under this folder prefix (`guides/`). */
  collection?: string;
}

export type QuizUnavailable = 'no-documents' | 'too-small';

export type QuizResult =
  | { ok: true; items: QuizItem[] }
  | { ok: false; reason: QuizUnavailable; /** Items that could be made, fewer than asked (or none). */ available: number };

export interface DailyPassageOptions {
  /** Passage keys (`docId#paragraph`) already posted in this cycle. */
  exclude: ReadonlySet<string>;
  seed: number;
  collection?: string;
}

export interface DailyPassage {
  key: string;
  view: PassageView;
  citation: Citation;
  /** True when every substantive passage had been posted: this one starts a new cycle. */
  startsNewCycle: boolean;
}

/** A typed answer judged against an item. */
export interface AnswerJudgement {
  correct: boolean;
  /** True when accepted despite a small typo or different formatting. */
  close: boolean;
}
