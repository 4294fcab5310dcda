// The schema, as an ordered list of migrations. The database's `user_version` is the number of
// migrations applied; opening runs the missing ones, each in its own transaction, so a crash
// mid-migration leaves the previous version intact. Never edit a released migration: add one.
// Every table's rows carry `scope` (see scope.ts) and every key and index starts with it.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'study state and feedback',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );

        CREATE TABLE feedback (
          id INTEGER PRIMARY KEY,
          scope TEXT NOT NULL,
          entry_hash TEXT NOT NULL UNIQUE,
          at TEXT NOT NULL,
          vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
          user_id TEXT NOT NULL,
          guild_id TEXT,
          channel_id TEXT,
          message_id TEXT NOT NULL,
          question TEXT NOT NULL,
          answer_json TEXT NOT NULL
        );
        CREATE INDEX feedback_by_scope ON feedback (scope, id);

        CREATE TABLE quiz_sessions (
          scope TEXT NOT NULL,
          id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          channel_id TEXT,
          payload_json TEXT NOT NULL,
          position INTEGER NOT NULL DEFAULT 0,
          correct INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          PRIMARY KEY (scope, id)
        );
        CREATE INDEX quiz_sessions_by_expiry ON quiz_sessions (expires_at);

        CREATE TABLE quiz_attempts (
          id INTEGER PRIMARY KEY,
          scope TEXT NOT NULL,
          user_id TEXT NOT NULL,
          item_key TEXT NOT NULL,
          doc_id TEXT NOT NULL,
          correct INTEGER NOT NULL,
          points INTEGER NOT NULL,
          round_id TEXT,
          at INTEGER NOT NULL
        );
        CREATE INDEX quiz_attempts_by_scope_time ON quiz_attempts (scope, at);

        CREATE TABLE review_cards (
          id INTEGER PRIMARY KEY,
          scope TEXT NOT NULL,
          user_id TEXT NOT NULL,
          card_key TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('quiz', 'bookmark')),
          content_json TEXT NOT NULL,
          schedule_json TEXT NOT NULL,
          due INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          UNIQUE (scope, user_id, card_key)
        );
        CREATE INDEX review_cards_due ON review_cards (scope, user_id, due);

        CREATE TABLE review_log (
          id INTEGER PRIMARY KEY,
          scope TEXT NOT NULL,
          user_id TEXT NOT NULL,
          card_id INTEGER NOT NULL,
          rating TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE INDEX review_log_by_user ON review_log (scope, user_id, at);

        CREATE TABLE review_reminders (
          scope TEXT NOT NULL,
          user_id TEXT NOT NULL,
          enabled INTEGER NOT NULL,
          last_sent_at INTEGER,
          PRIMARY KEY (scope, user_id)
        );

        CREATE TABLE bookmarks (
          id INTEGER PRIMARY KEY,
          scope TEXT NOT NULL,
          user_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          doc_id TEXT NOT NULL,
          paragraph INTEGER NOT NULL,
          title TEXT NOT NULL,
          excerpt TEXT NOT NULL,
          content_hash TEXT,
          note TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX bookmarks_by_user ON bookmarks (scope, user_id, id);

        CREATE TABLE reading_positions (
          scope TEXT NOT NULL,
          user_id TEXT NOT NULL,
          doc_id TEXT NOT NULL,
          paragraph INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (scope, user_id, doc_id)
        );
        CREATE INDEX reading_positions_recent ON reading_positions (scope, user_id, updated_at);

        CREATE TABLE daily_schedules (
          scope TEXT PRIMARY KEY,
          channel_id TEXT NOT NULL,
          time TEXT NOT NULL,
          timezone TEXT NOT NULL,
          collection TEXT,
          created_by TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          last_post_day TEXT
        );

        CREATE TABLE daily_posted (
          scope TEXT NOT NULL,
          passage_key TEXT NOT NULL,
          cycle INTEGER NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (scope, cycle, passage_key)
        );
        CREATE TABLE daily_cycles (
          scope TEXT PRIMARY KEY,
          cycle INTEGER NOT NULL
        );

        CREATE TABLE channel_settings (
          scope TEXT NOT NULL,
          channel_id TEXT NOT NULL,
          key TEXT NOT NULL,
          value_json TEXT NOT NULL,
          PRIMARY KEY (scope, channel_id, key)
        );
      `);
    },
  },
  {
    version: 2,
    name: 'insights: questions, votes linked to them, escalations',
    up(db) {
      db.exec(`
        CREATE TABLE insight_questions (
          id TEXT PRIMARY KEY,
          scope TEXT NOT NULL,
          guild_id TEXT,
          channel_id TEXT,
          user_hash TEXT NOT NULL,
          asked_at INTEGER NOT NULL,
          question TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('answered', 'related', 'not-found')),
          confidence REAL NOT NULL,
          latency_ms REAL NOT NULL,
          via TEXT NOT NULL,
          reply_mode TEXT NOT NULL,
          passages_json TEXT NOT NULL
        );
        CREATE INDEX insight_questions_by_scope_time ON insight_questions (scope, asked_at, id);
        -- The operator's views read every scope by time, and retention deletes by time.
        CREATE INDEX insight_questions_by_time ON insight_questions (asked_at, id);

        ALTER TABLE feedback ADD COLUMN question_id TEXT;
        CREATE INDEX feedback_by_question ON feedback (question_id);
        CREATE INDEX feedback_by_time ON feedback (at);

        CREATE TABLE insight_escalations (
          id TEXT PRIMARY KEY,
          scope TEXT NOT NULL,
          question_id TEXT UNIQUE,
          guild_id TEXT,
          channel_id TEXT NOT NULL,
          message_id TEXT NOT NULL,
          user_hash TEXT NOT NULL,
          question TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          resolved_at INTEGER
        );
        CREATE INDEX insight_escalations_by_scope ON insight_escalations (scope, created_at);
        CREATE INDEX insight_escalations_by_time ON insight_escalations (created_at);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** A database written by a newer Footnote: opening it would risk its data, so it is refused. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** Applies the missing migrations in order; returns the versions applied. */
export function migrate(db: Database): number[] {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) {
    throw new SchemaTooNewError(`the state database has schema version ${current}, newer than this Footnote's ${SCHEMA_VERSION}`);
  }
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
