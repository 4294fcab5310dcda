// Spaced repetition with FSRS (ts-fsrs): a new card, the next schedule after a rating, and the
// intervals each rating would give (for the button labels). The schedule is stored as JSON with
// dates as epoch milliseconds, so any store can keep it.
import type { State } from 'ts-fsrs';
import { createEmptyCard, fsrs, type Card, type Grade, Rating } from 'ts-fsrs';

export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';
export const REVIEW_RATINGS: readonly ReviewRating[] = ['again', 'hard', 'good', 'easy'];

const GRADES: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The FSRS card as JSON (dates as ms). */
export interface ReviewSchedule {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview?: number;
}

// Default FSRS parameters (90 % target retention); fuzz off so a schedule is reproducible in tests.
const scheduler = fsrs({ enable_fuzz: false });

function toCard(schedule: ReviewSchedule): Card {
  return {
    due: new Date(schedule.due),
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    elapsed_days: schedule.elapsedDays,
    scheduled_days: schedule.scheduledDays,
    learning_steps: schedule.learningSteps,
    reps: schedule.reps,
    lapses: schedule.lapses,
    state: schedule.state as State,
    ...(schedule.lastReview !== undefined ? { last_review: new Date(schedule.lastReview) } : {}),
  };
}

function fromCard(card: Card): ReviewSchedule {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { lastReview: card.last_review.getTime() } : {}),
  };
}

/** A card due now that has never been reviewed. */
export function newSchedule(now: number): ReviewSchedule {
  return fromCard(createEmptyCard(new Date(now)));
}

export function reviewCard(schedule: ReviewSchedule, rating: ReviewRating, now: number): ReviewSchedule {
  return fromCard(scheduler.next(toCard(schedule), new Date(now), GRADES[rating]).card);
}

/** When each rating would make the card due next. */
export function previewRatings(schedule: ReviewSchedule, now: number): Record<ReviewRating, number> {
  const preview = scheduler.repeat(toCard(schedule), new Date(now));
  return {
    again: preview[Rating.Again].card.due.getTime(),
    hard: preview[Rating.Hard].card.due.getTime(),
    good: preview[Rating.Good].card.due.getTime(),
    easy: preview[Rating.Easy].card.due.getTime(),
  };
}

/** A stored schedule read back (undefined when it is not one). */
export function parseSchedule(value: unknown): ReviewSchedule | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const numbers = ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state'];
  if (!numbers.every((key) => typeof v[key] === 'number' && Number.isFinite(v[key]))) return undefined;
  return value as ReviewSchedule;
}
