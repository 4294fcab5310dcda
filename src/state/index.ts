// Footnote's state: everything the bot keeps per server and per user between interactions and
// restarts — quiz sessions and attempts (leaderboards), review cards with their FSRS schedule and
// reminder setting, bookmarks, reading positions, the passage-of-the-day schedule and its history,
// per-channel settings, the 👍/👎 feedback log, and insights (the questions asked, their outcome,
// the passages shown, escalations to a helper role; users only as keyed hashes).
//
// Interface (types.ts): `StateStore` = { feedback, quiz, reviews, bookmarks, reading, daily,
// settings, insights, escalations, close() }. Insights and escalations also read across scopes
// for the operator (a filter without a scope); the bot always passes the server's scope. Every method takes a `Scope` first (scope.ts: `guildScope(id)`,
// `dmScope(userId)`, `scopeOf(interaction)`) and never touches another scope's rows. Methods are
// async so another backend (PostgreSQL) can implement the same interface; payloads the store does
// not interpret are plain JSON, validated by their owners when read back.
//
// Implementations: SQLite through better-sqlite3 in DATA_DIR/footnote.db by default (database.ts:
// WAL, busy timeout, recovery of a damaged file), or PostgreSQL through node-postgres when
// DATABASE_URL is set (postgres/: a pool, migrations under an advisory lock) — for several
// processes or machines sharing one state. One list of migrations for both (migrations.ts), row
// mapping shared (rows.ts), one file per table group under sqlite/ and postgres/;
// copy-to-postgres.ts moves existing SQLite state (`npm run copy-state`). Nothing outside
// src/state/ writes SQL.
//
// Adding a table group: a migration appended to MIGRATIONS, an interface in types.ts, a class in
// sqlite/ and in postgres/, a field on StateStore; the state tests run over both backends.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { openDatabase } from './database.js';
import { parseFeedbackJsonl } from './feedback-jsonl.js';
import { migratePostgres } from './postgres/migrate.js';
import { describeDatabaseUrl, openPool } from './postgres/pool.js';
import { PostgresState } from './postgres/postgres-state.js';
import { SqliteState } from './sqlite/sqlite-state.js';
import type { StateStore } from './types.js';

export * from './types.js';
export * from './scope.js';
export { DATABASE_FILE } from './database.js';
export { SCHEMA_VERSION } from './migrations.js';
export { formatFeedbackJsonl, parseFeedbackJsonl } from './feedback-jsonl.js';

/** The JSON-lines feedback log earlier versions appended to, imported once into the database. */
export const LEGACY_FEEDBACK_FILE = 'feedback.jsonl';
const FEEDBACK_IMPORT_KEY = 'import:feedback.jsonl:sha256';

export interface OpenStateOptions {
  dataDir: string;
  logger: Logger;
  /** DATABASE_URL (postgres://…): the state in PostgreSQL; unset: SQLite in dataDir. */
  databaseUrl?: string;
  now?: () => number;
}

type OpenedState = (SqliteState | PostgresState) & StateStore;

/** Imports DATA_DIR/feedback.jsonl unless this exact file was imported before (entries are deduplicated either way). */
async function importLegacyFeedback(state: OpenedState, dataDir: string, logger: Logger): Promise<void> {
  const file = path.join(dataDir, LEGACY_FEEDBACK_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  const hash = createHash('sha256').update(text).digest('hex');
  if ((await state.meta(FEEDBACK_IMPORT_KEY)) === hash) return;
  const { entries, invalidLines } = parseFeedbackJsonl(text);
  const { added, duplicates } = await state.feedback.importEntries(entries);
  await state.setMeta(FEEDBACK_IMPORT_KEY, hash);
  logger.info(
    { file, added, duplicates, invalidLines },
    `imported ${added} feedback votes from ${file} into the state database (${duplicates} already there${invalidLines ? `, ${invalidLines} unreadable lines skipped` : ''}); the file is kept and no longer written`,
  );
}

/** PostgreSQL: connect (one clear line when it cannot), then the missing migrations under the advisory lock. */
async function openPostgres(url: string, now?: () => number): Promise<PostgresState> {
  const pool = await openPool(url);
  try {
    await migratePostgres(pool, now);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new PostgresState(pool, describeDatabaseUrl(url));
}

export async function openStateStore(options: OpenStateOptions): Promise<StateStore> {
  let state: OpenedState;
  if (options.databaseUrl) {
    state = await openPostgres(options.databaseUrl, options.now);
  } else {
    const { db, file } = openDatabase({ dataDir: options.dataDir, logger: options.logger, now: options.now });
    state = new SqliteState(db, file);
  }
  try {
    await importLegacyFeedback(state, options.dataDir, options.logger);
  } catch (error) {
    await state.close();
    throw error;
  }
  return state;
}
