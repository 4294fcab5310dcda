// State across restarts and time, end to end: the passage of the day on a fake clock (posted once
// when due, a thread with a question from the same passage, a missed post made once on start),
// bookmarks, review schedules and quiz buttons still there after the bot is stopped and started
// again on the same DATA_DIR — or the same PostgreSQL database (DATABASE_URL) —, reminder DMs,
// and a corpus too small for a quiz.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guildScope } from '../../src/state/index.js';
import { ADMIN_USER, GUILD_ID, MEMBER_USER, TEXT_CHANNEL_ID } from '../support/loopback/index.js';
import { openConfiguredEngine, type ConfiguredEngine } from '../support/configured-engine.js';
import { describeEachBackend } from '../support/state-backends.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { customIds } from './fixtures/interactions.js';
import { EPHEMERAL, button, openedModal, studyDriver } from './fixtures/study.js';

const HOUR = 3_600_000;
// Quizzes here outlive the three days the bot is offline below.
const env = { COOLDOWN_QUESTIONS: '1000', STUDY_TICK_SECONDS: '3600', DEFAULT_TIMEZONE: 'Europe/Paris', QUIZ_SESSION_HOURS: '720' };

describeEachBackend('study state across restarts, on a fake clock', (backend) => {
  let shared: ConfiguredEngine;
  let dataDir = '';
  let databaseUrl: string | undefined;
  let h: Harness;
  // 2024-05-01 06:00 UTC = 08:00 in Paris.
  let clock = Date.parse('2024-05-01T06:00:00Z');
  const now = () => clock;
  const start = async () => {
    h = await startHarness({ shared, dataDir, now, env: { ...env, DATABASE_URL: databaseUrl ?? '' } });
  };
  beforeAll(async () => {
    await backend.start();
    databaseUrl = await backend.freshDatabase();
    shared = await openConfiguredEngine(env);
    dataDir = path.join(shared.workDir, 'persistent-data');
    await start();
  });
  afterAll(async () => {
    await h?.close();
    await shared?.close();
    await backend.stop();
  });
  const { run, click, submit } = studyDriver(() => h);
  const dailyPosts = () => h.discord.botMessages(TEXT_CHANNEL_ID).filter((m) => m.embeds[0]?.title?.startsWith('Passage of the day'));

  it(`keeps the state in ${backend.name}`, () => {
    if (databaseUrl) expect(h.bot.context.state.location).toBe(databaseUrl.replace(/\/\/[^@/]*@/, '//'));
    else expect(h.bot.context.state.location).toMatch(/footnote\.db$/);
  });

  it('/daily is for managers only, and checks the time and the zone', async () => {
    const refused = await run('daily', { channel: TEXT_CHANNEL_ID, time: '09:00' }, { subcommand: 'set', user: MEMBER_USER });
    expect(refused.message.content).toContain('Manage Server');
    const badTime = await run('daily', { channel: TEXT_CHANNEL_ID, time: '9h' }, { subcommand: 'set', user: ADMIN_USER });
    expect(badTime.message.content).toMatch(/is not a time of day: use 24-hour HH:MM/);
    const badZone = await run('daily', { channel: TEXT_CHANNEL_ID, time: '09:00', timezone: 'Mars/Base' }, { subcommand: 'set', user: ADMIN_USER });
    expect(badZone.message.content).toMatch(/is not a time zone I know/);
    const set = await run('daily', { channel: TEXT_CHANNEL_ID, time: '09:00' }, { subcommand: 'set', user: ADMIN_USER });
    expect(set.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(set.message.content).toContain(`every day at 09:00 (Europe/Paris). Next: <t:${Date.parse('2024-05-01T07:00:00Z') / 1000}:F>`);
  });

  it('posts the passage when its time comes, once, with a thread holding a question from the same passage', async () => {
    await h.bot.context.scheduler?.tick();
    expect(dailyPosts()).toHaveLength(0);
    clock = Date.parse('2024-05-01T07:00:30Z');
    await h.bot.context.scheduler?.tick();
    await h.bot.context.scheduler?.tick();
    const posts = dailyPosts();
    expect(posts).toHaveLength(1);
    const post = posts[0];
    expect(post?.embeds[0]?.title).toBe('Passage of the day · 2024-05-01');
    expect(post?.embeds[0]?.fields?.[0]?.name).toBe('Source');
    const thread = h.discord.getChannel(post?.thread?.id ?? '');
    expect(thread && 'name' in thread ? thread.name : '').toMatch(/^Discuss: /);
    const [question] = h.discord.botMessages(post?.thread?.id ?? '');
    const cited = post?.embeds[0]?.fields?.[0]?.value.match(/¶(\d+)/)?.[1];
    const choice = customIds(question ?? {}).find((id) => id.startsWith('dq:'));
    expect(choice?.split(':')[2]).toBe(cited);
    const answered = await click(choice, question?.id ?? '');
    expect(answered.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answered.message.embeds[0]?.title).toBe('Passage of the day');
    expect(answered.message.embeds[0]?.description).toMatch(/^(✅|❌)/);
  });

  it('stop, three days offline, start again: the missed post is made once; bookmarks, cards and quiz buttons survive', async () => {
    // State made before the restart: a bookmark, a due review card (a missed item), a solo quiz.
    const source = await run('source', { document: '002_224089809fc1493b.txt', paragraph: 3 });
    const save = await click(button(source.message, 'svp:'), source.messageId);
    await submit(openedModal(save.state)?.custom_id ?? '', { note: 'kept across restarts' }, source.messageId);
    const quiz = await run('quiz', { kind: 'choice', count: 2 });
    const choices = customIds(quiz.message).filter((id) => id.startsWith('qc:'));
    const scope = guildScope(GUILD_ID);
    const session = await h.bot.context.state.quiz.session(scope, choices[0]?.split(':')[1] ?? '', clock);
    const answerIndex = (session?.payload as { items: { answerIndex: number }[] }).items[0]?.answerIndex ?? 0;
    await click(choices[(answerIndex + 1) % 4], quiz.messageId);
    const dueBefore = await h.bot.context.state.reviews.dueCount(scope, MEMBER_USER.id, clock);
    // The missed quiz item, and perhaps the daily question answered above.
    expect(dueBefore).toBeGreaterThanOrEqual(1);
    const postsBefore = dailyPosts().length;

    await h.close();
    clock += 3 * 24 * HOUR + 2 * HOUR; // 2024-05-04 09:00 Paris
    await start();
    await h.bot.context.scheduler?.tick();
    await h.bot.context.scheduler?.tick();
    const after = h.discord.botMessages(TEXT_CHANNEL_ID).filter((m) => m.embeds[0]?.title?.startsWith('Passage of the day'));
    expect(after.map((m) => m.embeds[0]?.title)).toEqual(['Passage of the day · 2024-05-04']);
    expect(postsBefore).toBe(1);

    const list = await run('bookmarks');
    expect(list.message.embeds[0]?.description).toContain('📝 kept across restarts');
    const review = await run('review');
    expect(review.message.embeds[0]?.footer?.text).toMatch(new RegExp(`^${dueBefore} cards? due · ${dueBefore} in total`));
    expect(await h.bot.context.state.reviews.dueCount(scope, MEMBER_USER.id, clock)).toBe(dueBefore);
    // The solo quiz's Next button, pressed on the message from before the restart, still works.
    const nextButton = `qn:${choices[0]?.split(':')[1]}:1`;
    const message = h.discord.getMessage(quiz.messageId) ? quiz.messageId : (await run('help')).messageId;
    const next = await click(nextButton, message);
    expect(next.message.embeds[0]?.title, JSON.stringify(next.message).slice(0, 300)).toBe('Quiz · question 2 of 2');
    // A group round from before the restart is gone: its buttons say so.
    const roundClick = await click('gr:abc123:0:1', (await run('help')).messageId);
    expect(roundClick.message.content).toMatch(/This round has ended/);
  });

  it('sends a reminder DM when cards are due and reminders are on, at most once a day', async () => {
    await run('review', { reminders: 'on' });
    await h.bot.context.scheduler?.tick();
    const dm = () => [...h.discord.world.channels.values()].find((c) => c.type === 1 && 'recipients' in c && c.recipients?.some((u) => u.id === MEMBER_USER.id));
    const reminders = () => h.discord.botMessages(dm()?.id ?? '').filter((m) => m.content.includes('review card'));
    expect(reminders()).toHaveLength(1);
    const due = await h.bot.context.state.reviews.dueCount(guildScope(GUILD_ID), MEMBER_USER.id, clock);
    expect(reminders()[0]?.content).toMatch(new RegExp(`^📚 ${due} review cards? (is|are) due in .+\\. Run \\*\\*/review\\*\\* there`));
    await h.bot.context.scheduler?.tick();
    expect(reminders()).toHaveLength(1);
    clock += 21 * HOUR;
    await h.bot.context.scheduler?.tick();
    expect(reminders()).toHaveLength(2);
  });

  it('/daily now posts at once; /daily off stops the schedule', async () => {
    const before = dailyPosts().length;
    const posted = await run('daily', {}, { subcommand: 'now', user: ADMIN_USER });
    expect(posted.message.content).toBe(`Posted a passage in <#${TEXT_CHANNEL_ID}>.`);
    expect(dailyPosts()).toHaveLength(before + 1);
    const off = await run('daily', {}, { subcommand: 'off', user: ADMIN_USER });
    expect(off.message.content).toBe('The passage of the day is off.');
    clock += 24 * HOUR;
    await h.bot.context.scheduler?.tick();
    expect(dailyPosts()).toHaveLength(before + 1);
  });

  it('logged no errors', () => {
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('a corpus too small for a quiz', () => {
  let h: Harness;
  let corpus = '';
  beforeAll(async () => {
    corpus = await mkdtemp(path.join(tmpdir(), 'footnote-tiny-'));
    await writeFile(path.join(corpus, 'note.txt'), 'Shopping list\n\nMilk, eggs, bread.\n');
    h = await startHarness({ env: { CORPUS_DIR: corpus } });
  });
  afterAll(async () => {
    await h?.close();
    await rm(corpus, { recursive: true, force: true });
  });
  const { run } = studyDriver(() => h);

  it('says so plainly instead of making a poor question', async () => {
    const quiz = await run('quiz', { count: 3 });
    expect(quiz.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(quiz.message.content).toBe('The documents I have are too small for a quiz: I found no sentence to make a question from.');
    const other = await run('quiz', { collection: 'guides/' });
    expect(other.message.content).toBe('There are no documents in guides/ to make a quiz from.');
    const daily = await run('daily', {}, { subcommand: 'now', user: ADMIN_USER });
    expect(daily.message.content).toMatch(/no passage long enough/);
  });
});
