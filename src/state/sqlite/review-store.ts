// Review cards with their FSRS state, the log of every review, and the reminder setting.
import type { Database, Statement } from 'better-sqlite3';
import { assertScope, parseScope, type Scope } from '../scope.js';
import type { NewReviewCard, ReminderDue, ReminderSetting, ReviewCard, ReviewStore } from '../types.js';
import { toJson } from '../json.js';
import { CARD_COLUMNS, toCard, type CardRow } from '../rows.js';


export class SqliteReviewStore implements ReviewStore {
  private readonly insert: Statement;
  private readonly byKey: Statement<[string, string, string], CardRow>;
  private readonly byId: Statement<[string, string, number], CardRow>;
  private readonly due: Statement<[string, string, number, number], CardRow>;
  private readonly dueCountStatement: Statement<[string, string, number], { n: number }>;
  private readonly totalStatement: Statement<[string, string], { n: number }>;
  private readonly update: Statement;
  private readonly log: Statement;
  private readonly removeStatement: Statement<[string, string, number]>;
  private readonly upsertReminder: Statement;
  private readonly selectReminder: Statement<[string, string], { enabled: number; last_sent_at: number | null }>;
  private readonly remindersDueStatement: Statement<[number, number, string, string, string, number], { scope: string; user_id: string; due: number }>;
  private readonly reminded: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO review_cards (scope, user_id, card_key, source, content_json, schedule_json, due, created_at)
       VALUES (@scope, @userId, @cardKey, @source, @content, @schedule, @due, @createdAt)`,
    );
    this.byKey = db.prepare(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE scope = ? AND user_id = ? AND card_key = ?`);
    this.byId = db.prepare(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE scope = ? AND user_id = ? AND id = ?`);
    this.due = db.prepare(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE scope = ? AND user_id = ? AND due <= ? ORDER BY due, id LIMIT ?`);
    this.dueCountStatement = db.prepare('SELECT COUNT(*) AS n FROM review_cards WHERE scope = ? AND user_id = ? AND due <= ?');
    this.totalStatement = db.prepare('SELECT COUNT(*) AS n FROM review_cards WHERE scope = ? AND user_id = ?');
    this.update = db.prepare(
      'UPDATE review_cards SET schedule_json = @schedule, due = @due WHERE scope = @scope AND user_id = @userId AND id = @id AND due = @expectedDue',
    );
    this.log = db.prepare('INSERT INTO review_log (scope, user_id, card_id, rating, at) VALUES (@scope, @userId, @id, @rating, @at)');
    this.removeStatement = db.prepare('DELETE FROM review_cards WHERE scope = ? AND user_id = ? AND id = ?');
    this.upsertReminder = db.prepare(
      `INSERT INTO review_reminders (scope, user_id, enabled) VALUES (@scope, @userId, @enabled)
       ON CONFLICT (scope, user_id) DO UPDATE SET enabled = excluded.enabled`,
    );
    this.selectReminder = db.prepare('SELECT enabled, last_sent_at FROM review_reminders WHERE scope = ? AND user_id = ?');
    this.remindersDueStatement = db.prepare(
      `SELECT r.scope AS scope, r.user_id AS user_id, COUNT(c.id) AS due
       FROM review_reminders r JOIN review_cards c ON c.scope = r.scope AND c.user_id = r.user_id AND c.due <= ?
       WHERE r.enabled = 1 AND (r.last_sent_at IS NULL OR r.last_sent_at < ?) AND (r.scope > ? OR (r.scope = ? AND r.user_id > ?))
       GROUP BY r.scope, r.user_id ORDER BY r.scope, r.user_id LIMIT ?`,
    );
    this.reminded = db.prepare('UPDATE review_reminders SET last_sent_at = @at WHERE scope = @scope AND user_id = @userId');
  }

  async addCard(scope: Scope, card: NewReviewCard, now: number): Promise<{ card: ReviewCard; created: boolean }> {
    assertScope(scope);
    return this.db.transaction(() => {
      const created =
        this.insert.run({
          scope,
          userId: card.userId,
          cardKey: card.cardKey,
          source: card.source,
          content: toJson(card.content),
          schedule: toJson(card.schedule),
          due: card.due,
          createdAt: now,
        }).changes > 0;
      const row = this.byKey.get(scope, card.userId, card.cardKey);
      const stored = row ? toCard(row) : undefined;
      if (!stored) throw new Error('review card vanished after insert');
      return { card: stored, created };
    })();
  }

  async card(scope: Scope, userId: string, id: number): Promise<ReviewCard | undefined> {
    assertScope(scope);
    const row = this.byId.get(scope, userId, id);
    return row ? toCard(row) : undefined;
  }

  async dueCards(scope: Scope, userId: string, now: number, limit: number): Promise<ReviewCard[]> {
    assertScope(scope);
    return this.due.all(scope, userId, now, Math.max(1, limit)).flatMap((row) => toCard(row) ?? []);
  }

  async dueCount(scope: Scope, userId: string, now: number): Promise<number> {
    assertScope(scope);
    return this.dueCountStatement.get(scope, userId, now)?.n ?? 0;
  }

  async totalCount(scope: Scope, userId: string): Promise<number> {
    assertScope(scope);
    return this.totalStatement.get(scope, userId)?.n ?? 0;
  }

  async reschedule(
    scope: Scope,
    userId: string,
    id: number,
    change: { expectedDue: number; schedule: ReviewCard['schedule']; due: number; rating: string; at: number },
  ): Promise<boolean> {
    assertScope(scope);
    return this.db.transaction(() => {
      const updated = this.update.run({ scope, userId, id, expectedDue: change.expectedDue, schedule: toJson(change.schedule), due: change.due }).changes === 1;
      if (updated) this.log.run({ scope, userId, id, rating: change.rating, at: change.at });
      return updated;
    })();
  }

  async deleteCard(scope: Scope, userId: string, id: number): Promise<boolean> {
    assertScope(scope);
    return this.removeStatement.run(scope, userId, id).changes === 1;
  }

  async setReminder(scope: Scope, userId: string, enabled: boolean): Promise<void> {
    assertScope(scope);
    this.upsertReminder.run({ scope, userId, enabled: enabled ? 1 : 0 });
  }

  async reminder(scope: Scope, userId: string): Promise<ReminderSetting> {
    assertScope(scope);
    const row = this.selectReminder.get(scope, userId);
    return { enabled: row?.enabled === 1, ...(row?.last_sent_at != null ? { lastSentAt: row.last_sent_at } : {}) };
  }

  async remindersDue(now: number, sentBefore: number, limit: number, after?: Pick<ReminderDue, 'scope' | 'userId'>): Promise<ReminderDue[]> {
    // No scope is empty, so ('', '') is before every row.
    const [scope, userId] = after ? [after.scope, after.userId] : ['', ''];
    return this.remindersDueStatement.all(now, sentBefore, scope, scope, userId, Math.max(1, limit)).flatMap((row) => {
      const scope = parseScope(row.scope);
      return scope ? [{ scope, userId: row.user_id, due: row.due }] : [];
    });
  }

  async markReminded(scope: Scope, userId: string, at: number): Promise<void> {
    assertScope(scope);
    this.reminded.run({ scope, userId, at });
  }
}
