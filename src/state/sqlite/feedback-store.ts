// 👍/👎 votes. Each entry is keyed by a hash of its content, so importing the old JSON-lines log
// twice, or a vote recorded and then imported, is stored once.
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { assertScope, scopeOf, type Scope } from '../scope.js';
import type { FeedbackEntry, FeedbackStore } from '../types.js';

interface FeedbackRow {
  at: string;
  vote: 'up' | 'down';
  user_id: string;
  guild_id: string | null;
  channel_id: string | null;
  message_id: string;
  question: string;
  answer_json: string;
  question_id: string | null;
}

/** A canonical hash of an entry: same fields, same hash, whatever their order in the source line. */
export function entryHash(entry: FeedbackEntry): string {
  const canonical = JSON.stringify([entry.at, entry.vote, entry.userId, entry.guildId, entry.channelId, entry.messageId, entry.question, entry.answer]);
  return createHash('sha256').update(canonical).digest('hex');
}

export class SqliteFeedbackStore implements FeedbackStore {
  private readonly insert: Statement;
  private readonly countStatement: Statement<[string], { n: number }>;
  private readonly all: Statement<[], FeedbackRow>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO feedback (scope, entry_hash, at, vote, user_id, guild_id, channel_id, message_id, question, answer_json, question_id)
       VALUES (@scope, @hash, @at, @vote, @userId, @guildId, @channelId, @messageId, @question, @answer, @questionId)`,
    );
    this.countStatement = db.prepare('SELECT COUNT(*) AS n FROM feedback WHERE scope = ?');
    this.all = db.prepare('SELECT at, vote, user_id, guild_id, channel_id, message_id, question, answer_json, question_id FROM feedback ORDER BY id');
  }

  private insertOne(scope: Scope, entry: FeedbackEntry): boolean {
    const result = this.insert.run({
      scope,
      hash: entryHash(entry),
      at: entry.at,
      vote: entry.vote,
      userId: entry.userId,
      guildId: entry.guildId,
      channelId: entry.channelId,
      messageId: entry.messageId,
      question: entry.question,
      answer: JSON.stringify(entry.answer),
      questionId: entry.questionId ?? null,
    });
    return result.changes > 0;
  }

  async record(scope: Scope, entry: FeedbackEntry): Promise<void> {
    assertScope(scope);
    this.insertOne(scope, entry);
  }

  async count(scope: Scope): Promise<number> {
    assertScope(scope);
    return this.countStatement.get(scope)?.n ?? 0;
  }

  async exportAll(): Promise<FeedbackEntry[]> {
    return this.all.all().map((row) => ({
      at: row.at,
      vote: row.vote,
      userId: row.user_id,
      guildId: row.guild_id,
      channelId: row.channel_id,
      messageId: row.message_id,
      question: row.question,
      ...(row.question_id ? { questionId: row.question_id } : {}),
      answer: JSON.parse(row.answer_json) as FeedbackEntry['answer'],
    }));
  }

  async importEntries(entries: readonly FeedbackEntry[]): Promise<{ added: number; duplicates: number }> {
    let added = 0;
    this.db.transaction(() => {
      for (const entry of entries) if (this.insertOne(scopeOf({ guildId: entry.guildId, userId: entry.userId }), entry)) added++;
    })();
    return { added, duplicates: entries.length - added };
  }
}
