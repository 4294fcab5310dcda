// The insights store's types: recorded questions, votes and their reports.
import type { Scope } from '../scope.js';
import type { Vote } from '../types.js';

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
