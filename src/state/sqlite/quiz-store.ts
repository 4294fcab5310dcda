// Quiz sessions (a solo quiz's items, so its buttons keep working across restarts) and attempts
// (the leaderboard is a sum over them).
import type { Database, Statement } from 'better-sqlite3';
import { assertScope, type Scope } from '../scope.js';
import type { LeaderboardRow, QuizAttempt, QuizSession, QuizStore } from '../types.js';
import { toJson } from '../json.js';
import { SESSION_COLUMNS, toSession, type SessionRow } from '../rows.js';


interface BoardRow {
  user_id: string;
  points: number;
  correct: number;
  attempts: number;
}

export class SqliteQuizStore implements QuizStore {
  private readonly insertSession: Statement;
  private readonly selectSession: Statement<[string, string, number], SessionRow>;
  private readonly advance: Statement;
  private readonly insertAttempt: Statement;
  private readonly board: Statement<[string, number, number], BoardRow>;
  private readonly prune: Statement<[number]>;

  constructor(db: Database) {
    this.insertSession = db.prepare(
      `INSERT INTO quiz_sessions (scope, id, user_id, channel_id, payload_json, created_at, expires_at)
       VALUES (@scope, @id, @userId, @channelId, @payload, @createdAt, @expiresAt)`,
    );
    this.selectSession = db.prepare(
      `SELECT ${SESSION_COLUMNS} FROM quiz_sessions WHERE scope = ? AND id = ? AND expires_at > ?`,
    );
    this.advance = db.prepare(
      'UPDATE quiz_sessions SET position = position + 1, correct = correct + @add WHERE scope = @scope AND id = @id AND position = @from',
    );
    this.insertAttempt = db.prepare(
      `INSERT INTO quiz_attempts (scope, user_id, item_key, doc_id, correct, points, round_id, at)
       VALUES (@scope, @userId, @itemKey, @docId, @correct, @points, @roundId, @at)`,
    );
    this.board = db.prepare(
      `SELECT user_id, SUM(points) AS points, SUM(correct) AS correct, COUNT(*) AS attempts
       FROM quiz_attempts WHERE scope = ? AND at >= ?
       GROUP BY user_id HAVING SUM(points) > 0
       ORDER BY points DESC, correct DESC, MIN(at) ASC LIMIT ?`,
    );
    this.prune = db.prepare('DELETE FROM quiz_sessions WHERE expires_at <= ?');
  }

  async createSession(scope: Scope, session: Omit<QuizSession, 'position' | 'correct'>): Promise<void> {
    assertScope(scope);
    this.insertSession.run({
      scope,
      id: session.id,
      userId: session.userId,
      channelId: session.channelId,
      payload: toJson(session.payload),
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
    });
  }

  async session(scope: Scope, id: string, now: number): Promise<QuizSession | undefined> {
    assertScope(scope);
    const row = this.selectSession.get(scope, id, now);
    return row ? toSession(row) : undefined;
  }

  async advanceSession(scope: Scope, id: string, fromPosition: number, correct: boolean): Promise<boolean> {
    assertScope(scope);
    return this.advance.run({ scope, id, from: fromPosition, add: correct ? 1 : 0 }).changes === 1;
  }

  async recordAttempt(scope: Scope, attempt: QuizAttempt): Promise<void> {
    assertScope(scope);
    this.insertAttempt.run({
      scope,
      userId: attempt.userId,
      itemKey: attempt.itemKey,
      docId: attempt.docId,
      correct: attempt.correct ? 1 : 0,
      points: attempt.points,
      roundId: attempt.roundId ?? null,
      at: attempt.at,
    });
  }

  async leaderboard(scope: Scope, options: { since?: number; limit: number }): Promise<LeaderboardRow[]> {
    assertScope(scope);
    return this.board
      .all(scope, options.since ?? 0, Math.max(1, options.limit))
      .map((row) => ({ userId: row.user_id, points: row.points, correct: row.correct, attempts: row.attempts }));
  }

  async pruneSessions(now: number): Promise<number> {
    return this.prune.run(now).changes;
  }
}
