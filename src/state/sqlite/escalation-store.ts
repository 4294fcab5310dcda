// "Still need help?" escalations: the question posted for the helper role, open until an operator
// marks it resolved on the dashboard. One per question (the button pressed twice posts once).
import type { Database, Statement } from 'better-sqlite3';
import { assertScope, parseScope, type Scope } from '../scope.js';
import type { Escalation, EscalationStore } from '../types.js';

interface EscalationRow {
  id: string;
  scope: string;
  question_id: string | null;
  guild_id: string | null;
  channel_id: string;
  message_id: string;
  user_hash: string;
  question: string;
  created_at: number;
  resolved_at: number | null;
}

const COLUMNS = 'id, scope, question_id, guild_id, channel_id, message_id, user_hash, question, created_at, resolved_at';

function toEscalation(row: EscalationRow): Escalation | undefined {
  const scope = parseScope(row.scope);
  if (!scope) return undefined;
  return {
    id: row.id,
    scope,
    ...(row.question_id ? { questionId: row.question_id } : {}),
    guildId: row.guild_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    userHash: row.user_hash,
    question: row.question,
    createdAt: row.created_at,
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
  };
}

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
