// The PostgreSQL implementation of StateStore (DATABASE_URL): one pool shared by the sub-stores.
// Every write that must happen once whoever asks (a quiz answer, a review, a day's post, the
// insights key) is a single conditional statement or ON CONFLICT, so several bot processes on
// one database keep the guarantees SQLite's single writer gave.
import type pg from 'pg';
import type { StateStore } from '../types.js';
import { PostgresBookmarkStore, PostgresReadingStore } from './bookmark-store.js';
import { PostgresDailyStore } from './daily-store.js';
import { PostgresEscalationStore } from './escalation-store.js';
import { PostgresFeedbackStore } from './feedback-store.js';
import { PostgresInsightsStore } from './insights-store.js';
import { readMeta, writeMeta } from './meta.js';
import { PostgresQuizStore } from './quiz-store.js';
import { PostgresReviewStore } from './review-store.js';
import { PostgresSettingsStore } from './settings-store.js';

export class PostgresState implements StateStore {
  readonly feedback: PostgresFeedbackStore;
  readonly quiz: PostgresQuizStore;
  readonly reviews: PostgresReviewStore;
  readonly bookmarks: PostgresBookmarkStore;
  readonly reading: PostgresReadingStore;
  readonly daily: PostgresDailyStore;
  readonly settings: PostgresSettingsStore;
  readonly insights: PostgresInsightsStore;
  readonly escalations: PostgresEscalationStore;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    /** The database without credentials ("postgres://db.internal:5432/footnote"). */
    readonly location: string,
  ) {
    this.feedback = new PostgresFeedbackStore(pool);
    this.quiz = new PostgresQuizStore(pool);
    this.reviews = new PostgresReviewStore(pool);
    this.bookmarks = new PostgresBookmarkStore(pool);
    this.reading = new PostgresReadingStore(pool);
    this.daily = new PostgresDailyStore(pool);
    this.settings = new PostgresSettingsStore(pool);
    this.insights = new PostgresInsightsStore(pool);
    this.escalations = new PostgresEscalationStore(pool);
  }

  meta(key: string): Promise<string | undefined> {
    return readMeta(this.pool, key);
  }

  setMeta(key: string, value: string): Promise<void> {
    return writeMeta(this.pool, key, value);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
