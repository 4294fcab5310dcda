// 👍/👎 votes in PostgreSQL: keyed by a hash of their content like SQLite's, so the same vote
// recorded twice, or imported from the old log again, is stored once.
import type pg from 'pg';
import { entryHash, FEEDBACK_COLUMNS, toFeedbackEntry, type FeedbackRow } from '../rows.js';
import { assertScope, scopeOf, type Scope } from '../scope.js';
import type { FeedbackEntry, FeedbackStore } from '../types.js';
import { transaction, type Queryable } from './pool.js';

const INSERT = `INSERT INTO feedback (scope, entry_hash, at, vote, user_id, guild_id, channel_id, message_id, question, answer_json, question_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (entry_hash) DO NOTHING`;

async function insertOne(db: Queryable, scope: Scope, entry: FeedbackEntry): Promise<boolean> {
  const result = await db.query(INSERT, [
    scope, entryHash(entry), entry.at, entry.vote, entry.userId, entry.guildId, entry.channelId, entry.messageId, entry.question,
    JSON.stringify(entry.answer), entry.questionId ?? null,
  ]);
  return (result.rowCount ?? 0) > 0;
}

export class PostgresFeedbackStore implements FeedbackStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(scope: Scope, entry: FeedbackEntry): Promise<void> {
    assertScope(scope);
    await insertOne(this.pool, scope, entry);
  }

  async count(scope: Scope): Promise<number> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM feedback WHERE scope = $1', [scope]);
    return rows[0]?.n ?? 0;
  }

  async exportAll(): Promise<FeedbackEntry[]> {
    const { rows } = await this.pool.query<FeedbackRow>(`SELECT ${FEEDBACK_COLUMNS} FROM feedback ORDER BY id`);
    return rows.map(toFeedbackEntry);
  }

  async importEntries(entries: readonly FeedbackEntry[]): Promise<{ added: number; duplicates: number }> {
    const added = await transaction(this.pool, async (client) => {
      let n = 0;
      for (const entry of entries) if (await insertOne(client, scopeOf({ guildId: entry.guildId, userId: entry.userId }), entry)) n++;
      return n;
    });
    return { added, duplicates: entries.length - added };
  }
}
