// Recording questions without slowing answers: `record()` builds the row and queues it (no I/O);
// the queue is written in one transaction on the next turn of the event loop, after the reply has
// gone out. A failed write is logged once per batch and dropped: insights never cost an answer.
import { randomBytes } from 'node:crypto';
import type { Answer } from '../core/types.js';
import type { Logger } from '../log.js';
import type { InsightsStore, QuestionRecord, QuestionVia, ReplyMode, Scope, ShownPassage } from '../state/index.js';
import type { UserHasher } from './user-hash.js';

/** Rows kept waiting at most (a database that stopped answering must not grow memory). */
const MAX_QUEUED_ROWS = 5000;
/** Passages kept per question: what the answer showed (3 by default). */
const PASSAGES_KEPT = 5;

export interface AskedQuestion {
  id: string;
  guildId: string | null;
  channelId: string | null;
  userId: string;
  question: string;
  answer: Answer;
  /** When the question was asked (the bot's clock, ms since the epoch). */
  askedAt: number;
  /** From the question's arrival to its answer being ready to send (waiting for an engine slot included). */
  latencyMs: number;
  via: QuestionVia;
  replyMode: ReplyMode;
}

export function shownPassages(answer: Answer): ShownPassage[] {
  const shown = answer.status === 'answered' ? answer.excerpts : answer.related;
  return shown.slice(0, PASSAGES_KEPT).map((e) => ({ docId: e.citation.docId, chunkId: e.chunkId, paragraph: e.citation.paragraph, score: e.score }));
}

/** What the bot needs from insights; with INSIGHTS=off, `enabled` is false and nothing is kept. */
export interface Insights {
  readonly enabled: boolean;
  /** A fresh question id (links the answer's votes and escalation to its row). */
  newQuestionId(): string;
  record(question: AskedQuestion): void;
  userHash(userId: string): string;
  scope(guildId: string | null, userId: string): Scope;
  /** Writes what is queued (shutdown, tests). */
  flush(): Promise<void>;
}

export function newQuestionId(): string {
  return randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0');
}

export class InsightsRecorder implements Insights {
  readonly enabled = true;
  private queue: QuestionRecord[] = [];
  private scheduled: Promise<void> | undefined;
  private dropped = 0;
  /** Writes made, rows written and time spent writing (ms): the benchmark reads these. */
  readonly stats = { writes: 0, rows: 0, writeMs: 0 };

  constructor(
    private readonly store: InsightsStore,
    private readonly hasher: UserHasher,
    private readonly logger: Logger,
  ) {}

  newQuestionId(): string {
    return newQuestionId();
  }

  userHash(userId: string): string {
    return this.hasher.hash(userId);
  }

  scope(guildId: string | null, userId: string): Scope {
    return this.hasher.scope(guildId, userId);
  }

  /** The row a question becomes (exported for the benchmark, which times it). */
  toRecord(q: AskedQuestion): QuestionRecord {
    return {
      id: q.id,
      scope: this.hasher.scope(q.guildId, q.userId),
      guildId: q.guildId,
      channelId: q.channelId,
      userHash: this.hasher.hash(q.userId),
      askedAt: q.askedAt,
      question: q.question,
      status: q.answer.status,
      confidence: q.answer.confidence,
      latencyMs: Math.max(0, q.latencyMs),
      via: q.via,
      replyMode: q.replyMode,
      passages: shownPassages(q.answer),
    };
  }

  record(question: AskedQuestion): void {
    if (this.queue.length >= MAX_QUEUED_ROWS) {
      this.dropped += 1;
      return;
    }
    this.queue.push(this.toRecord(question));
    this.scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.write());
  }

  async flush(): Promise<void> {
    await this.scheduled;
    if (this.queue.length > 0) await this.write();
  }

  private async write(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = undefined;
    if (batch.length === 0) return;
    const started = performance.now();
    try {
      await this.store.recordQuestions(batch);
      this.stats.writes += 1;
      this.stats.rows += batch.length;
      this.stats.writeMs += performance.now() - started;
    } catch (error) {
      this.logger.warn({ err: error, rows: batch.length }, `could not record ${batch.length} questions for insights; they are dropped (answers are not affected)`);
    }
    if (this.dropped > 0) {
      this.logger.warn({ dropped: this.dropped }, `insights queue full: ${this.dropped} questions were not recorded`);
      this.dropped = 0;
    }
  }
}

/** INSIGHTS=off: nothing is stored, hashed or queued. */
export class DisabledInsights implements Insights {
  readonly enabled = false;
  constructor(private readonly hasher: UserHasher) {}
  newQuestionId(): string {
    return newQuestionId();
  }
  record(): void {}
  userHash(userId: string): string {
    return this.hasher.hash(userId);
  }
  scope(guildId: string | null, userId: string): Scope {
    return this.hasher.scope(guildId, userId);
  }
  async flush(): Promise<void> {}
}
