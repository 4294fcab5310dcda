// The state interface: what the bot keeps between interactions and restarts, one sub-store per
// concern. Every method takes the row's Scope first (see scope.ts); none can reach another scope's
// rows. Methods return promises so that another implementation (PostgreSQL) can stand behind the
// same interface; the SQLite one does its work synchronously inside them. Times are milliseconds
// since the epoch. Payloads the store does not interpret (quiz items, card contents, scheduler
// state) are plain JSON values: their owners validate them when they read them back.
import type { Scope } from './scope.js';
import type { InsightsStore } from './types/insights.js';
import type { BookmarkStore, DailyStore, QuizStore, ReadingStore, ReviewStore } from './types/study.js';

// The study and insights types live in types/; every consumer imports them from here.
export type * from './types/study.js';
export * from './types/insights.js';

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
