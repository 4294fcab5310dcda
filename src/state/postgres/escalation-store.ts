// "Still need help?" escalations in PostgreSQL: one per question (the unique question_id makes a
// second press, from any process, insert nothing).
import type pg from 'pg';
import { ESCALATION_COLUMNS, toEscalation, type EscalationRow } from '../rows.js';
import { assertScope, type Scope } from '../scope.js';
import type { Escalation, EscalationStore } from '../types.js';

export class PostgresEscalationStore implements EscalationStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(e: Escalation): Promise<boolean> {
    assertScope(e.scope);
    const result = await this.pool.query(
      `INSERT INTO insight_escalations (${ESCALATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL) ON CONFLICT DO NOTHING`,
      [e.id, e.scope, e.questionId ?? null, e.guildId, e.channelId, e.messageId, e.userHash, e.question, e.createdAt],
    );
    return result.rowCount === 1;
  }

  async list(options: { scope?: Scope; open?: boolean; limit: number }): Promise<Escalation[]> {
    const parts: string[] = [];
    const values: unknown[] = [];
    if (options.scope !== undefined) {
      assertScope(options.scope);
      values.push(options.scope);
      parts.push(`scope = $${values.length}`);
    }
    if (options.open) parts.push('resolved_at IS NULL');
    values.push(options.limit);
    const clause = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const { rows } = await this.pool.query<EscalationRow>(
      `SELECT ${ESCALATION_COLUMNS} FROM insight_escalations ${clause} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toEscalation).filter((e): e is Escalation => e !== undefined);
  }

  async openCount(scope?: Scope): Promise<number> {
    if (scope !== undefined) assertScope(scope);
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM insight_escalations WHERE resolved_at IS NULL${scope !== undefined ? ' AND scope = $1' : ''}`,
      scope !== undefined ? [scope] : [],
    );
    return rows[0]?.n ?? 0;
  }

  async resolve(id: string, at: number): Promise<boolean> {
    return (await this.pool.query('UPDATE insight_escalations SET resolved_at = $1 WHERE id = $2 AND resolved_at IS NULL', [at, id])).rowCount === 1;
  }
}
