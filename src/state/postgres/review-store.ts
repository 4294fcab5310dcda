// Review cards, their review log and the reminder setting in PostgreSQL. A review is one statement
// (the conditional UPDATE and its log row in one CTE), so two clicks on one card — from any process
// — reschedule it once and log it once, without an explicit transaction.
import type pg from 'pg';
import { toJson } from '../json.js';
import { CARD_COLUMNS, toCard, type CardRow } from '../rows.js';
import { assertScope, parseScope, type Scope } from '../scope.js';
import type { NewReviewCard, ReminderDue, ReminderSetting, ReviewCard, ReviewStore } from '../types.js';

export class PostgresReviewStore implements ReviewStore {
  constructor(private readonly pool: pg.Pool) {}

  async addCard(scope: Scope, card: NewReviewCard, now: number): Promise<{ card: ReviewCard; created: boolean }> {
    assertScope(scope);
    // ON CONFLICT waits for a concurrent insert of the same key to commit, so the SELECT after it
    // finds that card (READ COMMITTED: each statement sees what was committed before it began).
    const inserted = await this.pool.query(
      `INSERT INTO review_cards (scope, user_id, card_key, source, content_json, schedule_json, due, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (scope, user_id, card_key) DO NOTHING`,
      [scope, card.userId, card.cardKey, card.source, toJson(card.content), toJson(card.schedule), card.due, now],
    );
    const { rows } = await this.pool.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE scope = $1 AND user_id = $2 AND card_key = $3`, [
      scope, card.userId, card.cardKey,
    ]);
    const stored = rows[0] ? toCard(rows[0]) : undefined;
    if (!stored) throw new Error('review card vanished after insert');
    return { card: stored, created: (inserted.rowCount ?? 0) > 0 };
  }

  async card(scope: Scope, userId: string, id: number): Promise<ReviewCard | undefined> {
    assertScope(scope);
    const { rows } = await this.pool.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE scope = $1 AND user_id = $2 AND id = $3`, [scope, userId, id]);
    return rows[0] ? toCard(rows[0]) : undefined;
  }

  async dueCards(scope: Scope, userId: string, now: number, limit: number): Promise<ReviewCard[]> {
    assertScope(scope);
    const { rows } = await this.pool.query<CardRow>(
      `SELECT ${CARD_COLUMNS} FROM review_cards WHERE scope = $1 AND user_id = $2 AND due <= $3 ORDER BY due, id LIMIT $4`,
      [scope, userId, now, Math.max(1, limit)],
    );
    return rows.flatMap((row) => toCard(row) ?? []);
  }

  async dueCount(scope: Scope, userId: string, now: number): Promise<number> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM review_cards WHERE scope = $1 AND user_id = $2 AND due <= $3', [scope, userId, now]);
    return rows[0]?.n ?? 0;
  }

  async totalCount(scope: Scope, userId: string): Promise<number> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM review_cards WHERE scope = $1 AND user_id = $2', [scope, userId]);
    return rows[0]?.n ?? 0;
  }

  async reschedule(
    scope: Scope,
    userId: string,
    id: number,
    change: { expectedDue: number; schedule: ReviewCard['schedule']; due: number; rating: string; at: number },
  ): Promise<boolean> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ id: number }>(
      `WITH updated AS (
         UPDATE review_cards SET schedule_json = $5, due = $6 WHERE scope = $1 AND user_id = $2 AND id = $3 AND due = $4 RETURNING id
       )
       INSERT INTO review_log (scope, user_id, card_id, rating, at) SELECT $1, $2, id, $7, $8 FROM updated RETURNING card_id AS id`,
      [scope, userId, id, change.expectedDue, toJson(change.schedule), change.due, change.rating, change.at],
    );
    return rows.length === 1;
  }

  async deleteCard(scope: Scope, userId: string, id: number): Promise<boolean> {
    assertScope(scope);
    return (await this.pool.query('DELETE FROM review_cards WHERE scope = $1 AND user_id = $2 AND id = $3', [scope, userId, id])).rowCount === 1;
  }

  async setReminder(scope: Scope, userId: string, enabled: boolean): Promise<void> {
    assertScope(scope);
    await this.pool.query(
      `INSERT INTO review_reminders (scope, user_id, enabled) VALUES ($1, $2, $3) ON CONFLICT (scope, user_id) DO UPDATE SET enabled = excluded.enabled`,
      [scope, userId, enabled ? 1 : 0],
    );
  }

  async reminder(scope: Scope, userId: string): Promise<ReminderSetting> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ enabled: number; last_sent_at: number | null }>(
      'SELECT enabled, last_sent_at FROM review_reminders WHERE scope = $1 AND user_id = $2',
      [scope, userId],
    );
    const row = rows[0];
    return { enabled: row?.enabled === 1, ...(row?.last_sent_at != null ? { lastSentAt: row.last_sent_at } : {}) };
  }

  async remindersDue(now: number, sentBefore: number, limit: number, after?: Pick<ReminderDue, 'scope' | 'userId'>): Promise<ReminderDue[]> {
    // No scope is empty, so ('', '') is before every row.
    const [scope, userId] = after ? [after.scope, after.userId] : ['', ''];
    const { rows } = await this.pool.query<{ scope: string; user_id: string; due: number }>(
      `SELECT r.scope AS scope, r.user_id AS user_id, COUNT(c.id) AS due
       FROM review_reminders r JOIN review_cards c ON c.scope = r.scope AND c.user_id = r.user_id AND c.due <= $1
       WHERE r.enabled = 1 AND (r.last_sent_at IS NULL OR r.last_sent_at < $2) AND (r.scope > $4 OR (r.scope = $4 AND r.user_id > $5))
       GROUP BY r.scope, r.user_id ORDER BY r.scope, r.user_id LIMIT $3`,
      [now, sentBefore, Math.max(1, limit), scope, userId],
    );
    return rows.flatMap((row) => {
      const scope = parseScope(row.scope);
      return scope ? [{ scope, userId: row.user_id, due: row.due }] : [];
    });
  }

  async markReminded(scope: Scope, userId: string, at: number): Promise<void> {
    assertScope(scope);
    await this.pool.query('UPDATE review_reminders SET last_sent_at = $3 WHERE scope = $1 AND user_id = $2', [scope, userId, at]);
  }
}
