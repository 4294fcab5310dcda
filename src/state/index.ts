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
// Implementation: SQLite through better-sqlite3 in DATA_DIR/footnote.db (database.ts: WAL,
// busy timeout, recovery of a damaged file), schema migrations versioned in code (migrations.ts),
// one file per table group under sqlite/. Nothing outside src/state/ writes SQL.
//
// Adding a table group: a migration appended to MIGRATIONS, an interface in types.ts, a class in
// sqlite/, a field on StateStore.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { openDatabase } from './database.js';
import { parseFeedbackJsonl } from './feedback-jsonl.js';
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
  now?: () => number;
}

/** Imports DATA_DIR/feedback.jsonl unless this exact file was imported before (entries are deduplicated either way). */
async function importLegacyFeedback(state: SqliteState, dataDir: string, logger: Logger): Promise<void> {
  const file = path.join(dataDir, LEGACY_FEEDBACK_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  const hash = createHash('sha256').update(text).digest('hex');
  if (state.meta(FEEDBACK_IMPORT_KEY) === hash) return;
  const { entries, invalidLines } = parseFeedbackJsonl(text);
  const { added, duplicates } = await state.feedback.importEntries(entries);
  state.setMeta(FEEDBACK_IMPORT_KEY, hash);
  logger.info(
    { file, added, duplicates, invalidLines },
    `imported ${added} feedback votes from ${file} into the state database (${duplicates} already there${invalidLines ? `, ${invalidLines} unreadable lines skipped` : ''}); the file is kept and no longer written`,
  );
}

export async function openStateStore(options: OpenStateOptions): Promise<StateStore> {
  const { db, file } = openDatabase({ dataDir: options.dataDir, logger: options.logger, now: options.now });
  const state = new SqliteState(db, file);
  try {
    await importLegacyFeedback(state, options.dataDir, options.logger);
  } catch (error) {
    await state.close();
    throw error;
  }
  return state;
}
