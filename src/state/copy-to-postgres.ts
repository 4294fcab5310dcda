// Moving existing state from SQLite to PostgreSQL (`npm run copy-state`): every table of
// DATA_DIR/footnote.db copied row for row into the DATABASE_URL database, in one transaction, after
// both were migrated to the same schema. The target must hold no state yet (copying over rows the
// bot already wrote there would mix two histories), and ids keep their values — bookmark and card
// ids appear in buttons already posted in Discord — with each identity moved past the copied ids.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { Logger } from 'pino';
import { UserError } from '../core/errors.js';
import { DATABASE_FILE, openDatabase } from './database.js';
import { migratePostgres } from './postgres/migrate.js';
import { openPool, transaction } from './postgres/pool.js';

/** Every state table, parents of nothing: the order does not matter (no foreign keys), only completeness. */
export const STATE_TABLES = [
  'meta', 'feedback', 'quiz_sessions', 'quiz_attempts', 'review_cards', 'review_log', 'review_reminders', 'bookmarks',
  'reading_positions', 'daily_schedules', 'daily_posted', 'daily_cycles', 'channel_settings', 'insight_questions', 'insight_escalations',
] as const;

/** Tables whose `id` is an identity in PostgreSQL (INTEGER PRIMARY KEY in SQLite). */
const IDENTITY_TABLES = new Set(['feedback', 'quiz_attempts', 'review_cards', 'review_log', 'bookmarks']);
/** Rows per INSERT: PostgreSQL binds at most 65,535 parameters per statement. */
const ROWS_PER_INSERT = 500;

export type CopyCounts = Record<(typeof STATE_TABLES)[number], number>;

export async function copySqliteToPostgres(source: Database, target: pg.Pool): Promise<CopyCounts> {
  return transaction(target, async (client) => {
    for (const table of STATE_TABLES) {
      // A bot started once on the target has generated an insights key in meta: that alone is no
      // state. The source's key replaces it (the copied votes are hashed with it).
      if (table === 'meta') continue;
      const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
      if ((rows[0]?.n ?? 0) > 0) {
        throw new UserError('usage', { message: `The PostgreSQL database already holds state (table ${table} has ${rows[0]?.n} rows): copy into an empty database.` });
      }
    }
    await client.query('DELETE FROM meta');
    const counts = {} as CopyCounts;
    for (const table of STATE_TABLES) {
      // SQLite's implicit rowid keeps insertion order; PostgreSQL's rowid column (reading_positions) is filled in the same order.
      const rows = source.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Array<Record<string, unknown>>;
      counts[table] = rows.length;
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const batch = rows.slice(start, start + ROWS_PER_INSERT);
        const values: unknown[] = [];
        const tuples = batch.map((row) => `(${columns.map((column) => `$${values.push(row[column])}`).join(', ')})`);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
      }
      if (IDENTITY_TABLES.has(table)) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
      }
    }
    return counts;
  });
}

/** Opens DATA_DIR/footnote.db and DATABASE_URL (both migrated to the current schema) and copies the first into the second. */
export async function copyStateToPostgres(options: { dataDir: string; databaseUrl: string; logger: Logger }): Promise<{ from: string; counts: CopyCounts }> {
  const file = path.join(options.dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new UserError('usage', { message: `There is no SQLite state to copy: ${file} does not exist (check DATA_DIR).` });
  const { db } = openDatabase({ dataDir: options.dataDir, logger: options.logger });
  try {
    const pool = await openPool(options.databaseUrl);
    try {
      await migratePostgres(pool);
      return { from: file, counts: await copySqliteToPostgres(db, pool) };
    } finally {
      await pool.end();
    }
  } finally {
    db.close();
  }
}
