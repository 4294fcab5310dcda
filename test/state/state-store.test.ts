// The state store on both backends — a real SQLite file, and a real PostgreSQL server: every table
// group keeps one server's rows away from another's (and from DMs), state survives closing and
// reopening, migrations are versioned, and the old feedback log is imported once. SQLite: a
// damaged file is moved aside and a fresh one started. PostgreSQL: migrations are recorded in
// schema_migrations and apply once when several opens race; an unreachable server is one line.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { createLogger } from '../../src/log.js';
import {
  DATABASE_FILE,
  dmScope,
  formatFeedbackJsonl,
  guildScope,
  openStateStore,
  SCHEMA_VERSION,
  scopeOf,
  type FeedbackEntry,
  type Scope,
  type StateStore,
} from '../../src/state/index.js';
import { MIGRATIONS } from '../../src/state/migrations.js';
import { freePort } from '../support/postgres.js';
import { describeEachBackend } from '../support/state-backends.js';

const A = guildScope('111111111111111111');
const B = guildScope('222222222222222222');
const DM = dmScope('333333333333333333');
const USER = '444444444444444444';

function capture(): { logger: ReturnType<typeof createLogger>; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

function vote(i: number, guildId: string | null = '111111111111111111'): FeedbackEntry {
  return {
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
    vote: i % 2 ? 'up' : 'down',
    userId: USER,
    guildId,
    channelId: '555555555555555555',
    messageId: String(1000 + i),
    question: `question ${i}\nwith a newline and “quotes”`,
    answer: { answered: true, offset: 0, excerpts: [{ n: 1, docId: 'a.txt', chunkId: 'a.txt#0', paragraphStart: 1, paragraphEnd: 2, text: 'x'.repeat(50_000) }] },
  };
}

describeEachBackend('state store', (backend) => {
  let dir = '';
  let databaseUrl: string | undefined;
  let state: StateStore | undefined;
  const open = async (logger = createLogger('silent')) => {
    state = await openStateStore({ dataDir: dir, databaseUrl, logger });
    return state;
  };
  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-state-'));
    databaseUrl = await backend.freshDatabase();
  });
  afterEach(async () => {
    await state?.close();
    state = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every table group per scope: one server never sees or changes another server’s rows, nor a DM’s', async () => {
    const s = await open();
    const now = 1_700_000_000_000;
    // Same user, same ids in all three scopes.
    for (const scope of [A, B, DM] as Scope[]) {
      await s.bookmarks.add(scope, { userId: USER, kind: 'passage', docId: 'a.txt', paragraph: 3, title: `T ${scope}`, excerpt: 'text' }, now);
      await s.reading.setPosition(scope, USER, { docId: 'a.txt', paragraph: scope === A ? 5 : 9, updatedAt: now });
      await s.quiz.recordAttempt(scope, { userId: USER, itemKey: 'k', docId: 'a.txt', correct: true, points: scope === A ? 3 : 1, at: now });
      await s.settings.set(scope, '555555555555555555', 'scope', { folder: scope });
    }
    const aBookmark = (await s.bookmarks.list(A, USER, { offset: 0, limit: 10 })).bookmarks[0];
    expect(aBookmark?.title).toBe(`T ${A}`);
    // B cannot read or delete A's bookmark by its id.
    expect(await s.bookmarks.get(B, USER, aBookmark?.id ?? 0)).toBeUndefined();
    expect(await s.bookmarks.remove(B, USER, aBookmark?.id ?? 0)).toBe(false);
    expect(await s.bookmarks.get(A, USER, aBookmark?.id ?? 0)).toBeDefined();
    expect((await s.reading.position(A, USER, 'a.txt'))?.paragraph).toBe(5);
    expect((await s.reading.position(B, USER, 'a.txt'))?.paragraph).toBe(9);
    expect((await s.quiz.leaderboard(A, { limit: 10 }))[0]?.points).toBe(3);
    expect((await s.quiz.leaderboard(B, { limit: 10 }))[0]?.points).toBe(1);
    expect(await s.settings.get(B, '555555555555555555', 'scope')).toEqual({ folder: B });
    expect(await s.settings.withKey(A, 'scope')).toEqual([{ channelId: '555555555555555555', value: { folder: A } }]);
    expect(await s.settings.withKey(A, 'other')).toEqual([]);

    // Review cards: the same key in two scopes is two cards; rescheduling one leaves the other.
    const card = { userId: USER, cardKey: 'item-1', source: 'quiz' as const, content: { q: 'x' }, schedule: { s: 1 }, due: now };
    const inA = await s.reviews.addCard(A, card, now);
    const inB = await s.reviews.addCard(B, card, now);
    expect(inA.card.id).not.toBe(inB.card.id);
    expect(await s.reviews.reschedule(B, USER, inA.card.id, { expectedDue: now, schedule: { s: 2 }, due: now + 1000, rating: 'good', at: now })).toBe(false);
    expect(await s.reviews.card(B, USER, inA.card.id)).toBeUndefined();
    expect(await s.reviews.dueCount(A, USER, now)).toBe(1);

    // Quiz sessions and daily schedules: keyed by scope too.
    await s.quiz.createSession(A, { id: 'sess1', userId: USER, channelId: null, payload: { items: [] }, createdAt: now, expiresAt: now + 1000 });
    expect(await s.quiz.session(B, 'sess1', now)).toBeUndefined();
    expect(await s.quiz.advanceSession(B, 'sess1', 0, true)).toBe(false);
    await s.daily.set(A, { channelId: '555555555555555555', time: '09:00', timezone: 'UTC', createdBy: USER, createdAt: now });
    expect(await s.daily.get(B)).toBeUndefined();
    expect(await s.daily.claimDay(B, '2024-01-01')).toBe(false);
    expect(await s.daily.remove(B)).toBe(false);
    expect(await s.daily.get(A)).toBeDefined();
  });

  it('refuses anything that is not a scope', async () => {
    const s = await open();
    expect(() => guildScope("1' OR '1'='1")).toThrow(/invalid server id/);
    await expect(s.bookmarks.list('everything' as Scope, USER, { offset: 0, limit: 1 })).rejects.toThrow(/not a state scope/);
    expect(scopeOf({ guildId: null, userId: USER })).toBe(`dm:${USER}`);
  });

  it('keeps everything across close and reopen (a restart)', async () => {
    let s = await open();
    const now = 1_700_000_000_000;
    const saved = await s.bookmarks.add(A, { userId: USER, kind: 'answer', docId: 'a.txt', paragraph: 2, title: 'T', excerpt: 'e', note: 'my note', contentHash: 'h1' }, now);
    await s.reviews.addCard(A, { userId: USER, cardKey: 'c', source: 'bookmark', content: { q: 1 }, schedule: { due: now + 5 }, due: now + 5 }, now);
    await s.reviews.setReminder(A, USER, true);
    await s.close();
    s = await open();
    expect(await s.bookmarks.get(A, USER, saved.id)).toEqual(saved);
    expect(await s.reviews.dueCount(A, USER, now + 5)).toBe(1);
    expect((await s.reviews.reminder(A, USER)).enabled).toBe(true);
  });

  if (backend.name === 'SQLite') {
    it('applies migrations in order once, recorded as the schema version', async () => {
      await (await open()).close();
      state = undefined;
      const db = new BetterSqlite3(path.join(dir, DATABASE_FILE));
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
      expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      // Reopening runs nothing again (a second CREATE TABLE would throw).
      await open();
    });

    it('refuses a database from a newer schema instead of moving its data aside', async () => {
      const db = new BetterSqlite3(path.join(dir, DATABASE_FILE));
      db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
      db.close();
      await expect(open()).rejects.toThrow(/newer than this Footnote/);
      expect(await readdir(dir)).toEqual([DATABASE_FILE]);
    });

    it('moves a corrupt or non-database file aside with one log line and starts fresh, also on the next start', async () => {
      await writeFile(path.join(dir, DATABASE_FILE), 'this is not a database '.repeat(400));
      const { logger, lines } = capture();
      const s = await open(logger);
      await s.bookmarks.add(A, { userId: USER, kind: 'passage', docId: 'a', paragraph: 1, title: 't', excerpt: 'e' }, 1);
      const files = await readdir(dir);
      expect(files.filter((f) => f.startsWith(`${DATABASE_FILE}.corrupt-`))).toHaveLength(1);
      const warnings = lines.filter((l) => l.level === 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toMatch(/could not be opened .*moved aside to footnote\.db\.corrupt-.*starting a fresh one/);
      await s.close();
      // The fresh database is healthy: the next start moves nothing and keeps the new bookmark.
      const again = capture();
      const s2 = await open(again.logger);
      expect(again.lines.filter((l) => l.level >= 40)).toEqual([]);
      expect((await s2.bookmarks.list(A, USER, { offset: 0, limit: 5 })).total).toBe(1);
    });

    it('moves aside a database whose pages were damaged', async () => {
      const s = await open();
      for (let i = 0; i < 200; i++) await s.bookmarks.add(A, { userId: USER, kind: 'passage', docId: 'a', paragraph: i, title: 't', excerpt: 'x'.repeat(500) }, i);
      await s.close();
      state = undefined;
      // Overwrite the middle of the file (b-tree pages) with garbage, keeping the header.
      const file = path.join(dir, DATABASE_FILE);
      const { open: openFile } = await import('node:fs/promises');
      const handle = await openFile(file, 'r+');
      const size = (await handle.stat()).size;
      await handle.write(Buffer.alloc(8192, 0xab), 0, 8192, Math.floor(size / 2));
      await handle.close();
      const { logger, lines } = capture();
      const fresh = await open(logger);
      expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
      expect((await fresh.bookmarks.list(A, USER, { offset: 0, limit: 5 })).total).toBe(0);
    });
  }

  if (backend.name === 'PostgreSQL') {
    const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    };

    it('applies migrations in order once, recorded in schema_migrations', async () => {
      await (await open()).close();
      state = undefined;
      expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
      const rows = await sql<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      // Reopening runs nothing again (a second CREATE TABLE would throw).
      await (await open()).close();
      expect(await sql('SELECT version FROM schema_migrations')).toHaveLength(MIGRATIONS.length);
    });

    it('applies the migrations once when several processes’ opens race on a new database', async () => {
      const opened = await Promise.all(Array.from({ length: 4 }, () => openStateStore({ dataDir: dir, databaseUrl, logger: createLogger('silent') })));
      await opened[0]?.bookmarks.add(A, { userId: USER, kind: 'passage', docId: 'a', paragraph: 1, title: 't', excerpt: 'e' }, 1);
      expect((await opened[3]?.bookmarks.list(A, USER, { offset: 0, limit: 5 }))?.total).toBe(1);
      await Promise.all(opened.map((s) => s.close()));
      expect(await sql('SELECT version FROM schema_migrations')).toHaveLength(MIGRATIONS.length);
    });

    it('refuses a database from a newer schema', async () => {
      await (await open()).close();
      state = undefined;
      await sql('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0)', [SCHEMA_VERSION + 5, 'from the future']);
      await expect(open()).rejects.toThrow(/newer than this Footnote/);
    });

    it('says in one line, without the password, when the server cannot be reached', async () => {
      const unreachable = `postgres://footnote:secret-password@127.0.0.1:${await freePort()}/footnote`;
      const error = await openStateStore({ dataDir: dir, databaseUrl: unreachable, logger: createLogger('silent') }).catch((e: unknown) => e);
      expect(isUserError(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toMatch(/^The state database \(postgres:\/\/127\.0\.0\.1:\d+\/footnote\) cannot be reached: ECONNREFUSED\. Check DATABASE_URL\.$/);
      expect(message).not.toContain('secret-password');
    });
  }

  it('stores many concurrent votes, each whole', async () => {
    const s = await open();
    await Promise.all(Array.from({ length: 40 }, (_, i) => s.feedback.record(scopeOf({ guildId: '111111111111111111', userId: USER }), vote(i))));
    const all = await s.feedback.exportAll();
    expect(all).toHaveLength(40);
    expect(all[0]?.answer.excerpts[0]?.text.length).toBe(50_000);
    expect(await s.feedback.count(A)).toBe(40);
    expect(await s.feedback.count(B)).toBe(0);
  });

  it('imports the old feedback.jsonl once (idempotently), skipping broken lines, and exports the same lines', async () => {
    const entries = [vote(1), vote(2), vote(3, null)];
    const jsonl = `${formatFeedbackJsonl(entries)}not json\n{"vote":"sideways"}\n`;
    await writeFile(path.join(dir, 'feedback.jsonl'), `${jsonl}${formatFeedbackJsonl([vote(1)])}{"cut":`);
    const first = capture();
    let s = await open(first.logger);
    expect(first.lines.map((l) => l.msg).join('\n')).toMatch(/imported 3 feedback votes .*1 already there, 3 unreadable lines skipped/);
    expect(await s.feedback.exportAll()).toEqual(entries);
    expect(await s.feedback.count(DM)).toBe(0);
    expect(await s.feedback.count(dmScope(USER))).toBe(1);
    await s.close();
    // Second start: same file, nothing imported again.
    const second = capture();
    s = await open(second.logger);
    expect(second.lines.filter((l) => /imported/.test(l.msg))).toEqual([]);
    expect(await s.feedback.exportAll()).toHaveLength(3);
    // The file grew (an old bot still wrote to it): only the new line is added.
    await s.close();
    await writeFile(path.join(dir, 'feedback.jsonl'), formatFeedbackJsonl([...entries, vote(4)]));
    s = await open();
    expect((await s.feedback.exportAll()).map((e) => e.messageId)).toEqual(['1001', '1002', '1003', '1004']);
    expect(formatFeedbackJsonl(await s.feedback.exportAll()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as FeedbackEntry)).toEqual([...entries, vote(4)]);
  });

  it('claims a day once, and a released claim can be taken again', async () => {
    const s = await open();
    await s.daily.set(A, { channelId: '5', time: '09:00', timezone: 'Europe/Paris', createdBy: USER, createdAt: 1 });
    expect(await s.daily.claimDay(A, '2024-03-30')).toBe(true);
    expect(await s.daily.claimDay(A, '2024-03-30')).toBe(false);
    expect(await s.daily.claimDay(A, '2024-03-29')).toBe(false);
    await s.daily.releaseDay(A, '2024-03-30', undefined);
    expect(await s.daily.claimDay(A, '2024-03-30')).toBe(true);
    await s.daily.recordPosted(A, 'a.txt#3', 1);
    await s.daily.recordPosted(A, 'a.txt#5', 2);
    expect(await s.daily.postedPassages(A)).toEqual(['a.txt#3', 'a.txt#5']);
    await s.daily.resetCycle(A);
    expect(await s.daily.postedPassages(A)).toEqual([]);
    expect(await s.daily.postedPassages(B)).toEqual([]);
  });

  it('answers a quiz item once even when two clicks race, and reschedules a card once', async () => {
    const s = await open();
    await s.quiz.createSession(A, { id: 's', userId: USER, channelId: null, payload: [1, 2], createdAt: 0, expiresAt: 100 });
    const results = await Promise.all([s.quiz.advanceSession(A, 's', 0, true), s.quiz.advanceSession(A, 's', 0, false)]);
    expect(results.sort()).toEqual([false, true]);
    expect((await s.quiz.session(A, 's', 50))?.position).toBe(1);
    expect(await s.quiz.session(A, 's', 100)).toBeUndefined();
    expect(await s.quiz.pruneSessions(100)).toBe(1);
    const { card } = await s.reviews.addCard(A, { userId: USER, cardKey: 'k', source: 'quiz', content: {}, schedule: {}, due: 10 }, 0);
    const change = { expectedDue: 10, schedule: { n: 1 }, due: 99, rating: 'good', at: 20 };
    // Either click may win (PostgreSQL runs them on two connections); exactly one does.
    expect((await Promise.all([s.reviews.reschedule(A, USER, card.id, change), s.reviews.reschedule(A, USER, card.id, change)])).sort()).toEqual([false, true]);
    expect(await s.reviews.dueCount(A, USER, 50)).toBe(0);
    // Reminders: only users who switched them on, with cards due, not reminded since.
    await s.reviews.setReminder(A, USER, true);
    expect(await s.reviews.remindersDue(100, 0, 10)).toEqual([{ scope: A, userId: USER, due: 1 }]);
    await s.reviews.markReminded(A, USER, 100);
    expect(await s.reviews.remindersDue(100, 50, 10)).toEqual([]);
    await s.reviews.setReminder(A, USER, false);
    expect(await s.reviews.remindersDue(1000, 1000, 10)).toEqual([]);
    // Paging on past a row (a shard reading on past other shards' rows), in scope then user order.
    for (const [scope, user] of [[A, '222222222222222222'], [B, USER], [A, USER]] as const) {
      await s.reviews.addCard(scope, { userId: user, cardKey: 'p', source: 'quiz', content: {}, schedule: {}, due: 10 }, 0);
      await s.reviews.setReminder(scope, user, true);
    }
    const all = await s.reviews.remindersDue(2000, 2000, 10);
    expect(all.map((r) => [r.scope, r.userId])).toEqual([[A, '222222222222222222'], [A, USER], [B, USER]]);
    const first = await s.reviews.remindersDue(2000, 2000, 2);
    expect(first).toEqual(all.slice(0, 2));
    expect(await s.reviews.remindersDue(2000, 2000, 2, first[1])).toEqual(all.slice(2));
    expect(await s.reviews.remindersDue(2000, 2000, 2, all[2])).toEqual([]);
  });
});
