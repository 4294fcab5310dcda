// 👍/👎 votes. Each entry is keyed by a hash of its content, so importing the old JSON-lines log
// twice, or a vote recorded and then imported, is stored once.
import type { Database, Statement } from 'better-sqlite3';
import { entryHash, FEEDBACK_COLUMNS, toFeedbackEntry, type FeedbackRow } from '../rows.js';
import { assertScope, scopeOf, type Scope } from '../scope.js';
import type { FeedbackEntry, FeedbackStore } from '../types.js';


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
    this.all = db.prepare(`SELECT ${FEEDBACK_COLUMNS} FROM feedback ORDER BY id`);
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
    return this.all.all().map(toFeedbackEntry);
  }

  async importEntries(entries: readonly FeedbackEntry[]): Promise<{ added: number; duplicates: number }> {
    let added = 0;
    this.db.transaction(() => {
      for (const entry of entries) if (this.insertOne(scopeOf({ guildId: entry.guildId, userId: entry.userId }), entry)) added++;
    })();
    return { added, duplicates: entries.length - added };
  }
}
