// "Still need help?" escalations: the question posted for the helper role, open until an operator
// marks it resolved on the dashboard. One per question (the button pressed twice posts once).
import type { Database, Statement } from 'better-sqlite3';
import { ESCALATION_COLUMNS as COLUMNS, toEscalation, type EscalationRow } from '../rows.js';
import { assertScope, type Scope } from '../scope.js';
import type { Escalation, EscalationStore } from '../types.js';


export class SqliteEscalationStore implements EscalationStore {
  private readonly insert: Statement;
  private readonly resolveStatement: Statement<[number, string]>;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO insight_escalations (${COLUMNS})
       VALUES (@id, @scope, @questionId, @guildId, @channelId, @messageId, @userHash, @question, @createdAt, NULL)`,
    );
    this.resolveStatement = db.prepare('UPDATE insight_escalations SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL');
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async record(e: Escalation): Promise<boolean> {
    assertScope(e.scope);
    const result = this.insert.run({
      id: e.id,
      scope: e.scope,
      questionId: e.questionId ?? null,
      guildId: e.guildId,
      channelId: e.channelId,
      messageId: e.messageId,
      userHash: e.userHash,
      question: e.question,
      createdAt: e.createdAt,
    });
    return result.changes === 1;
  }

  async list(options: { scope?: Scope; open?: boolean; limit: number }): Promise<Escalation[]> {
    const parts: string[] = [];
    if (options.scope !== undefined) {
      assertScope(options.scope);
      parts.push('scope = @scope');
    }
    if (options.open) parts.push('resolved_at IS NULL');
    const clause = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const rows = this.statement(`SELECT ${COLUMNS} FROM insight_escalations ${clause} ORDER BY created_at DESC, id DESC LIMIT @limit`).all({
      ...(options.scope !== undefined ? { scope: options.scope } : {}),
      limit: options.limit,
    }) as EscalationRow[];
    return rows.map(toEscalation).filter((e): e is Escalation => e !== undefined);
  }

  async openCount(scope?: Scope): Promise<number> {
    if (scope !== undefined) assertScope(scope);
    const sql = `SELECT COUNT(*) AS n FROM insight_escalations WHERE resolved_at IS NULL${scope !== undefined ? ' AND scope = ?' : ''}`;
    const row = (scope !== undefined ? this.statement(sql).get(scope) : this.statement(sql).get()) as { n: number };
    return row.n;
  }

  async resolve(id: string, at: number): Promise<boolean> {
    return this.resolveStatement.run(at, id).changes === 1;
  }
}
