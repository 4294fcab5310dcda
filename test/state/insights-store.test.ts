// Insights in the state database: questions by filter (server, outcome, channel, text, time), per
// day, people counted by hash, votes linked to questions, escalations, retention (old rows of all
// three kinds deleted, newer ones kept), the generated key kept across restarts, and votes stored
// with raw ids before insights rewritten to hashes — on SQLite and on PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { enforceRetention } from '../../src/insights/retention.js';
import { openUserHasher } from '../../src/insights/user-hash.js';
import { createLogger } from '../../src/log.js';
import { guildScope, openStateStore, type FeedbackEntry, type QuestionRecord, type StateStore } from '../../src/state/index.js';
import { describeEachBackend } from '../support/state-backends.js';

const A = guildScope('111111111111111111');
const B = guildScope('222222222222222222');
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 1, 12);

function question(id: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    id,
    scope: A,
    guildId: '111111111111111111',
    channelId: '555555555555555555',
    userHash: 'u1',
    askedAt: T0,
    question: `question ${id}`,
    status: 'answered',
    confidence: 0.9,
    latencyMs: 40,
    via: 'ask',
    replyMode: 'public',
    passages: [{ docId: 'a.txt', chunkId: 'a.txt#0', paragraph: 2, score: 0.8 }],
    ...overrides,
  };
}

function vote(questionId: string, userId: string, v: 'up' | 'down', at = T0): FeedbackEntry {
  return {
    at: new Date(at).toISOString(),
    vote: v,
    userId,
    guildId: '111111111111111111',
    channelId: '555555555555555555',
    messageId: `m-${questionId}`,
    question: `question ${questionId}`,
    questionId,
    answer: { answered: true, offset: 0, excerpts: [] },
  };
}

describeEachBackend('insights store', (backend) => {
  let dir = '';
  let databaseUrl: string | undefined;
  let state: StateStore | undefined;
  const open = async () => (state = await openStateStore({ dataDir: dir, databaseUrl, logger: createLogger('silent') }));
  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-insights-'));
    databaseUrl = await backend.freshDatabase();
  });
  afterEach(async () => {
    await state?.close();
    state = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('filters questions by server, outcome, channel, text and time; counts outcomes, people and days', async () => {
    const s = await open();
    await s.insights.recordQuestions([
      question('q1'),
      question('q2', { status: 'related', userHash: 'u2', askedAt: T0 + DAY, question: 'What is 100% of_it?' }),
      question('q3', { status: 'not-found', userHash: 'u2', askedAt: T0 + DAY, channelId: '666666666666666666' }),
      question('q4', { scope: B, guildId: '222222222222222222', status: 'not-found' }),
    ]);
    expect((await s.insights.questions({ scope: A }, { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['q3', 'q2', 'q1']);
    expect((await s.insights.questions({}, { offset: 0, limit: 10 })).total).toBe(4);
    expect((await s.insights.questions({ scope: A, status: 'not-found' }, { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['q3']);
    expect((await s.insights.questions({ channelId: '666666666666666666' }, { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['q3']);
    // LIKE wildcards in the search text match themselves only.
    expect((await s.insights.questions({ text: '100% OF_' }, { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['q2']);
    expect((await s.insights.questions({ text: '%' }, { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['q2']);
    expect((await s.insights.questions({ since: T0 + DAY }, { offset: 0, limit: 10 })).total).toBe(2);
    expect(await s.insights.outcomeCounts({ scope: A })).toEqual({ total: 3, answered: 1, related: 1, notFound: 1, people: 2 });
    const days = await s.insights.perDay({ scope: A });
    expect(days).toEqual([
      { day: Math.floor(T0 / DAY), status: 'answered', count: 1 },
      { day: Math.floor(T0 / DAY) + 1, status: 'not-found', count: 1 },
      { day: Math.floor(T0 / DAY) + 1, status: 'related', count: 1 },
    ]);
    const record = await s.insights.question('q1');
    expect(record?.passages).toEqual([{ docId: 'a.txt', chunkId: 'a.txt#0', paragraph: 2, score: 0.8 }]);
    // Keyset pages cover every row once, in order.
    const seen: string[] = [];
    let cursor: { askedAt: number; id: string } | undefined;
    for (;;) {
      const page = await s.insights.questionsAfter({}, cursor, 1);
      if (!page[0]) break;
      seen.push(page[0].id);
      cursor = { askedAt: page[0].askedAt, id: page[0].id };
    }
    expect(seen).toEqual(['q1', 'q4', 'q2', 'q3']);
  });

  it('ranks answers by distinct 👎 voters and lists votes with their question', async () => {
    const s = await open();
    await s.insights.recordQuestions([question('q1'), question('q2'), question('q3', { scope: B, guildId: '222222222222222222' })]);
    for (const entry of [vote('q1', 'h1', 'down'), vote('q1', 'h1', 'down', T0 + 1), vote('q2', 'h1', 'down'), vote('q2', 'h2', 'down'), vote('q2', 'h3', 'up'), vote('q3', 'h1', 'down')]) {
      await s.feedback.record(A, entry);
    }
    const ranked = await s.insights.mostDownvoted({ scope: A }, 10);
    expect(ranked.map((r) => [r.question.id, r.down, r.up])).toEqual([
      ['q2', 2, 1],
      ['q1', 1, 0],
    ]);
    const votes = await s.insights.votes({ scope: A }, { offset: 0, limit: 10 });
    expect(votes.total).toBe(5);
    expect(votes.rows[0]?.question).toMatch(/^question q/);
  });

  it('records an escalation once per question, lists open ones per server, resolves once', async () => {
    const s = await open();
    const e = { id: 'e1', scope: A, questionId: 'q1', guildId: '111111111111111111', channelId: '555555555555555555', messageId: '9', userHash: 'h', question: 'help?', createdAt: T0 };
    expect(await s.escalations.record(e)).toBe(true);
    expect(await s.escalations.record({ ...e, id: 'e2' })).toBe(false);
    await s.escalations.record({ ...e, id: 'e3', questionId: 'q9', scope: B, guildId: '222222222222222222' });
    expect(await s.escalations.openCount(A)).toBe(1);
    expect(await s.escalations.openCount()).toBe(2);
    expect(await s.escalations.resolve('e1', T0 + 5)).toBe(true);
    expect(await s.escalations.resolve('e1', T0 + 6)).toBe(false);
    expect((await s.escalations.list({ open: true, limit: 10 })).map((x) => x.id)).toEqual(['e3']);
    expect((await s.escalations.list({ scope: A, limit: 10 }))[0]?.resolvedAt).toBe(T0 + 5);
  });

  it('retention deletes questions, votes and escalations older than the period, daily, and keeps the rest', async () => {
    const s = await open();
    const now = T0 + 100 * DAY;
    const retention = 90 * DAY;
    await s.insights.recordQuestions([question('old', { askedAt: now - 91 * DAY }), question('new', { askedAt: now - 89 * DAY })]);
    await s.feedback.record(A, vote('old', 'h1', 'down', now - 91 * DAY));
    await s.feedback.record(A, vote('new', 'h1', 'down', now - 89 * DAY));
    await s.escalations.record({ id: 'e-old', scope: A, guildId: null, channelId: '1', messageId: '1', userHash: 'h', question: 'x', createdAt: now - 95 * DAY });
    const logger = createLogger('silent');
    expect(await enforceRetention(s.insights, now, retention, logger)).toEqual({ questions: 1, votes: 1, escalations: 1 });
    expect((await s.insights.questions({}, { offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['new']);
    expect((await s.feedback.exportAll()).map((v) => v.questionId)).toEqual(['new']);
    // Not again within the day; again a day later.
    expect(await enforceRetention(s.insights, now + DAY - 1, retention, logger)).toBeUndefined();
    expect(await enforceRetention(s.insights, now + DAY, retention, logger)).toEqual({ questions: 0, votes: 0, escalations: 0 });
  });

  it('keeps the generated key across restarts (stable hashes); INSIGHTS_SALT overrides it; old raw-id votes become hashes', async () => {
    const s1 = await open();
    const first = (await openUserHasher(s1.insights)).hash('444444444444444444');
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    await s1.feedback.record(guildScope('111111111111111111'), { ...vote('q1', '444444444444444444', 'up'), questionId: undefined });
    await s1.close();
    const s2 = await open();
    const hasher = await openUserHasher(s2.insights);
    expect(hasher.hash('444444444444444444')).toBe(first);
    expect((await openUserHasher(s2.insights, 'a configured salt of some length')).hash('444444444444444444')).not.toBe(first);
    expect(hasher.scope(null, '444444444444444444')).toBe(`dm:${first}`);
    expect(await s2.insights.pseudonymiseVotes((id) => hasher.hash(id))).toBe(1);
    expect((await s2.feedback.exportAll())[0]?.userId).toBe(first);
    expect(await s2.insights.pseudonymiseVotes((id) => hasher.hash(id))).toBe(0);
  });
});
