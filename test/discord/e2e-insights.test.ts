// Insights end to end, through the loopback Discord server and the real engine: a run of questions
// (answered, related only, unanswerable — three of them on one topic), votes and one escalation;
// then /insights shows the right counts, the unanswered questions grouped under their topic and
// the chart as a PNG attachment; the database holds no user id; retention deletes old rows on the
// scheduler's daily pass; "Still need help?" mentions exactly the helper role; INSIGHTS=off stores
// nothing; /privacy says what is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLE_ID, ADMIN_USER, BOT_ROLE_ID, MEMBER_USER, OWNER_USER, TEXT_CHANNEL_ID } from '../support/loopback/index.js';
import { openConfiguredEngine, type ConfiguredEngine } from '../support/configured-engine.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { customIds, settled, shown } from './fixtures/interactions.js';
import { findLimitViolations } from '../../src/discord/limits.js';
import { stillNeedHelpLabel } from '../../src/discord/render/answer.js';
import { startDashboard } from '../../src/dashboard/server.js';

const ephemeral = 64;
const DAY = 86_400_000;
const answered = ['When did Shehbaz Sharif take office?', 'By how much did Chinese imports from Pakistan rise year on year?'];
// On the topic of the corpus but not answered there: the answerability model puts it in the
// "related passages only" band (a refit of the model may move it; pick another such question then).
const related = 'What language is spoken in Islamabad?';
const sourdough = ['How do I bake sourdough bread?', 'What flour is best for a sourdough bread?', 'How long should sourdough bread dough rise?'];

describe('insights through the loopback Discord', () => {
  let shared: ConfiguredEngine;
  let h: Harness;
  let clock = Date.UTC(2024, 5, 10, 12);
  beforeAll(async () => {
    shared = await openConfiguredEngine();
    h = await startHarness({ shared, now: () => clock, env: { COOLDOWN_QUESTIONS: '1000', HELPER_ROLE_ID: ADMIN_ROLE_ID } });
  });
  afterAll(async () => {
    await h?.close();
    await shared?.close();
  });

  async function run(name: string, options: Record<string, string | number | boolean> = {}, user = MEMBER_USER) {
    const interaction = h.discord.sendSlashCommand({ name, options, user });
    const state = await settled(h.discord, interaction.id, 20_000);
    return { interaction, state, message: shown(state) };
  }

  async function click(customId: string, messageId: string, user = MEMBER_USER) {
    const interaction = h.discord.button({ customId, message: messageId, user });
    h.discord.dispatch('INTERACTION_CREATE', interaction);
    const state = await settled(h.discord, interaction.id);
    return { interaction, state, message: shown(state) };
  }

  const asked: Record<string, { messageId: string; ids: string[] }> = {};

  it('records every question with its outcome; answers carry 👍/👎 and "Still need help?"', async () => {
    for (const [i, question] of [...answered, related, ...sourdough].entries()) {
      const { state, message } = await run('ask', { question }, i % 2 ? OWNER_USER : MEMBER_USER);
      asked[question] = { messageId: state.original?.id ?? '', ids: customIds(message) };
      expect(customIds(message).some((id) => id.startsWith('help:'))).toBe(true);
      expect(JSON.stringify(message.components)).toContain(stillNeedHelpLabel);
    }
    await h.bot.context.insights.flush();
    const { rows } = await h.bot.context.state.insights.questions({}, { offset: 0, limit: 20 });
    const byText = new Map(rows.map((r) => [r.question, r]));
    expect(rows).toHaveLength(6);
    for (const q of answered) expect(byText.get(q)?.status).toBe('answered');
    expect(byText.get(related)?.status).toBe('related');
    for (const q of sourdough) expect(byText.get(q)?.status).toBe('not-found');
    const first = byText.get(answered[0] ?? '');
    expect(first).toMatchObject({ channelId: TEXT_CHANNEL_ID, via: 'ask', replyMode: 'public', askedAt: clock });
    expect(first?.passages[0]?.docId).toMatch(/\.txt$/);
    expect(first?.latencyMs).toBeGreaterThan(0);
    // No user id anywhere: only keyed hashes.
    const stored = JSON.stringify(rows);
    for (const user of [MEMBER_USER, OWNER_USER]) expect(stored).not.toContain(user.id);
    expect(new Set(rows.map((r) => r.userHash)).size).toBe(2);
  });

  it('records votes (linked to the question) and one escalation that mentions exactly the helper role', async () => {
    const onRelated = asked[related];
    const down = onRelated?.ids.find((id) => id.endsWith(':down')) ?? '';
    await click(down, onRelated?.messageId ?? '', MEMBER_USER);
    await click(down, onRelated?.messageId ?? '', OWNER_USER);
    await click(down, onRelated?.messageId ?? '', OWNER_USER); // the same voter twice counts once
    const onAnswered = asked[answered[0] ?? ''];
    await click(onAnswered?.ids.find((id) => id.endsWith(':up')) ?? '', onAnswered?.messageId ?? '', ADMIN_USER);

    const onBread = asked[sourdough[0] ?? ''];
    const help = onBread?.ids.find((id) => id.startsWith('help:')) ?? '';
    const before = h.discord.botMessages(TEXT_CHANNEL_ID).length;
    const pressed = await click(help, onBread?.messageId ?? '');
    expect(pressed.message.flags & ephemeral).toBe(ephemeral);
    expect(pressed.message.content).toContain('asked the helpers');
    const posts = h.discord.botMessages(TEXT_CHANNEL_ID).slice(before);
    expect(posts).toHaveLength(1);
    const post = posts[0];
    expect(post?.content).toContain(`<@&${ADMIN_ROLE_ID}>`);
    expect(post?.content).toContain(`<@${MEMBER_USER.id}>`);
    expect(post?.mention_roles).toEqual([ADMIN_ROLE_ID]);
    expect(post?.mentions).toEqual([]);
    expect(post?.mention_everyone).toBe(false);
    expect(post?.embeds[0]?.description).toContain('sourdough');
    const again = await click(help, onBread?.messageId ?? '', OWNER_USER);
    expect(again.message.content).toContain('already');
    expect(h.discord.botMessages(TEXT_CHANNEL_ID).slice(before)).toHaveLength(1);
    const open = await h.bot.context.state.escalations.list({ open: true, limit: 10 });
    expect(open.map((e) => [e.question, e.messageId, e.channelId])).toEqual([[sourdough[0], post?.id, TEXT_CHANNEL_ID]]);
  });

  it('/insights (Manage Server, private): counts, topics with the unanswered question grouped, 👎, citations and a PNG chart', async () => {
    const refused = await run('insights', {}, MEMBER_USER);
    expect(refused.message.content).toContain('Manage Server');
    const { state, message } = await run('insights', { period: '7d' }, ADMIN_USER);
    expect(message.flags & ephemeral).toBe(ephemeral);
    const embed = message.embeds[0];
    expect(embed?.title).toBe('Insights · last 7 days');
    expect(embed?.description).toContain('**6** questions from **2** people');
    expect(embed?.description).toContain('answered **33 %** · related only **17 %** · not found **50 %**');
    expect(embed?.description).toContain('1 open request');
    const field = (name: string) => embed?.fields?.find((f) => f.name.startsWith(name))?.value ?? '';
    const topics = field('Unanswered topics').split('\n');
    expect(topics[0]).toMatch(/sourdough/);
    expect(topics[0]).toContain('3 questions');
    expect(topics.some((line) => line.includes('Islamabad') && line.includes('1 question'))).toBe(true);
    expect(field('Most 👎')).toContain('language is spoken in Islamabad');
    expect(field('Most 👎')).toContain('2 👎');
    expect(field('Most-cited documents')).toMatch(/— \d+ answers?/);
    expect(field('Never cited')).toBeTruthy();
    expect(embed?.image?.url).toBe('attachment://questions-per-day.png');
    expect(findLimitViolations(message)).toEqual([]);
    const upload = state.requests.flatMap((r) => r.files).find((f) => f.name === 'questions-per-day.png');
    expect(upload?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(state.original?.attachments.map((a) => a.filename)).toEqual(['questions-per-day.png']);
  });

  it('the dashboard, on the same store, shows the same counts, the topic and the open help request', async () => {
    const token = 'e2e-dashboard-token-0123456789';
    const { context } = h.bot;
    const dashboard = await startDashboard(
      { port: 0, host: '127.0.0.1', token },
      { state: context.state, engine: h.engine, reader: context.insightsReader, logger: context.logger, now: context.now, retentionDays: 90, flush: () => context.insights.flush() },
    );
    try {
      const get = async (p: string) => (await fetch(`${dashboard.url}${p}`, { headers: { authorization: `Bearer ${token}` } })).text();
      const overview = await get('/?period=7d');
      expect(overview).toContain('id="kpi-questions"><span class="value">6</span>');
      expect(overview).toContain('id="kpi-people"><span class="value">2</span>');
      expect(overview).toContain('id="kpi-not-found"><span class="value">50 %</span>');
      expect(overview).toContain('id="kpi-escalations"><span class="value">1</span>');
      const topics = (await get('/topics.csv?period=7d')).split('\r\n');
      expect(topics[1]).toMatch(/sourdough[^,]*,3,/);
      expect((await get('/questions.csv')).split('\r\n').filter(Boolean)).toHaveLength(7);
      expect((await get('/feedback.csv')).split('\r\n').filter(Boolean)).toHaveLength(4);
      expect(await get('/escalations')).toContain('How do I bake sourdough bread?');
    } finally {
      await dashboard.close();
    }
  });

  it('/privacy tells a member what is stored', async () => {
    const { message } = await run('privacy');
    expect(message.flags & ephemeral).toBe(ephemeral);
    expect(message.embeds[0]?.description).toContain('keyed hash');
    expect(message.embeds[0]?.description).toContain('Kept 90 days');
  });

  it('retention: the daily pass deletes questions, votes and escalations past INSIGHTS_RETENTION_DAYS', async () => {
    const state = h.bot.context.state;
    expect((await state.insights.questions({}, { offset: 0, limit: 50 })).total).toBe(6);
    clock += 89 * DAY;
    await h.bot.context.scheduler?.tick();
    expect((await state.insights.questions({}, { offset: 0, limit: 50 })).total).toBe(6);
    clock += 2 * DAY;
    await h.bot.context.scheduler?.tick();
    expect((await state.insights.questions({}, { offset: 0, limit: 50 })).total).toBe(0);
    expect(await state.feedback.exportAll()).toEqual([]);
    expect(await state.escalations.openCount()).toBe(0);
    expect(h.logs.some((l) => l.msg.startsWith('insights retention: deleted 6 questions, 3 votes and 1 escalations'))).toBe(true);
  });

  it('INSIGHTS=off stores nothing: no question, no vote buttons, no key; /insights says so', async () => {
    const off = await startHarness({ shared, env: { COOLDOWN_QUESTIONS: '1000', INSIGHTS: 'off', HELPER_ROLE_ID: ADMIN_ROLE_ID } });
    try {
      const interaction = off.discord.sendSlashCommand({ name: 'ask', options: { question: answered[0] ?? '' }, user: MEMBER_USER });
      const message = shown(await settled(off.discord, interaction.id, 20_000));
      expect(customIds(message).some((id) => id.startsWith('fb:'))).toBe(false);
      expect(customIds(message).some((id) => id.startsWith('help:'))).toBe(true);
      // A question full of mentions, escalated: still only the helper role is mentioned (and nothing recorded).
      const hostile = `@everyone @here <@&${BOT_ROLE_ID}> <@${OWNER_USER.id}> how do I bake sourdough bread?`;
      const asked = off.discord.sendSlashCommand({ name: 'ask', options: { question: hostile }, user: MEMBER_USER });
      const askedState = await settled(off.discord, asked.id, 20_000);
      const help = customIds(shown(askedState)).find((id) => id.startsWith('help:')) ?? '';
      const before = off.discord.botMessages(TEXT_CHANNEL_ID).length;
      const press = off.discord.button({ customId: help, message: askedState.original?.id ?? '', user: MEMBER_USER });
      off.discord.dispatch('INTERACTION_CREATE', press);
      await settled(off.discord, press.id);
      const [post] = off.discord.botMessages(TEXT_CHANNEL_ID).slice(before);
      expect(post?.mention_roles).toEqual([ADMIN_ROLE_ID]);
      expect(post?.mentions).toEqual([]);
      expect(post?.mention_everyone).toBe(false);
      expect(await off.bot.context.state.escalations.openCount()).toBe(0);
      const insights = off.discord.sendSlashCommand({ name: 'insights', options: {}, user: ADMIN_USER });
      expect(shown(await settled(off.discord, insights.id)).content).toContain('INSIGHTS=off');
      await off.bot.context.insights.flush();
      const state = off.bot.context.state;
      expect((await state.insights.questions({}, { offset: 0, limit: 10 })).total).toBe(0);
      expect(await state.feedback.exportAll()).toEqual([]);
      // Not even the hashing key was written.
      expect(await state.insights.salt('probe-value-of-sixteen')).toBe('probe-value-of-sixteen');
    } finally {
      await off.close();
    }
  });
});
