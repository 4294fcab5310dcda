// The state interface: what the bot keeps between interactions and restarts, one sub-store per
// concern. Every method takes the row's Scope first (see scope.ts); none can reach another scope's
// rows. Methods return promises so that another implementation (PostgreSQL) can stand behind the
// same interface; the SQLite one does its work synchronously inside them. Times are milliseconds
// since the epoch. Payloads the store does not interpret (quiz items, card contents, scheduler
// state) are plain JSON values: their owners validate them when they read them back.
import type { Scope } from './scope.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- feedback (👍/👎 on answers) -------------------------------------------------------------

export type Vote = 'up' | 'down';

/** One vote, as written to (and read from) the JSON-lines export. */
export interface FeedbackEntry {
  at: string;
  vote: Vote;
  /** The voter: a keyed hash of their user id (insights' user hash); votes from before insights are rewritten to it at start. */
  userId: string;
  guildId: string | null;
  channelId: string | null;
  messageId: string;
  question: string;
  /** The recorded question (insights) the vote is on, when insights are on; votes made before have none. */
  questionId?: string;
  answer: {
    answered: boolean;
    offset: number;
    excerpts: { n: number; docId: string; chunkId: string; paragraphStart: number; paragraphEnd: number; text: string }[];
  };
}

export interface FeedbackStore {
  record(scope: Scope, entry: FeedbackEntry): Promise<void>;
  count(scope: Scope): Promise<number>;
  /** Every scope's votes, oldest first: for the operator's export (`npm run export -- feedback`), never for users. */
  exportAll(): Promise<FeedbackEntry[]>;
  /** Adds entries not already stored (the same entry twice is stored once); returns how many were new. */
  importEntries(entries: readonly FeedbackEntry[]): Promise<{ added: number; duplicates: number }>;
}

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

// ---- per-channel settings --------------------------------------------------------------------

export interface SettingsStore {
  get(scope: Scope, channelId: string, key: string): Promise<Json | undefined>;
  set(scope: Scope, channelId: string, key: string, value: Json): Promise<void>;
  remove(scope: Scope, channelId: string, key: string): Promise<boolean>;
  /** Every setting of one channel. */
  channel(scope: Scope, channelId: string): Promise<Record<string, Json>>;
  /** Every channel of the scope with a value for `key`, by channel id (e.g. all scoped channels, for /scope show). */
  withKey(scope: Scope, key: string): Promise<Array<{ channelId: string; value: Json }>>;
}

// ---- insights (what is asked, what the documents do not answer) ---------------------------------
// Rows carry no user id: only `userHash`, a keyed hash (HMAC) of it, so people can be counted
// without keeping who asked what. DM questions are kept in a scope named by that hash too.

export type QuestionOutcome = 'answered' | 'related' | 'not-found';
export const QUESTION_OUTCOMES: readonly QuestionOutcome[] = ['answered', 'related', 'not-found'];

/** How the question reached the bot. */
export type QuestionVia = 'ask' | 'mention' | 'direct' | 'answer-channel' | 'follow-up';
/** How it was answered: a public or private (ephemeral) reply to a command, inline under the message, or in a thread. */
export type ReplyMode = 'public' | 'private' | 'inline' | 'thread';

/** One passage the answer showed (cited when the outcome is `answered`, offered as related otherwise). */
export interface ShownPassage {
  docId: string;
  chunkId: string;
  paragraph: number;
  /** Fused retrieval score (comparable within one answer). */
  score: number;
}

export interface QuestionRecord {
  /** Random id (also links votes and escalations to it). */
  id: string;
  scope: Scope;
  guildId: string | null;
  channelId: string | null;
  userHash: string;
  askedAt: number;
  question: string;
  status: QuestionOutcome;
  /** The answerability model's probability that the documents answer. */
  confidence: number;
  /** From the question's arrival to the reply being sent. */
  latencyMs: number;
  via: QuestionVia;
  replyMode: ReplyMode;
  passages: ShownPassage[];
}

/** Which questions a query reads. No scope: every server's (the operator's dashboard); with one: that server's only. */
export interface QuestionFilter {
  scope?: Scope;
  /** askedAt >= since, and < until. */
  since?: number;
  until?: number;
  status?: QuestionOutcome;
  channelId?: string;
  /** Case-insensitive substring of the question text. */
  text?: string;
}

export interface OutcomeCounts {
  total: number;
  answered: number;
  related: number;
  notFound: number;
  /** Distinct people (user hashes) who asked. */
  people: number;
}

export interface DayCount {
  /** Days since the epoch, UTC. */
  day: number;
  status: QuestionOutcome;
  count: number;
}

export interface ChannelCount {
  scope: Scope;
  guildId: string | null;
  channelId: string | null;
  count: number;
}

export interface VotedQuestion {
  question: QuestionRecord;
  up: number;
  down: number;
}

/** One 👍/👎, as the insights pages list them (the voter only as a hash). */
export interface VoteRow {
  at: string;
  vote: Vote;
  userHash: string;
  guildId: string | null;
  channelId: string | null;
  question: string;
  questionId?: string;
  status?: QuestionOutcome;
}

export interface PruneResult {
  questions: number;
  votes: number;
  escalations: number;
}

export interface InsightsStore {
  /** Stores questions (one transaction for the batch: the recorder flushes its queue with one call). */
  recordQuestions(records: readonly QuestionRecord[]): Promise<void>;
  question(id: string): Promise<QuestionRecord | undefined>;
  /** Newest first, one page, with the number of matches. */
  questions(filter: QuestionFilter, page: { offset: number; limit: number }): Promise<{ rows: QuestionRecord[]; total: number }>;
  /**
   * Oldest first, `limit` at a time after the cursor (askedAt, id) of the previous page: for
   * reading a whole period in short steps (the caller yields between pages).
   */
  questionsAfter(filter: QuestionFilter, cursor: { askedAt: number; id: string } | undefined, limit: number): Promise<QuestionRecord[]>;
  outcomeCounts(filter: QuestionFilter): Promise<OutcomeCounts>;
  perDay(filter: QuestionFilter): Promise<DayCount[]>;
  channels(filter: QuestionFilter): Promise<ChannelCount[]>;
  /** Questions with the most distinct 👎 voters (then fewest 👍), among those asked in the filter. */
  mostDownvoted(filter: QuestionFilter, limit: number): Promise<VotedQuestion[]>;
  /** Votes on questions of the filter (votes from before insights: by the vote's own scope and time), newest first. */
  votes(filter: QuestionFilter, page: { offset: number; limit: number }): Promise<{ rows: VoteRow[]; total: number }>;
  /** Deletes questions, votes and escalations older than `before` (every scope). */
  prune(before: number): Promise<PruneResult>;
  /** The key of the user hashes: the stored one, or `generated` stored first (the first caller's wins). */
  salt(generated: string): Promise<string>;
  /** When retention last ran (ms), and recording that it ran. */
  lastPrunedAt(): Promise<number | undefined>;
  setLastPrunedAt(at: number): Promise<void>;
  /** Rewrites votes stored with a raw user id (before insights) to `hash(id)`; returns how many. */
  pseudonymiseVotes(hash: (userId: string) => string): Promise<number>;
}

// ---- escalations ("Still need help?") ---------------------------------------------------------

export interface Escalation {
  id: string;
  scope: Scope;
  questionId?: string;
  guildId: string | null;
  channelId: string;
  /** The message that asked the helpers. */
  messageId: string;
  userHash: string;
  question: string;
  createdAt: number;
  resolvedAt?: number;
}

export interface EscalationStore {
  /** False when this question was already escalated (one post per question). */
  record(escalation: Escalation): Promise<boolean>;
  /** Newest first; `open` only unresolved ones; no scope: every server's. */
  list(options: { scope?: Scope; open?: boolean; limit: number }): Promise<Escalation[]>;
  openCount(scope?: Scope): Promise<number>;
  /** True when this call resolved it. */
  resolve(id: string, at: number): Promise<boolean>;
}

// ---- the whole ---------------------------------------------------------------------------------

export interface StateStore {
  readonly feedback: FeedbackStore;
  readonly quiz: QuizStore;
  readonly reviews: ReviewStore;
  readonly bookmarks: BookmarkStore;
  readonly reading: ReadingStore;
  readonly daily: DailyStore;
  readonly settings: SettingsStore;
  readonly insights: InsightsStore;
  readonly escalations: EscalationStore;
  /** Where the state lives, for log lines ("data/footnote.db", or the PostgreSQL URL without credentials). */
  readonly location: string;
  close(): Promise<void>;
}
