// Study commands end to end: the real engine, the real discord.js bot, the loopback Discord server
// and a real state database — /quiz (solo, typed answers, group rounds), /review, Save and
// /bookmarks, /read, /leaderboard, and one server never seeing another's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/discord/limits.js';
import { dmScope, guildScope } from '../../src/state/index.js';
import { ADMIN_USER, BOT_USER_ID, GUILD_ID, MEMBER_USER, OWNER_USER, TEXT_CHANNEL_ID, defaultGuild, DEFAULT_BOT_PERMISSIONS } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { secondGuild } from './fixtures/guild.js';
import { customIds } from './fixtures/interactions.js';
import { EPHEMERAL, button, openedModal, sessionItems, studyDriver } from './fixtures/study.js';

const doc = '001_d4979c34144fa7d8.txt';
const other = secondGuild();

describe('study commands against the loopback Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { COOLDOWN_QUESTIONS: '1000', QUIZ_ROUND_SECONDS: '2', STUDY_TICK_SECONDS: '3600' },
      loopback: { guilds: [defaultGuild(DEFAULT_BOT_PERMISSIONS), other.guild] },
    });
  });
  afterAll(async () => h?.close());
  const { run, click, submit } = studyDriver(() => h);

  it('/quiz multiple choice: the sentence with a blank, choices; only its owner answers, once; then the full sentence, source and Next', async () => {
    const quiz = await run('quiz', { kind: 'choice', count: 2, document: doc });
    expect(quiz.state.responseType).toBe(4);
    const [embed] = quiz.message.embeds;
    expect(embed?.title).toBe('Quiz · question 1 of 2');
    expect(embed?.description).toContain('▁▁▁▁▁');
    expect(findLimitViolations(quiz.message)).toEqual([]);
    const items = await sessionItems(h, quiz.message);
    expect(items).toHaveLength(2);
    const item = items[0];
    expect(item?.citation.docId).toBe(doc);
    const choices = customIds(quiz.message).filter((id) => id.startsWith('qc:'));
    expect(choices).toHaveLength(4);
    const right = choices[item?.answerIndex ?? 0];

    const stranger = await click(right, quiz.messageId, ADMIN_USER);
    expect(stranger.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(stranger.message.content).toMatch(/This quiz belongs to <@\d+>\. Run \/quiz/);

    const answered = await click(right, quiz.messageId);
    expect(answered.state.responseType).toBe(7);
    const result = answered.message.embeds[0];
    expect(result?.description).toMatch(/^✅ Right!/);
    expect(result?.description).toContain(`**${item?.answer.replace(/[*_~`|\\]/g, '\\$&')}**`);
    expect(result?.fields?.[0]?.value).toContain('China, Pakistan vow');
    expect(button(answered.message, 'cite:1:')).toBe(`cite:1:${item?.citation.paragraph}:${doc}`);
    expect(button(answered.message, 'svp:')).toBeDefined();

    const again = await click(right, quiz.messageId);
    expect(again.message.content).toBe('That question has been answered already.');

    const next = await click(button(answered.message, 'qn:'), quiz.messageId);
    expect(next.message.embeds[0]?.title).toBe('Quiz · question 2 of 2');
    const wrong = customIds(next.message).filter((id) => id.startsWith('qc:'))[((items[1]?.answerIndex ?? 0) + 1) % 4];
    const missed = await click(wrong, quiz.messageId);
    expect(missed.message.embeds[0]?.description).toMatch(/^❌ Not quite \(you answered “.+”\) — it is \*\*/);
    expect(missed.message.embeds[0]?.description).toContain('Added to your review cards');
    expect(missed.message.embeds[0]?.footer?.text).toBe('Finished: 1 of 2 right.');
    expect(button(missed.message, 'qn:')).toBeUndefined();
  });

  it('/quiz kind:cloze: Answer opens a form; a typed answer is judged with small typos forgiven', async () => {
    const quiz = await run('quiz', { kind: 'cloze', count: 1 }, { user: OWNER_USER });
    const [item] = await sessionItems(h, quiz.message);
    const open = await click(button(quiz.message, 'qt:'), quiz.messageId, OWNER_USER);
    const modal = openedModal(open.state);
    expect(modal?.custom_id).toMatch(/^qm:[a-z0-9]+:0$/);
    const typed = (item?.answer ?? '').toUpperCase();
    const answered = await submit(modal?.custom_id ?? '', { answer: typed }, quiz.messageId, OWNER_USER);
    expect(answered.state.responseType).toBe(7);
    expect(answered.message.embeds[0]?.description).toMatch(/^✅ Right/);
  });

  it('/review shows the missed item as a due card; Show answer, then Good schedules it; reminders switch on and off', async () => {
    const first = await run('review');
    expect(first.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(first.message.embeds[0]?.footer?.text).toMatch(/^1 card due · 1 in total · daily reminder DM off$/);
    expect(first.message.embeds[0]?.description).toContain('▁▁▁▁▁');
    const back = await click(button(first.message, 'rvs:'), first.messageId);
    const ratings = customIds(back.message).filter((id) => id.startsWith('rv:'));
    expect(ratings.map((id) => id.split(':')[3])).toEqual(['again', 'hard', 'good', 'easy']);
    const labels = (back.message.components[0]?.components ?? []).map((c) => ('label' in c ? c.label : ''));
    expect(labels[2]).toMatch(/^Good · \d+ (min|h|d)$/);
    // Somebody else's click on the card is refused; the owner's is stored once.
    const stranger = await click(ratings[2], first.messageId, ADMIN_USER);
    expect(stranger.message.content).toContain('not one of yours');
    const good = await click(ratings[2], first.messageId);
    expect(good.message.embeds[0]?.description).toMatch(/^Done — no more cards due for now\./);
    const twice = await click(ratings[2], first.messageId);
    expect(twice.message.content).toContain('reviewed already');
    const on = await run('review', { reminders: 'on' });
    expect(on.message.embeds[0]?.footer?.text).toMatch(/daily reminder DM on$/);
    expect((await h.bot.context.state.reviews.reminder(guildScope(GUILD_ID), MEMBER_USER.id)).enabled).toBe(true);
    await run('review', { reminders: 'off' });
    expect((await h.bot.context.state.reviews.reminder(guildScope(GUILD_ID), MEMBER_USER.id)).enabled).toBe(false);
  });

  it('Save opens a form for a note; /bookmarks lists, opens and deletes; Review makes a card', async () => {
    const source = await run('source', { document: doc, paragraph: 4 });
    const save = await click(button(source.message, 'svp:'), source.messageId);
    const modal = openedModal(save.state);
    expect(modal?.custom_id).toBe(`svmp:4:${doc}`);
    const saved = await submit(modal?.custom_id ?? '', { note: 'ask the group about this' }, source.messageId);
    expect(saved.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(saved.message.content).toMatch(/^🔖 Saved “China, Pakistan vow.*” ¶4 with your note/);

    const asked = await run('ask', { question: 'By how much did Chinese imports from Pakistan rise year on year?' });
    const saveAnswer = await click(button(asked.message, 'sva:'), asked.messageId);
    await submit(openedModal(saveAnswer.state)?.custom_id ?? '', { note: '' }, asked.messageId);

    const list = await run('bookmarks');
    expect(list.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(list.message.embeds[0]?.title).toBe('Your bookmarks (2)');
    expect(list.message.embeds[0]?.description).toContain('📝 ask the group about this');
    expect(list.message.embeds[0]?.description).toMatch(/from an answer/);
    expect(findLimitViolations(list.message)).toEqual([]);
    const opened = await click(button(list.message, 'bko:'), list.messageId);
    expect(opened.message.embeds[0]?.description).toMatch(/^\*\*Saved ¶\d+:\*\*/);
    const review = await click(customIds(list.message).find((id) => id.startsWith('bkr:')), list.messageId);
    expect(review.message.content).toMatch(/to your review cards/);
    const reviewAgain = await click(customIds(list.message).find((id) => id.startsWith('bkr:')), list.messageId);
    expect(reviewAgain.message.content).toBe('That passage is already one of your review cards.');
    const deleted = await click(customIds(list.message).find((id) => id.startsWith('bkd:')), list.messageId);
    expect(deleted.state.responseType).toBe(7);
    expect(deleted.message.embeds[0]?.title).toBe('Your bookmarks (1)');
  });

  it('/read pages with Previous/Next for its reader only, remembers the place, and /read continues there', async () => {
    const read = await run('read', { document: doc }, { user: ADMIN_USER });
    expect(read.message.embeds[0]?.footer?.text).toMatch(/^¶1 of \d+ · 001_/);
    const next = await click(button(read.message, 'rd:2:'), read.messageId, ADMIN_USER);
    expect(next.state.responseType).toBe(7);
    expect(next.message.embeds[0]?.footer?.text).toMatch(/^¶2 of/);
    const stranger = await click(button(next.message, 'rd:3:'), read.messageId, MEMBER_USER);
    expect(stranger.message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(stranger.message.content).toMatch(/These pages are <@\d+>’s\. Run \/read/);
    const again = await run('read', {}, { user: ADMIN_USER });
    expect(again.message.embeds[0]?.footer?.text).toMatch(/^¶2 of/);
    const fresh = await run('read', {}, { user: OWNER_USER, dm: true });
    expect(fresh.message.content).toMatch(/^Pick a document to read/);
    const unknown = await run('read', { document: 'nothing like it' });
    expect(unknown.message.content).toContain('No document matches');
  });

  it('a group round posts one item at a time for everyone, closes it on the timer and scores the first correct answers', async () => {
    const start = await run('quiz', { group: true, count: 2 }, { user: OWNER_USER });
    expect(start.message.content).toMatch(/^\*\*Group round:\*\* 2 questions .* 2 s each/);
    const busy = await run('quiz', { group: true, count: 1 });
    expect(busy.message.content).toContain('already running in this channel');
    const itemMessage = await h.discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${TEXT_CHANNEL_ID}/messages` && JSON.stringify(r.body).includes('Group round · question 1 of 2'), 10_000);
    const messageId = (itemMessage.response as { id: string }).id;
    const posted = h.discord.getMessage(messageId);
    const choices = customIds(posted ?? {}).filter((id) => id.startsWith('gr:'));
    expect(choices).toHaveLength(4);
    // Which one is right: the round's item carries it; find it by the reveal after answering all four.
    const answers = await Promise.all([ADMIN_USER, MEMBER_USER, OWNER_USER].map((user, i) => click(choices[i], messageId, user)));
    for (const a of answers) expect(a.message.content).toBe('Answer locked in — the result comes when the timer ends.');
    const twice = await click(choices[0], messageId, ADMIN_USER);
    expect(twice.message.content).toContain('answered this question already');
    const reveal = await h.discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/channels/${TEXT_CHANNEL_ID}/messages/${messageId}`, 10_000);
    const revealed = (reveal.body as { embeds: { description: string }[] }).embeds[0]?.description ?? '';
    const answer = /^The answer: \*\*(.+?)\*\* — /.exec(revealed)?.[1] ?? '';
    const labels = ((itemMessage.body as { components: { components: { label: string }[] }[] }).components[0])?.components.map((c) => c.label.replace(/^[A-D]\. /, '')) ?? [];
    const rightIndex = labels.findIndex((label) => label.replace(/[*_~`|\\]/g, '') === answer.replace(/\\/g, ''));
    expect(rightIndex, `${answer} among ${labels.join(" / ")}`).toBeGreaterThanOrEqual(0);
    const winner = [ADMIN_USER, MEMBER_USER, OWNER_USER][rightIndex];
    if (winner) expect(revealed).toContain(`<@${winner.id}> +3`);
    else expect(revealed).toContain('Nobody got it this time.');
    if (winner) expect((await h.bot.context.state.quiz.leaderboard(guildScope(GUILD_ID), { limit: 10 })).find((row) => row.userId === winner.id)?.points).toBeGreaterThanOrEqual(3);
    const late = await click(choices[3], messageId, ADMIN_USER);
    expect(late.message.content).toContain('This question has closed');
    await h.discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${TEXT_CHANNEL_ID}/messages` && JSON.stringify(r.body).includes('Group round finished'), 15_000);
    // Every answer was recorded; whoever was right scored.
    const board = await run('leaderboard', { period: 'all' });
    expect(board.message.embeds[0]?.title).toBe('Leaderboard · all time');
    expect(board.message.embeds[0]?.description).toMatch(/<@\d+> — \*\*\d+\*\* points?/);
  }, 40_000);

  it('keeps servers apart: another server sees none of this one’s bookmarks, cards or positions, and cannot open them', async () => {
    const mine = await h.bot.context.state.bookmarks.list(guildScope(GUILD_ID), MEMBER_USER.id, { offset: 0, limit: 5 });
    expect(mine.total).toBe(1);
    const list = await run('bookmarks', {}, { channelId: other.textChannelId });
    expect(list.message.embeds[0]?.title).toBe('Your bookmarks (0)');
    const review = await run('review', {}, { channelId: other.textChannelId });
    expect(review.message.embeds[0]?.footer?.text).toMatch(/0 in total/);
    const read = await run('read', {}, { channelId: other.textChannelId, user: ADMIN_USER });
    expect(read.message.content).toMatch(/^Pick a document/);
    const board = await run('leaderboard', {}, { channelId: other.textChannelId });
    expect(board.message.embeds[0]?.description).toMatch(/^No points yet/);
    // A button from the first server pressed in the second (same ids) reaches nothing there.
    const reply = await run('help', {}, { channelId: other.textChannelId });
    const open = await click(`bko:${mine.bookmarks[0]?.id}`, reply.messageId);
    expect(open.message.content).toContain('not one of yours');
    // DMs are a scope of their own.
    expect((await h.bot.context.state.bookmarks.list(dmScope(MEMBER_USER.id), MEMBER_USER.id, { offset: 0, limit: 5 })).total).toBe(0);
  });

  it('logged no errors, and never pinged anyone', () => {
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
    const writes = h.discord.requests.filter((r) => ['POST', 'PATCH'].includes(r.method) && r.auth === 'valid' && /messages/.test(r.path));
    for (const write of writes) expect((write.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    expect(h.discord.unhandledRequests).toEqual([]);
    expect(BOT_USER_ID).toBeDefined();
  });
});
