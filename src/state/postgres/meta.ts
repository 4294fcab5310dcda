// The `meta` table (key → text: the insights key, when retention last ran, one-time imports) in PostgreSQL.
import type { Queryable } from './pool.js';

export async function readMeta(db: Queryable, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function writeMeta(db: Queryable, key: string, value: string): Promise<void> {
  await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}
