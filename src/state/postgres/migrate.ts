// The same migrations as SQLite (migrations.ts), applied to PostgreSQL. Several processes may start
// at once on one database (shards, a second machine, `npm run export` beside the bot): each takes
// a session-level advisory lock first, so one applies the missing migrations while the others wait
// and then find nothing to do. A process that dies while holding it releases it with its session.
// The versions applied are rows of `schema_migrations` (SQLite keeps the count in user_version).
import type pg from 'pg';
import { MIGRATIONS, POSTGRES_TYPES, SCHEMA_VERSION, tooNew } from '../migrations.js';

/** The advisory lock key of Footnote's migrations: any fixed 64-bit number other software on the database is unlikely to use. */
export const MIGRATION_LOCK_KEY = 7_046_115_116_101_001n;

export async function migratePostgres(pool: pg.Pool, now: () => number = Date.now): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
      );
      const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
      const current = rows[0]?.version ?? 0;
      if (current > SCHEMA_VERSION) throw tooNew(current);
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql(POSTGRES_TYPES));
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
