// Two REST paths (src/discord/interaction-rest.ts): interaction responses — the callback and the
// edits of deferred replies — go out without discord.js's client-side global limit, which Discord
// does not apply to them; every other request keeps it. Both paths still obey what Discord says:
// per-route and global 429s are waited out (retry_after) and retried, 5xx retried.
// The client-side limit is lowered to 2 requests/s here so that it is hit within a short burst.
import type { APIUser } from 'discord.js';
import { RESTEvents } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InteractionAwareRest, isInteractionRoute } from '../../src/discord/interaction-rest.js';
import { botLimits } from '../../src/discord/limits.js';
import { APPLICATION_ID, BOT_USER_ID, INTERACTION_ROUTES, newSnowflake, type LoopbackDiscord, type RecordedRequest } from '../support/loopback/index.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { settled, shown } from './fixtures/interactions.js';

const editRoute = INTERACTION_ROUTES.editOriginal;
const editOriginalPath = INTERACTION_ROUTES.editOriginalPath;
const createMessageRoute = 'POST /channels/:channel/messages';
const channelMessagesPath = /^\/channels\/\d+\/messages$/;
const lowGlobalLimit = { globalRequestsPerSecond: 2 };

const questions = [
  'What security concept has Xi come up with?',
  'What new name has Xi Jinping given the world?',
  'Into which emerging fields is industrial cooperation expanding?',
  'How long was Xi in Central Asia?',
  'What is CPEC?',
  'When did Shehbaz Sharif take office?',
];

function person(name: string): APIUser {
  return { id: newSnowflake(), username: name, discriminator: '0', global_name: name, avatar: null };
}

/** Client-side global-limit waits reported by a bot's REST client (both of its instances). */
function countGlobalWaits(h: Harness): { count: () => number } {
  let waits = 0;
  h.bot.client.rest.on(RESTEvents.RateLimited, (info) => {
    if (info.global) waits += 1;
  });
  return { count: () => waits };
}

function replyTo(discord: LoopbackDiscord, messageId: string, timeoutMs = 10_000): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => {
    const body = request.body as { message_reference?: { message_id?: string } } | undefined;
    return request.route === createMessageRoute && request.status < 300 && body?.message_reference?.message_id === messageId;
  }, timeoutMs);
}

describe('which requests go through the client-side global limit', () => {
  it('interaction callbacks and the application’s webhook are interaction routes; channels and other webhooks are not', () => {
    expect(isInteractionRoute('/interactions/123456789012345678/tok/callback', APPLICATION_ID)).toBe(true);
    expect(isInteractionRoute(`/webhooks/${APPLICATION_ID}/tok/messages/@original`, APPLICATION_ID)).toBe(true);
    expect(isInteractionRoute(`/webhooks/${APPLICATION_ID}/tok`, APPLICATION_ID)).toBe(true);
    expect(isInteractionRoute('/webhooks/223456789012345678/tok', APPLICATION_ID)).toBe(false);
    expect(isInteractionRoute(`/webhooks/${APPLICATION_ID}/tok`, undefined)).toBe(false);
    expect(isInteractionRoute('/channels/123456789012345678/messages', APPLICATION_ID)).toBe(false);
    expect(isInteractionRoute('/interactions/123456789012345678/tok', APPLICATION_ID)).toBe(false);
  });
});

describe('interaction responses apart from discord.js’s global limiter, against the loopback server', () => {
  const unhandled = vi.fn();
  let engine: ConfiguredEngine;
  let apart: Harness;
  let single: Harness;
  beforeAll(async () => {
    process.on('unhandledRejection', unhandled);
    engine = await openConfiguredEngine();
    const env = { COOLDOWN_QUESTIONS: '1000' };
    apart = await startHarness({ shared: engine, env, rest: lowGlobalLimit });
    single = await startHarness({ shared: engine, env, rest: lowGlobalLimit, interactionsApart: false });
  });
  afterEach(() => {
    for (const h of [apart, single]) {
      h.bot.context.deferAfterMs = botLimits.deferAfterMs;
      h.discord.clearFaults();
    }
    expect(unhandled).not.toHaveBeenCalled();
  });
  afterAll(async () => {
    await apart?.close();
    await single?.close();
    await engine?.close();
    process.off('unhandledRejection', unhandled);
  });

  /** Every question deferred, then edited in: twice the interaction requests of a direct reply. */
  async function deferredBurst(h: Harness) {
    h.bot.context.deferAfterMs = 0;
    const sent = questions.map((question) => h.discord.sendSlashCommand({ name: 'ask', options: { question }, user: person('burst') }));
    const states = await Promise.all(sent.map((interaction) => settled(h.discord, interaction.id, 20_000)));
    return states.map((state) => shown(state));
  }

  it('builds the bot’s client with the interaction instance, whose own global limit is off', () => {
    expect(apart.bot.client.rest).toBeInstanceOf(InteractionAwareRest);
    expect(single.bot.client.rest).not.toBeInstanceOf(InteractionAwareRest);
  });

  it('edits of deferred replies are not held back by the client-side global limit (and are with one limiter)', async () => {
    const apartWaits = countGlobalWaits(apart);
    const answers = await deferredBurst(apart);
    expect(answers.every((message) => (message.embeds[0]?.description ?? '').length > 0)).toBe(true);
    expect(apartWaits.count()).toBe(0);

    // The same burst with every request behind one limiter: the edits wait for it.
    const singleWaits = countGlobalWaits(single);
    const singleAnswers = await deferredBurst(single);
    expect(singleAnswers.every((message) => (message.embeds[0]?.description ?? '').length > 0)).toBe(true);
    expect(singleWaits.count()).toBeGreaterThan(0);
  });

  it('channel messages keep the client-side global limit, and every reply is still delivered', async () => {
    const waits = countGlobalWaits(apart);
    const messages = questions.slice(0, 5).map((question, i) => apart.discord.sendMessage({ content: `<@${BOT_USER_ID}> ${question}`, author: person(`m${i}`) }));
    const replies = await Promise.all(messages.map((message) => replyTo(apart.discord, message.id, 20_000)));
    expect(replies).toHaveLength(5);
    expect(waits.count()).toBeGreaterThan(0);
  });

  it('waits out a route 429 (with rate-limit headers) on an interaction edit and delivers the answer', async () => {
    apart.bot.context.deferAfterMs = 0;
    apart.discord.failNext({ method: 'PATCH', path: editOriginalPath, status: 429, retryAfterSeconds: 0.5 });
    const started = Date.now();
    const interaction = apart.discord.sendSlashCommand({ name: 'ask', options: { question: questions[0] ?? '' }, user: person('route') });
    const message = shown(await settled(apart.discord, interaction.id, 10_000));
    const edits = apart.discord.interactionResponses(interaction.id).filter((request) => request.route === editRoute);
    expect(edits.map((request) => request.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(message.embeds[0]?.description).toContain('comprehensive security');
  });

  it('waits out a global 429 from Discord on an interaction edit and delivers the answer', async () => {
    apart.bot.context.deferAfterMs = 0;
    apart.discord.failNext({ method: 'PATCH', path: editOriginalPath, status: 429, global: true, retryAfterSeconds: 0.5 });
    const started = Date.now();
    const interaction = apart.discord.sendSlashCommand({ name: 'ask', options: { question: questions[1] ?? '' }, user: person('global') });
    const message = shown(await settled(apart.discord, interaction.id, 10_000));
    const edits = apart.discord.interactionResponses(interaction.id).filter((request) => request.route === editRoute);
    expect(edits.map((request) => request.status)).toEqual([429, 200]);
    expect(edits[0]?.response).toMatchObject({ global: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(message.embeds[0]?.description).toContain('community of common destiny');
  });

  it('retries a 502 on an interaction edit and delivers it once', async () => {
    apart.bot.context.deferAfterMs = 0;
    apart.discord.failNext({ method: 'PATCH', path: editOriginalPath, status: 502 });
    const interaction = apart.discord.sendSlashCommand({ name: 'ask', options: { question: questions[2] ?? '' }, user: person('five') });
    const message = shown(await settled(apart.discord, interaction.id, 10_000));
    const edits = apart.discord.interactionResponses(interaction.id).filter((request) => request.route === editRoute);
    expect(edits.map((request) => request.status)).toEqual([502, 200]);
    expect(message.embeds[0]?.description).toContain('artificial intelligence');
  });

  it('waits out a route 429 and a global 429 on a channel message (the ordinary path) and delivers both replies', async () => {
    for (const global of [false, true]) {
      apart.discord.failNext({ method: 'POST', path: channelMessagesPath, status: 429, global, retryAfterSeconds: 0.5 });
      const started = Date.now();
      const message = apart.discord.sendMessage({ content: `<@${BOT_USER_ID}> ${questions[3] ?? ''}`, author: person(`c${String(global)}`) });
      const reply = await replyTo(apart.discord, message.id);
      const attempts = apart.discord.requests.filter((request) => {
        const body = request.body as { message_reference?: { message_id?: string } } | undefined;
        return request.route === createMessageRoute && body?.message_reference?.message_id === message.id;
      });
      expect(attempts.map((request) => request.status)).toEqual([429, 200]);
      expect(attempts[0]?.response).toMatchObject({ global });
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(reply.status).toBe(200);
    }
  });
});
