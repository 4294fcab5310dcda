// Quiz sessions and attempts in PostgreSQL. Advancing a session is one conditional UPDATE: under
// concurrent clicks (from any process) the second waits for the first's row lock, re-checks the
// position and changes nothing.
import type pg from 'pg';
import { toJson } from '../json.js';
import { SESSION_COLUMNS, toSession, type SessionRow } from '../rows.js';
import { assertScope, type Scope } from '../scope.js';
import type { LeaderboardRow, QuizAttempt, QuizSession, QuizStore } from '../types.js';

export class PostgresQuizStore implements QuizStore {
  constructor(private readonly pool: pg.Pool) {}

  async createSession(scope: Scope, session: Omit<QuizSession, 'position' | 'correct'>): Promise<void> {
    assertScope(scope);
    await this.pool.query(
      `INSERT INTO quiz_sessions (scope, id, user_id, channel_id, payload_json, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [scope, session.id, session.userId, session.channelId, toJson(session.payload), session.createdAt, session.expiresAt],
    );
  }

  async session(scope: Scope, id: string, now: number): Promise<QuizSession | undefined> {
    assertScope(scope);
    const { rows } = await this.pool.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM quiz_sessions WHERE scope = $1 AND id = $2 AND expires_at > $3`, [scope, id, now]);
    return rows[0] ? toSession(rows[0]) : undefined;
  }

  async advanceSession(scope: Scope, id: string, fromPosition: number, correct: boolean): Promise<boolean> {
    assertScope(scope);
    const result = await this.pool.query(
      'UPDATE quiz_sessions SET position = position + 1, correct = correct + $4 WHERE scope = $1 AND id = $2 AND position = $3',
      [scope, id, fromPosition, correct ? 1 : 0],
    );
    return result.rowCount === 1;
  }

  async recordAttempt(scope: Scope, attempt: QuizAttempt): Promise<void> {
    assertScope(scope);
    await this.pool.query(
      `INSERT INTO quiz_attempts (scope, user_id, item_key, doc_id, correct, points, round_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [scope, attempt.userId, attempt.itemKey, attempt.docId, attempt.correct ? 1 : 0, attempt.points, attempt.roundId ?? null, attempt.at],
    );
  }

  async leaderboard(scope: Scope, options: { since?: number; limit: number }): Promise<LeaderboardRow[]> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ user_id: string; points: number; correct: number; attempts: number }>(
      `SELECT user_id, SUM(points) AS points, SUM(correct) AS correct, COUNT(*) AS attempts
       FROM quiz_attempts WHERE scope = $1 AND at >= $2
       GROUP BY user_id HAVING SUM(points) > 0
       ORDER BY points DESC, correct DESC, MIN(at) ASC LIMIT $3`,
      [scope, options.since ?? 0, Math.max(1, options.limit)],
    );
    return rows.map((row) => ({ userId: row.user_id, points: row.points, correct: row.correct, attempts: row.attempts }));
  }

  async pruneSessions(now: number): Promise<number> {
    return (await this.pool.query('DELETE FROM quiz_sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }
}
