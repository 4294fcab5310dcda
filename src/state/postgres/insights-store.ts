// Insights in PostgreSQL: the same queries as SQLite's (the shared filter, its `@name` parameters
// numbered by named.ts); only what the dialects spell differently is written here. The key of the
// user hashes is claimed with ON CONFLICT DO NOTHING, so processes starting together agree on one.
import type pg from 'pg';
import { DAY_MS, PRUNED_KEY, RAW_USER_ID, SALT_KEY, where } from '../question-filter.js';
import { QUESTION_COLUMNS, records, toRecord, type QuestionRow } from '../rows.js';
import { assertScope, parseScope } from '../scope.js';
import type { ChannelCount, DayCount, InsightsStore, OutcomeCounts, PruneResult, QuestionFilter, QuestionOutcome, QuestionRecord, VotedQuestion, VoteRow } from '../types.js';
import { named } from './named.js';
import { readMeta, writeMeta } from './meta.js';
import { transaction } from './pool.js';

const INSERT = `INSERT INTO insight_questions (id, scope, guild_id, channel_id, user_hash, asked_at, question, status, confidence, latency_ms, via, reply_mode, passages_json)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`;

const DOWN_VOTERS = "COUNT(DISTINCT CASE WHEN f.vote = 'down' THEN f.user_id END)";
const UP_VOTERS = "COUNT(DISTINCT CASE WHEN f.vote = 'up' THEN f.user_id END)";

export class PostgresInsightsStore implements InsightsStore {
  constructor(private readonly pool: pg.Pool) {}

  private async all<T extends pg.QueryResultRow>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const { text, values } = named(sql, params);
    return (await this.pool.query<T>(text, values)).rows;
  }

  async recordQuestions(batch: readonly QuestionRecord[]): Promise<void> {
    for (const record of batch) assertScope(record.scope);
    const values = (r: QuestionRecord) => [
      r.id, r.scope, r.guildId, r.channelId, r.userHash, r.askedAt, r.question, r.status, r.confidence, r.latencyMs, r.via, r.replyMode, JSON.stringify(r.passages),
    ];
    // One row commits on its own (no BEGIN/COMMIT round trips); a queue of rows in one transaction.
    if (batch.length === 1 && batch[0]) await this.pool.query(INSERT, values(batch[0]));
    else if (batch.length > 1) await transaction(this.pool, async (client) => {
      for (const r of batch) await client.query(INSERT, values(r));
    });
  }

  async question(id: string): Promise<QuestionRecord | undefined> {
    const { rows } = await this.pool.query<QuestionRow>(`SELECT ${QUESTION_COLUMNS} FROM insight_questions q WHERE q.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async questions(filter: QuestionFilter, page: { offset: number; limit: number }): Promise<{ rows: QuestionRecord[]; total: number }> {
    const { clause, params } = where(filter);
    const [rows, count] = await Promise.all([
      this.all<QuestionRow>(`SELECT ${QUESTION_COLUMNS} FROM insight_questions q ${clause} ORDER BY q.asked_at DESC, q.id DESC LIMIT @limit OFFSET @offset`, {
        ...params, limit: page.limit, offset: page.offset,
      }),
      this.all<{ n: number }>(`SELECT COUNT(*) AS n FROM insight_questions q ${clause}`, params),
    ]);
    return { rows: records(rows), total: count[0]?.n ?? 0 };
  }

  async questionsAfter(filter: QuestionFilter, cursor: { askedAt: number; id: string } | undefined, limit: number): Promise<QuestionRecord[]> {
    const { clause, params } = where(filter);
    const after = cursor ? `${clause ? `${clause} AND` : 'WHERE'} (q.asked_at > @afterAt OR (q.asked_at = @afterAt AND q.id > @afterId))` : clause;
    const rows = await this.all<QuestionRow>(`SELECT ${QUESTION_COLUMNS} FROM insight_questions q ${after} ORDER BY q.asked_at, q.id LIMIT @limit`, {
      ...params, ...(cursor ? { afterAt: cursor.askedAt, afterId: cursor.id } : {}), limit,
    });
    return records(rows);
  }

  async outcomeCounts(filter: QuestionFilter): Promise<OutcomeCounts> {
    const { clause, params } = where(filter);
    const [row] = await this.all<{ total: number; answered: number | null; related: number | null; not_found: number | null; people: number }>(
      `SELECT COUNT(*) AS total,
              SUM(CASE WHEN q.status = 'answered' THEN 1 ELSE 0 END) AS answered,
              SUM(CASE WHEN q.status = 'related' THEN 1 ELSE 0 END) AS related,
              SUM(CASE WHEN q.status = 'not-found' THEN 1 ELSE 0 END) AS not_found,
              COUNT(DISTINCT q.user_hash) AS people
       FROM insight_questions q ${clause}`,
      params,
    );
    return { total: row?.total ?? 0, answered: row?.answered ?? 0, related: row?.related ?? 0, notFound: row?.not_found ?? 0, people: row?.people ?? 0 };
  }

  async perDay(filter: QuestionFilter): Promise<DayCount[]> {
    const { clause, params } = where(filter);
    // BIGINT / BIGINT is integer division, as in SQLite. PostgreSQL groups by hashing: the order
    // within a day is asked for explicitly.
    const rows = await this.all<DayCount>(
      `SELECT q.asked_at / ${DAY_MS} AS day, q.status AS status, COUNT(*) AS count FROM insight_questions q ${clause}
       GROUP BY q.asked_at / ${DAY_MS}, q.status ORDER BY day, status`,
      params,
    );
    return rows.map((r) => ({ day: Math.floor(r.day), status: r.status, count: r.count }));
  }

  async channels(filter: QuestionFilter): Promise<ChannelCount[]> {
    const { clause, params } = where(filter);
    const rows = await this.all<{ scope: string; guild_id: string | null; channel_id: string | null; count: number }>(
      `SELECT q.scope AS scope, q.guild_id AS guild_id, q.channel_id AS channel_id, COUNT(*) AS count FROM insight_questions q ${clause}
       GROUP BY q.scope, q.guild_id, q.channel_id ORDER BY count DESC`,
      params,
    );
    return rows.flatMap((r) => {
      const scope = parseScope(r.scope);
      return scope ? [{ scope, guildId: r.guild_id, channelId: r.channel_id, count: r.count }] : [];
    });
  }

  async mostDownvoted(filter: QuestionFilter, limit: number): Promise<VotedQuestion[]> {
    const { clause, params } = where(filter);
    const rows = await this.all<QuestionRow & { up: number; down: number }>(
      `SELECT ${QUESTION_COLUMNS}, ${DOWN_VOTERS} AS down, ${UP_VOTERS} AS up
       FROM insight_questions q JOIN feedback f ON f.question_id = q.id ${clause}
       GROUP BY ${QUESTION_COLUMNS}
       HAVING ${DOWN_VOTERS} > 0
       ORDER BY down DESC, up ASC, q.asked_at DESC LIMIT @limit`,
      { ...params, limit },
    );
    return rows.flatMap((row) => {
      const question = toRecord(row);
      return question ? [{ question, up: row.up, down: row.down }] : [];
    });
  }

  async votes(filter: QuestionFilter, page: { offset: number; limit: number }): Promise<{ rows: VoteRow[]; total: number }> {
    const { clause, params } = where(filter);
    const from = `FROM feedback f JOIN insight_questions q ON q.id = f.question_id ${clause}`;
    const [rows, count] = await Promise.all([
      this.all<{ at: string; vote: 'up' | 'down'; user_hash: string; guild_id: string | null; channel_id: string | null; question: string; question_id: string; status: QuestionOutcome }>(
        `SELECT f.at AS at, f.vote AS vote, f.user_id AS user_hash, f.guild_id AS guild_id, f.channel_id AS channel_id, q.question AS question, q.id AS question_id, q.status AS status
         ${from} ORDER BY f.at DESC, f.id DESC LIMIT @limit OFFSET @offset`,
        { ...params, limit: page.limit, offset: page.offset },
      ),
      this.all<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, params),
    ]);
    return {
      total: count[0]?.n ?? 0,
      rows: rows.map((r) => ({ at: r.at, vote: r.vote, userHash: r.user_hash, guildId: r.guild_id, channelId: r.channel_id, question: r.question, questionId: r.question_id, status: r.status })),
    };
  }

  async prune(before: number): Promise<PruneResult> {
    const iso = new Date(before).toISOString();
    return transaction(this.pool, async (client) => ({
      questions: (await client.query('DELETE FROM insight_questions WHERE asked_at < $1', [before])).rowCount ?? 0,
      votes: (await client.query('DELETE FROM feedback WHERE at < $1', [iso])).rowCount ?? 0,
      escalations: (await client.query('DELETE FROM insight_escalations WHERE created_at < $1', [before])).rowCount ?? 0,
    }));
  }

  async salt(generated: string): Promise<string> {
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SALT_KEY, generated]);
    return (await readMeta(this.pool, SALT_KEY)) ?? generated;
  }

  async lastPrunedAt(): Promise<number | undefined> {
    const value = Number(await readMeta(this.pool, PRUNED_KEY));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }

  async setLastPrunedAt(at: number): Promise<void> {
    await writeMeta(this.pool, PRUNED_KEY, String(at));
  }

  async pseudonymiseVotes(hash: (userId: string) => string): Promise<number> {
    return transaction(this.pool, async (client) => {
      // Only rows that still hold a raw id, locked: a second process starting at the same time
      // waits, then re-checks the condition on the rewritten rows and finds none.
      const { rows } = await client.query<{ id: number; user_id: string; scope: string }>(
        `SELECT id, user_id, scope FROM feedback WHERE user_id ~ '^[0-9]{15,22}$' ORDER BY id FOR UPDATE`,
      );
      const raw = rows.filter((r) => RAW_USER_ID.test(r.user_id));
      for (const row of raw) {
        const hashed = hash(row.user_id);
        // A DM vote's scope is named by the user id too.
        await client.query('UPDATE feedback SET user_id = $1, scope = $2 WHERE id = $3', [hashed, row.scope === `dm:${row.user_id}` ? `dm:${hashed}` : row.scope, row.id]);
      }
      return raw.length;
    });
  }
}
