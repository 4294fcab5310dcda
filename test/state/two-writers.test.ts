// Two bot processes on one PostgreSQL database: both start at once on a fresh database (their
// migrations race under the advisory lock), then write at the same moment — each its own rows,
// and both the same contested rows. Afterwards every row of both is there, each contested write
// happened exactly once, and the schema was migrated once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { guildScope, openStateStore } from '../../src/state/index.js';
import { MIGRATIONS } from '../../src/state/migrations.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from '../support/postgres.js';

const ROUNDS = 150;
const skipped = postgresUnavailable();

interface Won {
  cardsCreated: number;
  advanced: number[];
  claimedDays: string[];
}

function startWriter(url: string, writer: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test/state/fixtures/pg-writer.ts'), url, writer, String(ROUNDS)], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.startsWith('ready\n')) resolve();
  }));
  const done = new Promise<Won>((resolve, reject) =>
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as Won);
      else reject(new Error(`writer ${writer} exited with ${code}: ${stderr}`));
    }),
  );
  return { ready, done, go: () => child.stdin.end('go\n') };
}

(skipped ? describe.skip : describe)(`two processes writing to one PostgreSQL database${skipped ? ` — ${skipped}` : ''}`, () => {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(() => cluster?.stop());

  it('keeps every row of both writers, and each contested write happens once', async () => {
    const url = (await cluster?.createDatabase()) ?? '';
    // The shared quiz session is created by a third party once the schema exists: after both opened.
    const writers = [startWriter(url, 'a'), startWriter(url, 'b')];
    await Promise.all(writers.map((w) => w.ready));
    const scope = guildScope('111111111111111111');
    const state = await openStateStore({ dataDir: '', databaseUrl: url, logger: createLogger('silent') });
    try {
      await state.quiz.createSession(scope, { id: 'shared-session', userId: 'shared', channelId: null, payload: {}, createdAt: 0, expiresAt: Number.MAX_SAFE_INTEGER });
      await state.daily.set(scope, { channelId: '5', time: '09:00', timezone: 'UTC', createdBy: 'x', createdAt: 0 });
      for (const w of writers) w.go();
      const [a, b] = await Promise.all(writers.map((w) => w.done));
      if (!a || !b) throw new Error('a writer reported nothing');

      // Each writer's own rows, all of them.
      const board = await state.quiz.leaderboard(scope, { limit: 10 });
      expect(board.map((r) => [r.userId, r.attempts]).sort()).toEqual([['user-a', ROUNDS], ['user-b', ROUNDS]]);
      expect(await state.feedback.count(scope)).toBe(2 * ROUNDS);
      expect(new Set((await state.feedback.exportAll()).map((v) => v.messageId)).size).toBe(2 * ROUNDS);
      expect((await state.insights.outcomeCounts({ scope })).total).toBe(2 * ROUNDS);
      for (const user of ['user-a', 'user-b']) expect((await state.bookmarks.list(scope, user, { offset: 0, limit: 1 })).total).toBe(ROUNDS);

      // Contested rows: one card per key, created once in all; each session position answered once; each day claimed at most once.
      expect(await state.reviews.totalCount(scope, 'shared')).toBe(ROUNDS);
      expect(a.cardsCreated + b.cardsCreated).toBe(ROUNDS);
      const advanced = [...a.advanced, ...b.advanced].sort((x, y) => x - y);
      expect(advanced).toEqual(advanced.map((_, i) => i));
      expect((await state.quiz.session(scope, 'shared-session', 0))?.position).toBe(advanced.length);
      const days = [...a.claimedDays, ...b.claimedDays];
      expect(new Set(days).size).toBe(days.length);
      expect((await state.daily.get(scope))?.lastPostDay).toBe([...days].sort().pop());
    } finally {
      await state.close();
    }

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations')).rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await client.end();
    }
  });
});
