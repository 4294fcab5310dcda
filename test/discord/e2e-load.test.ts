// Bounded work: every question — /ask, /search, mentions, DMs, answer channels, buttons that run
// the engine — goes through one queue of MAX_CONCURRENT_ANSWERS running + MAX_QUEUED_ANSWERS
// waiting. A flood beyond it is told "busy" at once; everything admitted is acknowledged within
// Discord's 3 s and answered. Also the per-server rate limit. Real engine (behind a delay, so the
// queue fills), real discord.js client, loopback Discord enforcing the 3 s acknowledgement deadline.
import type { APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { busyText } from '../../src/discord/question-input.js';
import { BOT_USER_ID, INTERACTION_ROUTES, MEMBER_USER, newSnowflake, type LoopbackDiscord, type RecordedRequest } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { guildWithAnswerChannel } from './fixtures/guild.js';
import { customIds, settled, shown } from './fixtures/interactions.js';
import { SlowEngine } from './fixtures/slow-engine.js';

const ephemeral = 64;
const callbackRoute = INTERACTION_ROUTES.callback;
const maxConcurrent = 2;
const maxQueued = 3;
const capacity = maxConcurrent + maxQueued;

const questions = [
  'What is CPEC?',
  'What security concept has Xi come up with?',
  'How long was Xi in Central Asia?',
  'When did Shehbaz Sharif take office?',
  'What new name has Xi Jinping given the world?',
];

function person(name: string): APIUser {
  return { id: newSnowflake(), username: name, discriminator: '0', global_name: name, avatar: null } as APIUser;
}

/** The bot's inline reply to a message. */
function replyTo(discord: LoopbackDiscord, messageId: string, timeoutMs = 8000): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => {
    const body = request.body as { message_reference?: { message_id?: string } } | undefined;
    return request.route === 'POST /channels/:channel/messages' && request.status < 300 && body?.message_reference?.message_id === messageId;
  }, timeoutMs);
}

const unhandled = vi.fn();
let shared: ConfiguredEngine;
beforeAll(async () => {
  process.on('unhandledRejection', unhandled);
  shared = await openConfiguredEngine();
});
afterAll(async () => {
  process.off('unhandledRejection', unhandled);
  await shared?.close();
  expect(unhandled).not.toHaveBeenCalled();
});

describe('one bounded queue for every question', () => {
  let h: Harness;
  let slow: SlowEngine;
  let answerChannelId = '';
  beforeAll(async () => {
    const world = guildWithAnswerChannel();
    answerChannelId = world.answerChannelId;
    h = await startHarness({
      shared,
      loopback: { guilds: [world.guild] },
      wrapEngine: (engine) => (slow = new SlowEngine(engine)),
      env: { MAX_CONCURRENT_ANSWERS: String(maxConcurrent), MAX_QUEUED_ANSWERS: String(maxQueued), COOLDOWN_QUESTIONS: '1000', ANSWER_CHANNEL_IDS: answerChannelId },
    });
  });
  afterAll(async () => h?.close());

  /** Dispatches `count` /ask at once and waits until each shows something. */
  async function flood(count: number) {
    const payloads = Array.from({ length: count }, (_, i) =>
      h.discord.sendSlashCommand({ name: 'ask', options: { question: questions[i % questions.length] ?? 'What is CPEC?' }, user: person(`flood${i}`) }),
    );
    const states = await Promise.all(payloads.map((payload) => settled(h.discord, payload.id, 20_000)));
    return payloads.map((payload, i) => ({ payload, state: states[i]!, message: shown(states[i]!) }));
  }

  function expectAcknowledgedInTime(results: Awaited<ReturnType<typeof flood>>) {
    for (const { payload, state } of results) {
      expect(state.acknowledged).toBe(true);
      // Nothing the bot sent for it was refused (a late acknowledgement would be a 404 10062).
      expect(state.requests.filter((request) => request.status >= 400)).toEqual([]);
      const dispatchedAt = h.discord.world.interactions.get(payload.id)?.dispatchedAt ?? 0;
      const callback = state.requests.find((request) => request.route === callbackRoute && request.status < 300);
      expect((callback?.at ?? Infinity) - dispatchedAt).toBeLessThan(3000);
    }
  }

  it('answers what fits, tells the rest "busy" at once (ephemerally), and never holds more than the bound — whatever the flood size', async () => {
    slow.delayMs = 1000;
    slow.resetCounts();
    const answersBefore = h.bot.context.answers.size;
    const first = await flood(20);
    expectAcknowledgedInTime(first);
    const busy = first.filter(({ message }) => message.content === busyText);
    const answered = first.filter(({ message }) => (message.embeds[0]?.description ?? '').length > 0);
    expect(busy.length + answered.length).toBe(20);
    expect(answered).toHaveLength(capacity);
    for (const { state, message } of busy) {
      expect(state.responseType).toBe(4);
      expect(message.flags & ephemeral).toBe(ephemeral);
    }
    // A reply, or (queued past the defer point) a deferral and an edit.
    for (const { state } of answered) expect([4, 5]).toContain(state.responseType);
    expect(answered.some(({ state }) => state.responseType === 5)).toBe(true);
    // Answered ones came from the engine, at most maxConcurrent at a time.
    expect(slow.peakActive).toBeLessThanOrEqual(maxConcurrent);
    expect(h.bot.context.answers.size - answersBefore).toBe(capacity);

    // Three times the flood: the same bound, the same number answered, only more "busy" replies.
    const second = await flood(60);
    expectAcknowledgedInTime(second);
    expect(second.filter(({ message }) => message.content === busyText)).toHaveLength(60 - capacity);
    // The last reply was recorded a moment before the bot saw it succeed and released its place.
    await vi.waitFor(() => expect(h.bot.context.work.stats().inFlight).toBe(0));
    const stats = h.bot.context.work.stats();
    expect(stats).toMatchObject({ inFlight: 0, running: 0, waiting: 0, peakInFlight: capacity, peakRunning: maxConcurrent });
    expect(stats.peakWaiting).toBeLessThanOrEqual(maxQueued);
    expect(stats.refusedBusy).toBe(20 - capacity + 60 - capacity);
    expect(slow.peakActive).toBeLessThanOrEqual(maxConcurrent);
    expect(h.bot.context.answers.size - answersBefore).toBe(2 * capacity);
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
    // A flood logs one warning per interval, not one per refusal.
    expect(h.logs.filter((line) => String(line.msg).startsWith('answer queue full')).length).toBeLessThanOrEqual(2);
  }, 60_000);

  it('/search, mentions, DMs, answer-channel posts, "More passages" and search pages share the queue', async () => {
    slow.delayMs = 0;
    const asked = h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What do both sides oppose besides the abuse of unilateral sanctions?' } });
    const askedState = await settled(h.discord, asked.id);
    const more = customIds(shown(askedState)).find((id) => id.startsWith('more:')) ?? '';
    const searched = h.discord.sendSlashCommand({ name: 'search', options: { query: 'Pakistan', limit: 1 } });
    const searchedState = await settled(h.discord, searched.id);
    const next = customIds(shown(searchedState)).find((id) => id.startsWith('sp:') && !id.endsWith(':0')) ?? '';
    expect(more).not.toBe('');
    expect(next).not.toBe('');

    // Fill every place with slow questions, each acknowledged before it waits.
    slow.delayMs = 2500;
    const fillers = Array.from({ length: capacity }, (_, i) => h.discord.sendSlashCommand({ name: 'ask', options: { question: questions[i] ?? 'What is CPEC?' }, user: person(`fill${i}`) }));
    await Promise.all(fillers.map((filler) => h.discord.waitForInteractionResponse(filler.id, 3000)));

    const search = h.discord.sendSlashCommand({ name: 'search', options: { query: 'security' } });
    const moreClick = h.discord.button({ customId: more, message: askedState.original?.id ?? '', user: MEMBER_USER });
    h.discord.dispatch('INTERACTION_CREATE', moreClick);
    const pageClick = h.discord.button({ customId: next, message: searchedState.original?.id ?? '', user: MEMBER_USER });
    h.discord.dispatch('INTERACTION_CREATE', pageClick);
    const mention = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> what is the GSI?`, author: person('mentioner') });
    const dm = h.discord.sendMessage({ content: 'What is the GDI?', author: person('dmer'), dm: true });
    const post = h.discord.sendMessage({ content: 'What is the SCO?', author: person('poster'), channelId: answerChannelId });

    for (const interaction of [search, moreClick, pageClick]) {
      const message = shown(await settled(h.discord, interaction.id));
      expect(message.content, interaction.id).toBe(busyText);
      expect(message.flags & ephemeral).toBe(ephemeral);
    }
    for (const message of [mention, dm, post]) {
      const reply = await replyTo(h.discord, message.id);
      expect((reply.body as { content?: string }).content).toBe(busyText);
    }

    // The fillers are all answered, and then the same kinds of question are answered again.
    for (const filler of fillers) expect(shown(await settled(h.discord, filler.id, 20_000)).embeds[0]?.description).toBeTruthy();
    slow.delayMs = 0;
    const again = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> what is the GSI?`, author: person('mentioner2') });
    expect(((await replyTo(h.discord, again.id)).body as { embeds?: { title?: string }[] }).embeds?.[0]?.title).toBe('what is the GSI?');
    const searchAgain = h.discord.sendSlashCommand({ name: 'search', options: { query: 'security' } });
    expect(shown(await settled(h.discord, searchAgain.id)).embeds.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(h.bot.context.work.stats()).toMatchObject({ inFlight: 0, running: 0, waiting: 0 }));
  }, 60_000);
});

describe('per-server rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ shared, env: { GUILD_COOLDOWN_QUESTIONS: '3', COOLDOWN_QUESTIONS: '2', COOLDOWN_SECONDS: '60' } });
  });
  afterAll(async () => h?.close());

  it('limits one server as a whole, on top of the per-user limit, with a friendly ephemeral message; DMs count only per user', async () => {
    const ask = async (user: APIUser, extra: { dm?: boolean } = {}) => {
      const interaction = h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What is CPEC?' }, user, ...extra });
      return shown(await settled(h.discord, interaction.id));
    };
    const [ann, bob, cat, dan] = ['ann', 'bob', 'cat', 'dan'].map(person) as [APIUser, APIUser, APIUser, APIUser];
    // Per user: ann's third question is refused by the per-user limit, and does not count for the server.
    expect((await ask(ann)).embeds).toHaveLength(1);
    expect((await ask(ann)).embeds).toHaveLength(1);
    const annThird = await ask(ann);
    expect(annThird.content).toMatch(/for each person/);
    expect((await ask(bob)).embeds).toHaveLength(1);
    // The server has had 3: everyone in it is refused now, with a message that says it is the server.
    const refused = await ask(cat);
    expect(refused.content).toMatch(/^This server is asking a lot at once — I answer up to 3 questions per 60 seconds for each server\. Try again in \d+ s\.$/);
    expect(refused.flags & ephemeral).toBe(ephemeral);
    // Mentions are limited the same way.
    const mention = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is CPEC?`, author: dan });
    expect(((await replyTo(h.discord, mention.id)).body as { content?: string }).content).toMatch(/^This server is asking a lot/);
    // The refusals did not use up cat's or dan's own allowance: in a DM (no server) they are answered.
    expect((await ask(cat, { dm: true })).embeds).toHaveLength(1);
    expect((await ask(dan, { dm: true })).embeds).toHaveLength(1);
    expect((await ask(dan, { dm: true })).embeds).toHaveLength(1);
  });
});
