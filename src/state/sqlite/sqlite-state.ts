// The SQLite implementation of StateStore: one connection, one prepared statement per query.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { StateStore } from '../types.js';
import { SqliteBookmarkStore, SqliteReadingStore } from './bookmark-store.js';
import { SqliteDailyStore } from './daily-store.js';
import { SqliteEscalationStore } from './escalation-store.js';
import { SqliteFeedbackStore } from './feedback-store.js';
import { SqliteInsightsStore } from './insights-store.js';
import { SqliteQuizStore } from './quiz-store.js';
import { SqliteReviewStore } from './review-store.js';
import { SqliteSettingsStore } from './settings-store.js';

export class SqliteState implements StateStore {
  readonly feedback: SqliteFeedbackStore;
  readonly quiz: SqliteQuizStore;
  readonly reviews: SqliteReviewStore;
  readonly bookmarks: SqliteBookmarkStore;
  readonly reading: SqliteReadingStore;
  readonly daily: SqliteDailyStore;
  readonly settings: SqliteSettingsStore;
  readonly insights: SqliteInsightsStore;
  readonly escalations: SqliteEscalationStore;
  readonly location: string;
  private closed = false;

  constructor(
    readonly db: Database,
    file: string,
  ) {
    this.location = path.relative(process.cwd(), file) || file;
    this.feedback = new SqliteFeedbackStore(db);
    this.quiz = new SqliteQuizStore(db);
    this.reviews = new SqliteReviewStore(db);
    this.bookmarks = new SqliteBookmarkStore(db);
    this.reading = new SqliteReadingStore(db);
    this.daily = new SqliteDailyStore(db);
    this.settings = new SqliteSettingsStore(db);
    this.insights = new SqliteInsightsStore(db);
    this.escalations = new SqliteEscalationStore(db);
  }

  /** A value in the `meta` table (one-time jobs such as the feedback import). */
  async meta(key: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
