// The study stores' types: quizzes, review cards, bookmarks and reading positions, the passage of the day.
import type { Scope } from '../scope.js';
import type { Json } from '../types.js';

// ---- quizzes ---------------------------------------------------------------------------------

export interface QuizSession {
  id: string;
  userId: string;
  channelId: string | null;
  /** The items and their answers, as the adapter stored them. */
  payload: Json;
  /** Index of the item being answered (0-based); equal to the item count when finished. */
  position: number;
  correct: number;
  createdAt: number;
  expiresAt: number;
}

export interface QuizAttempt {
  userId: string;
  /** Stable id of the item (document, paragraph, sentence, blank): the same item asked again has the same key. */
  itemKey: string;
  docId: string;
  correct: boolean;
  /** Points towards the leaderboard (0 for a wrong answer). */
  points: number;
  /** The group round it belongs to, if any. */
  roundId?: string;
  at: number;
}

export interface LeaderboardRow {
  userId: string;
  points: number;
  correct: number;
  attempts: number;
}

export interface QuizStore {
  createSession(scope: Scope, session: Omit<QuizSession, 'position' | 'correct'>): Promise<void>;
  /** The session when it exists in this scope and has not expired at `now`. */
  session(scope: Scope, id: string, now: number): Promise<QuizSession | undefined>;
  /**
   * Moves a session on by one answer, only if it is still at `fromPosition` (a double click, or
   * two clients, cannot answer the same item twice). True when this call advanced it.
   */
  advanceSession(scope: Scope, id: string, fromPosition: number, correct: boolean): Promise<boolean>;
  recordAttempt(scope: Scope, attempt: QuizAttempt): Promise<void>;
  /** Best first (points, then correct answers, then who got there first); attempts at or after `since`. */
  leaderboard(scope: Scope, options: { since?: number; limit: number }): Promise<LeaderboardRow[]>;
  /** Removes sessions that expired before `now` (every scope): housekeeping, returns how many. */
  pruneSessions(now: number): Promise<number>;
}

// ---- spaced repetition -----------------------------------------------------------------------

export type CardSource = 'quiz' | 'bookmark';

export interface ReviewCard {
  id: number;
  userId: string;
  /** Stable identity of what the card asks (the same missed item twice is one card). */
  cardKey: string;
  source: CardSource;
  /** What the card shows and its citation, as the adapter stored it. */
  content: Json;
  /** The scheduler's state (FSRS), as core/study/review.ts serialises it. */
  schedule: Json;
  due: number;
  createdAt: number;
}

export type NewReviewCard = Omit<ReviewCard, 'id' | 'createdAt'>;

export interface ReminderSetting {
  enabled: boolean;
  lastSentAt?: number;
}

export interface ReminderDue {
  scope: Scope;
  userId: string;
  due: number;
}

export interface ReviewStore {
  /** Adds the card unless the user already has one with that key; returns it either way. */
  addCard(scope: Scope, card: NewReviewCard, now: number): Promise<{ card: ReviewCard; created: boolean }>;
  card(scope: Scope, userId: string, id: number): Promise<ReviewCard | undefined>;
  /** Due at or before `now`, most overdue first. */
  dueCards(scope: Scope, userId: string, now: number, limit: number): Promise<ReviewCard[]>;
  dueCount(scope: Scope, userId: string, now: number): Promise<number>;
  totalCount(scope: Scope, userId: string): Promise<number>;
  /**
   * Stores a review's outcome, only if the card is still due at `expectedDue` (two clicks on one
   * card schedule it once). True when this call rescheduled it.
   */
  reschedule(scope: Scope, userId: string, id: number, change: { expectedDue: number; schedule: Json; due: number; rating: string; at: number }): Promise<boolean>;
  deleteCard(scope: Scope, userId: string, id: number): Promise<boolean>;
  setReminder(scope: Scope, userId: string, enabled: boolean): Promise<void>;
  reminder(scope: Scope, userId: string): Promise<ReminderSetting>;
  /**
   * Users (every scope) with reminders on, cards due at `now`, and no reminder since `sentBefore`,
   * ordered by scope then user; `after` pages on past a row (a shard skips other shards' rows and
   * reads on, so their rows cannot fill its page).
   */
  remindersDue(now: number, sentBefore: number, limit: number, after?: Pick<ReminderDue, 'scope' | 'userId'>): Promise<ReminderDue[]>;
  markReminded(scope: Scope, userId: string, at: number): Promise<void>;
}

// ---- bookmarks and reading positions ---------------------------------------------------------

export type BookmarkKind = 'answer' | 'passage' | 'reading' | 'daily' | 'quiz';

export interface Bookmark {
  id: number;
  userId: string;
  kind: BookmarkKind;
  docId: string;
  paragraph: number;
  title: string;
  /** The saved text, verbatim, so a changed document can be noticed and the original still shown. */
  excerpt: string;
  /** The document's content hash when it was saved. */
  contentHash?: string;
  note?: string;
  createdAt: number;
}

export type NewBookmark = Omit<Bookmark, 'id' | 'createdAt'>;

export interface BookmarkStore {
  add(scope: Scope, bookmark: NewBookmark, now: number): Promise<Bookmark>;
  /** Newest first. */
  list(scope: Scope, userId: string, page: { offset: number; limit: number }): Promise<{ bookmarks: Bookmark[]; total: number }>;
  get(scope: Scope, userId: string, id: number): Promise<Bookmark | undefined>;
  remove(scope: Scope, userId: string, id: number): Promise<boolean>;
}

export interface ReadingPosition {
  docId: string;
  paragraph: number;
  updatedAt: number;
}

export interface ReadingStore {
  setPosition(scope: Scope, userId: string, position: ReadingPosition): Promise<void>;
  position(scope: Scope, userId: string, docId: string): Promise<ReadingPosition | undefined>;
  /** The document the user read most recently. */
  lastRead(scope: Scope, userId: string): Promise<ReadingPosition | undefined>;
}

// ---- passage of the day ----------------------------------------------------------------------

export interface DailySchedule {
  channelId: string;
  /** Local time of day, `HH:MM`. */
  time: string;
  /** IANA time zone the time is in. */
  timezone: string;
  /** Only documents under this folder prefix (e.g. `guides/`). */
  collection?: string;
  createdBy: string;
  createdAt: number;
  /** The local date (`YYYY-MM-DD`) of the last post, in the schedule's time zone. */
  lastPostDay?: string;
}

export interface DailyStore {
  /** Creates or replaces the scope's schedule (one per server); keeps the last post's day. */
  set(scope: Scope, schedule: Omit<DailySchedule, 'lastPostDay'>): Promise<void>;
  get(scope: Scope): Promise<DailySchedule | undefined>;
  remove(scope: Scope): Promise<boolean>;
  /** Every scope's schedule: for the scheduler. */
  all(): Promise<Array<{ scope: Scope; schedule: DailySchedule }>>;
  /**
   * Claims the post of local day `day` (true once per scope and day, whoever asks): so a missed
   * post is made once on start, and two ticks never post twice.
   */
  claimDay(scope: Scope, day: string): Promise<boolean>;
  /** Gives a claimed day back (the post failed), so a later tick retries it. */
  releaseDay(scope: Scope, day: string, previousDay: string | undefined): Promise<void>;
  /** Passages (`docId#paragraph`) posted since the scope last covered its whole corpus. */
  postedPassages(scope: Scope): Promise<string[]>;
  recordPosted(scope: Scope, passageKey: string, at: number): Promise<void>;
  /** Starts a new cycle: every passage may be posted again. */
  resetCycle(scope: Scope): Promise<void>;
}
