// Insights: the questions asked (text, where, when, outcome, passages shown, latency, how it was
// asked and answered), the 👍/👎 votes on them (the `feedback` table, linked by question id) and
// their retention. Filters become one WHERE clause with bound parameters; statements are prepared
// once per distinct clause. The SQL is plain (no SQLite-only functions) so another backend can
// run the same queries.
import type { Database, Statement } from 'better-sqlite3';
import { DAY_MS, PRUNED_KEY, RAW_USER_ID, SALT_KEY, where } from '../question-filter.js';
import { QUESTION_COLUMNS, records, toRecord, type QuestionRow } from '../rows.js';
import { assertScope, parseScope } from '../scope.js';
import type { ChannelCount, DayCount, InsightsStore, OutcomeCounts, PruneResult, QuestionFilter, QuestionOutcome, QuestionRecord, VotedQuestion, VoteRow } from '../types.js';




export class SqliteInsightsStore implements InsightsStore {
  private readonly statements = new Map<string, Statement>();
  private readonly insert: Statement;
  private readonly one: Statement<[string], QuestionRow>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO insight_questions (id, scope, guild_id, channel_id, user_hash, asked_at, question, status, confidence, latency_ms, via, reply_mode, passages_json)
       VALUES (@id, @scope, @guildId, @channelId, @userHash, @askedAt, @question, @status, @confidence, @latencyMs, @via, @replyMode, @passages)`,
    );
    this.one = db.prepare(`SELECT ${QUESTION_COLUMNS} FROM insight_questions q WHERE q.id = ?`);
  }

  /** A statement prepared once per SQL text (filters produce a handful of distinct clauses). */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private meta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async recordQuestions(batch: readonly QuestionRecord[]): Promise<void> {
    for (const record of batch) assertScope(record.scope);
    const insertAll = () => {
      for (const r of batch) {
        this.insert.run({
          id: r.id,
          scope: r.scope,
          guildId: r.guildId,
          channelId: r.channelId,
          userHash: r.userHash,
          askedAt: r.askedAt,
          question: r.question,
          status: r.status,
          confidence: r.confidence,
          latencyMs: r.latencyMs,
          via: r.via,
          replyMode: r.replyMode,
          passages: JSON.stringify(r.passages),
        });
      }
    };
    // One row commits on its own (no BEGIN/COMMIT round); a queue of rows in one transaction.
    if (batch.length === 1) insertAll();
    else this.db.transaction(insertAll)();
  }

  async question(id: string): Promise<QuestionRecord | undefined> {
    const row = this.one.get(id);
    return row ? toRecord(row) : undefined;
  }

  async questions(filter: QuestionFilter, page: { offset: number; limit: number }): Promise<{ rows: QuestionRecord[]; total: number }> {
    const { clause, params } = where(filter);
    const rows = this.statement(`SELECT ${QUESTION_COLUMNS} FROM insight_questions q ${clause} ORDER BY q.asked_at DESC, q.id DESC LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit: page.limit,
      offset: page.offset,
    }) as QuestionRow[];
    const total = (this.statement(`SELECT COUNT(*) AS n FROM insight_questions q ${clause}`).get(params) as { n: number }).n;
    return { rows: records(rows), total };
  }

  async questionsAfter(filter: QuestionFilter, cursor: { askedAt: number; id: string } | undefined, limit: number): Promise<QuestionRecord[]> {
    const { clause, params } = where(filter);
    const after = cursor ? `${clause ? `${clause} AND` : 'WHERE'} (q.asked_at > @afterAt OR (q.asked_at = @afterAt AND q.id > @afterId))` : clause;
    const rows = this.statement(`SELECT ${QUESTION_COLUMNS} FROM insight_questions q ${after} ORDER BY q.asked_at, q.id LIMIT @limit`).all({
      ...params,
      ...(cursor ? { afterAt: cursor.askedAt, afterId: cursor.id } : {}),
      limit,
    }) as QuestionRow[];
    return records(rows);
  }

  async outcomeCounts(filter: QuestionFilter): Promise<OutcomeCounts> {
    const { clause, params } = where(filter);
    const row = this.statement(
      `SELECT COUNT(*) AS total,
              SUM(CASE WHEN q.status = 'answered' THEN 1 ELSE 0 END) AS answered,
              SUM(CASE WHEN q.status = 'related' THEN 1 ELSE 0 END) AS related,
              SUM(CASE WHEN q.status = 'not-found' THEN 1 ELSE 0 END) AS not_found,
              COUNT(DISTINCT q.user_hash) AS people
       FROM insight_questions q ${clause}`,
    ).get(params) as { total: number; answered: number | null; related: number | null; not_found: number | null; people: number };
    return { total: row.total, answered: row.answered ?? 0, related: row.related ?? 0, notFound: row.not_found ?? 0, people: row.people };
  }

  async perDay(filter: QuestionFilter): Promise<DayCount[]> {
    const { clause, params } = where(filter);
    // Integer division: both operands are integers here and in PostgreSQL (bigint).
    const rows = this.statement(
      `SELECT q.asked_at / ${DAY_MS} AS day, q.status AS status, COUNT(*) AS count FROM insight_questions q ${clause} GROUP BY q.asked_at / ${DAY_MS}, q.status ORDER BY day`,
    ).all(params) as DayCount[];
    return rows.map((r) => ({ day: Math.floor(r.day), status: r.status, count: r.count }));
  }

  async channels(filter: QuestionFilter): Promise<ChannelCount[]> {
    const { clause, params } = where(filter);
    const rows = this.statement(
      `SELECT q.scope AS scope, q.guild_id AS guild_id, q.channel_id AS channel_id, COUNT(*) AS count FROM insight_questions q ${clause}
       GROUP BY q.scope, q.guild_id, q.channel_id ORDER BY count DESC`,
    ).all(params) as Array<{ scope: string; guild_id: string | null; channel_id: string | null; count: number }>;
    return rows.flatMap((r) => {
      const scope = parseScope(r.scope);
      return scope ? [{ scope, guildId: r.guild_id, channelId: r.channel_id, count: r.count }] : [];
    });
  }

  async mostDownvoted(filter: QuestionFilter, limit: number): Promise<VotedQuestion[]> {
    const { clause, params } = where(filter);
    const rows = this.statement(
      `SELECT ${QUESTION_COLUMNS},
              COUNT(DISTINCT CASE WHEN f.vote = 'down' THEN f.user_id END) AS down,
              COUNT(DISTINCT CASE WHEN f.vote = 'up' THEN f.user_id END) AS up
       FROM insight_questions q JOIN feedback f ON f.question_id = q.id ${clause}
       GROUP BY ${QUESTION_COLUMNS}
       HAVING COUNT(DISTINCT CASE WHEN f.vote = 'down' THEN f.user_id END) > 0
       ORDER BY down DESC, up ASC, q.asked_at DESC LIMIT @limit`,
    ).all({ ...params, limit }) as Array<QuestionRow & { up: number; down: number }>;
    return rows.flatMap((row) => {
      const question = toRecord(row);
      return question ? [{ question, up: row.up, down: row.down }] : [];
    });
  }

  async votes(filter: QuestionFilter, page: { offset: number; limit: number }): Promise<{ rows: VoteRow[]; total: number }> {
    const { clause, params } = where(filter);
    const from = `FROM feedback f JOIN insight_questions q ON q.id = f.question_id ${clause}`;
    const rows = this.statement(
      `SELECT f.at AS at, f.vote AS vote, f.user_id AS user_hash, f.guild_id AS guild_id, f.channel_id AS channel_id, q.question AS question, q.id AS question_id, q.status AS status
       ${from} ORDER BY f.at DESC, f.id DESC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: page.limit, offset: page.offset }) as Array<{
      at: string; vote: 'up' | 'down'; user_hash: string; guild_id: string | null; channel_id: string | null; question: string; question_id: string; status: QuestionOutcome;
    }>;
    const total = (this.statement(`SELECT COUNT(*) AS n ${from}`).get(params) as { n: number }).n;
    return {
      total,
      rows: rows.map((r) => ({ at: r.at, vote: r.vote, userHash: r.user_hash, guildId: r.guild_id, channelId: r.channel_id, question: r.question, questionId: r.question_id, status: r.status })),
    };
  }

  async prune(before: number): Promise<PruneResult> {
    const iso = new Date(before).toISOString();
    return this.db.transaction(() => ({
      questions: this.statement('DELETE FROM insight_questions WHERE asked_at < ?').run(before).changes,
      votes: this.statement('DELETE FROM feedback WHERE at < ?').run(iso).changes,
      escalations: this.statement('DELETE FROM insight_escalations WHERE created_at < ?').run(before).changes,
    }))();
  }

  async salt(generated: string): Promise<string> {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(SALT_KEY, generated);
    return this.meta(SALT_KEY) ?? generated;
  }

  async lastPrunedAt(): Promise<number | undefined> {
    const value = Number(this.meta(PRUNED_KEY));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }

  async setLastPrunedAt(at: number): Promise<void> {
    this.setMeta(PRUNED_KEY, String(at));
  }

  async pseudonymiseVotes(hash: (userId: string) => string): Promise<number> {
    const rows = this.statement('SELECT id, user_id, scope FROM feedback').all() as Array<{ id: number; user_id: string; scope: string }>;
    const raw = rows.filter((r) => RAW_USER_ID.test(r.user_id));
    const update = this.statement('UPDATE feedback SET user_id = ?, scope = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const row of raw) {
        const hashed = hash(row.user_id);
        // A DM vote's scope is named by the user id too.
        update.run(hashed, row.scope === `dm:${row.user_id}` ? `dm:${hashed}` : row.scope, row.id);
      }
    })();
    return raw.length;
  }
}
