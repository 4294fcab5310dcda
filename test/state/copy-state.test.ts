// `npm run copy-state` as an operator runs it: the state a bot kept in SQLite (every table group)
// copied into an empty PostgreSQL database, read back there through the store the same as from
// SQLite — ids kept (buttons already posted refer to them), the insights key kept (hashes stay
// stable), new rows numbered after the copied ones — and refused, in one line, into a database
// that already holds state.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUserHasher } from '../../src/insights/user-hash.js';
import { createLogger } from '../../src/log.js';
import { STATE_TABLES } from '../../src/state/copy-to-postgres.js';
import { DATABASE_FILE, guildScope, openStateStore, type StateStore } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from '../support/postgres.js';

const run = promisify(execFile);
const skipped = postgresUnavailable();
const A = guildScope('111111111111111111');
const USER = '444444444444444444';
const NOW = 1_700_000_000_000;

/** One of everything, through the store. */
async function seed(s: StateStore): Promise<void> {
  for (let i = 0; i < 3; i++) await s.bookmarks.add(A, { userId: USER, kind: 'passage', docId: `d${i}.txt`, paragraph: i, title: `T${i}`, excerpt: 'x', note: i ? 'n' : undefined }, NOW + i);
  await s.bookmarks.remove(A, USER, 2);
  await s.reviews.addCard(A, { userId: USER, cardKey: 'k1', source: 'quiz', content: { q: 1 }, schedule: { s: 1 }, due: NOW }, NOW);
  await s.reviews.reschedule(A, USER, 1, { expectedDue: NOW, schedule: { s: 2 }, due: NOW + 10, rating: 'good', at: NOW });
  await s.reviews.setReminder(A, USER, true);
  await s.reading.setPosition(A, USER, { docId: 'a.txt', paragraph: 4, updatedAt: NOW });
  await s.reading.setPosition(A, USER, { docId: 'b.txt', paragraph: 2, updatedAt: NOW });
  await s.quiz.createSession(A, { id: 'sess', userId: USER, channelId: null, payload: { items: [1, 2] }, createdAt: NOW, expiresAt: NOW + 1000 });
  await s.quiz.advanceSession(A, 'sess', 0, true);
  await s.quiz.recordAttempt(A, { userId: USER, itemKey: 'i', docId: 'a.txt', correct: true, points: 3, at: NOW });
  await s.daily.set(A, { channelId: '5', time: '09:00', timezone: 'Europe/Paris', createdBy: USER, createdAt: NOW });
  await s.daily.claimDay(A, '2024-01-02');
  await s.daily.recordPosted(A, 'a.txt#1', NOW);
  await s.settings.set(A, '5', 'scope', { folder: 'guides/' });
  const hasher = await openUserHasher(s.insights);
  await s.insights.recordQuestions([{
    id: 'q1', scope: A, guildId: '111111111111111111', channelId: '5', userHash: hasher.hash(USER), askedAt: NOW, question: 'why?', status: 'answered',
    confidence: 0.75, latencyMs: 12.5, via: 'ask', replyMode: 'public', passages: [{ docId: 'a.txt', chunkId: 'a.txt#0', paragraph: 1, score: 0.5 }],
  }]);
  await s.feedback.record(A, { at: new Date(NOW).toISOString(), vote: 'down', userId: hasher.hash(USER), guildId: '111111111111111111', channelId: '5', messageId: 'm', question: 'why?', questionId: 'q1', answer: { answered: true, offset: 0, excerpts: [] } });
  await s.escalations.record({ id: 'e1', scope: A, questionId: 'q1', guildId: '111111111111111111', channelId: '5', messageId: 'm2', userHash: hasher.hash(USER), question: 'why?', createdAt: NOW });
  await s.insights.setLastPrunedAt(NOW);
}

/** Everything readable through the store, for comparing the two backends. */
async function snapshot(s: StateStore) {
  return {
    bookmarks: await s.bookmarks.list(A, USER, { offset: 0, limit: 10 }),
    card: await s.reviews.card(A, USER, 1),
    reminder: await s.reviews.reminder(A, USER),
    lastRead: await s.reading.lastRead(A, USER),
    session: await s.quiz.session(A, 'sess', NOW),
    board: await s.quiz.leaderboard(A, { limit: 5 }),
    daily: await s.daily.get(A),
    posted: await s.daily.postedPassages(A),
    settings: await s.settings.channel(A, '5'),
    questions: await s.insights.questions({}, { offset: 0, limit: 10 }),
    votes: await s.feedback.exportAll(),
    escalations: await s.escalations.list({ limit: 10 }),
    salt: await s.insights.salt('a different generated key'),
    lastPrunedAt: await s.insights.lastPrunedAt(),
  };
}

(skipped ? describe.skip : describe)(`npm run copy-state${skipped ? ` — ${skipped}` : ''}`, () => {
  let cluster: PostgresCluster | undefined;
  let dir = '';
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-copy-'));
  });
  afterAll(async () => {
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const copyCli = (databaseUrl: string) =>
    run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/copy-state.ts')], { cwd: PROJECT_ROOT, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });

  it('copies every table, reads back the same, keeps ids and the key; refuses a database that holds state', async () => {
    const sqlite = await openStateStore({ dataDir: dir, logger: createLogger('silent') });
    await seed(sqlite);
    const before = await snapshot(sqlite);
    await sqlite.close();
    // The copy knows every table the migrations create.
    const db = new BetterSqlite3(path.join(dir, DATABASE_FILE), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
    db.close();
    expect([...STATE_TABLES].sort()).toEqual(tables);

    const url = (await cluster?.createDatabase()) ?? '';
    // A bot started there once already generated its own insights key: the copy replaces it.
    const earlier = await openStateStore({ dataDir: dir, databaseUrl: url, logger: createLogger('silent') });
    await earlier.insights.salt('the target bot generated this key');
    await earlier.close();
    const { stdout } = await copyCli(url);
    expect(stdout.trim()).toMatch(/^copied \d+ rows from .*footnote\.db to postgres:\/\/127\.0\.0\.1:\d+\/\w+ \(.*bookmarks 2.*\)$/);

    const postgres = await openStateStore({ dataDir: dir, databaseUrl: url, logger: createLogger('silent') });
    try {
      expect(await snapshot(postgres)).toEqual(before);
      // New rows are numbered after the copied ones.
      const next = await postgres.bookmarks.add(A, { userId: USER, kind: 'answer', docId: 'c.txt', paragraph: 1, title: 'new', excerpt: 'y' }, NOW + 9);
      expect(next.id).toBeGreaterThan(Math.max(...before.bookmarks.bookmarks.map((b) => b.id)));
      expect((await postgres.reviews.addCard(A, { userId: USER, cardKey: 'k2', source: 'quiz', content: {}, schedule: {}, due: NOW }, NOW)).card.id).toBe(2);
    } finally {
      await postgres.close();
    }

    const refused = await copyCli(url).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr.trim()).toMatch(/^The PostgreSQL database already holds state \(table feedback has 1 rows\): copy into an empty database\.$/);
  });
});
