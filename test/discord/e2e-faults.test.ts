// What Discord does to bots, beyond dropped sockets (e2e-resilience.test.ts): invalid sessions,
// zombie connections, route and global rate limits, 5xx on edits, expired interaction tokens, an
// engine slower than the 3 s acknowledgement window. After each fault the bot still answers, and
// no promise is left rejected without a handler anywhere in the process.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { botLimits } from '../../src/discord/limits.js';
import { INTERACTION_ROUTES, MEMBER_USER } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { settled, shown } from './fixtures/interactions.js';
import { SlowEngine } from './fixtures/slow-engine.js';

const callbackPath = INTERACTION_ROUTES.callbackPath;
const editOriginalPath = INTERACTION_ROUTES.editOriginalPath;
const callbackRoute = INTERACTION_ROUTES.callback;
const editRoute = INTERACTION_ROUTES.editOriginal;

describe('Discord faults against the loopback server', () => {
  const unhandled = vi.fn();
  let h: Harness;
  let slow: SlowEngine;
  beforeAll(async () => {
    process.on('unhandledRejection', unhandled);
    h = await startHarness({ env: { COOLDOWN_QUESTIONS: '1000' }, wrapEngine: (engine) => (slow = new SlowEngine(engine)) });
  });
  afterEach(() => {
    slow.delayMs = 0;
    h.bot.context.deferAfterMs = botLimits.deferAfterMs;
    h.discord.clearFaults();
    expect(unhandled).not.toHaveBeenCalled();
  });
  afterAll(async () => {
    await h?.close();
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  async function ask(question: string, timeoutMs = 8000) {
    const interaction = h.discord.sendSlashCommand({ name: 'ask', options: { question } });
    const state = await settled(h.discord, interaction.id, timeoutMs);
    return { interaction, state, message: shown(state) };
  }

  async function expectStillAnswering() {
    const { message } = await ask('How long was Xi in Central Asia?');
    expect(message.embeds[0]?.description).toContain('from Wednesday to Sunday');
  }

  it('re-identifies after a non-resumable INVALID_SESSION, then answers', async () => {
    const from = h.discord.gatewayLog.length;
    h.discord.invalidateSession(false);
    const identify = await h.discord.waitForGateway((entry) => entry.direction === 'recv' && entry.op === 2, { fromIndex: from, timeoutMs: 10_000 });
    await h.discord.waitForGateway((entry) => entry.direction === 'send' && entry.t === 'READY', { fromIndex: identify.index, timeoutMs: 10_000 });
    expect(h.discord.gatewayLog.slice(from).some((entry) => entry.direction === 'recv' && entry.op === 6)).toBe(false);
    await expectStillAnswering();
  });

  it('resumes after a resumable INVALID_SESSION, then answers', async () => {
    const from = h.discord.gatewayLog.length;
    h.discord.invalidateSession(true);
    await h.discord.waitForGateway((entry) => entry.direction === 'send' && entry.t === 'RESUMED', { fromIndex: from, timeoutMs: 10_000 });
    await expectStillAnswering();
  });

  it('notices a zombie connection (heartbeats no longer acknowledged), reconnects and resumes, then answers', async () => {
    const from = h.discord.gatewayLog.length;
    h.discord.stopHeartbeatAcks();
    const closed = await h.discord.waitForGateway((entry) => entry.direction === 'close', { fromIndex: from, timeoutMs: 5000 });
    h.discord.resumeHeartbeatAcks();
    expect(closed.code).not.toBe(1000); // closed to resume, not to end the session
    await h.discord.waitForGateway((entry) => entry.direction === 'send' && entry.t === 'RESUMED', { fromIndex: from, timeoutMs: 10_000 });
    await expectStillAnswering();
  });

  it('waits out a 429 on one route (editing the deferred reply) and delivers the answer', async () => {
    h.bot.context.deferAfterMs = 0; // the deferred path: defer, then edit
    h.discord.failNext({ method: 'PATCH', path: editOriginalPath, status: 429, retryAfterSeconds: 0.5 });
    const started = Date.now();
    const { interaction, message } = await ask('What security concept has Xi come up with?');
    const edits = h.discord.interactionResponses(interaction.id).filter((request) => request.route === editRoute);
    expect(edits.map((request) => request.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(message.embeds[0]?.description).toContain('comprehensive security');
  });

  it('waits out a global 429 and delivers the answer', async () => {
    h.discord.failNext({ method: 'POST', path: callbackPath, status: 429, global: true, retryAfterSeconds: 0.5 });
    const started = Date.now();
    const { interaction, message } = await ask('What new name has Xi Jinping given the world?');
    const callbacks = h.discord.interactionResponses(interaction.id).filter((request) => request.route === callbackRoute);
    expect(callbacks.map((request) => request.status)).toEqual([429, 204]);
    expect(callbacks[0]?.response).toMatchObject({ global: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(message.embeds[0]?.description).toContain('community of common destiny');
  });

  it('retries a 502 on the edit of the deferred reply and delivers the answer', async () => {
    h.bot.context.deferAfterMs = 0;
    h.discord.failNext({ method: 'PATCH', path: editOriginalPath, status: 502 });
    const { interaction, message } = await ask('Into which emerging fields is industrial cooperation expanding?');
    const edits = h.discord.interactionResponses(interaction.id).filter((request) => request.route === editRoute);
    expect(edits.map((request) => request.status)).toEqual([502, 200]);
    expect(message.embeds[0]?.description).toContain('artificial intelligence');
  });

  it('logs an expired interaction (10062 Unknown interaction) as a warning, sends nothing more for it, and answers the next', async () => {
    // The acknowledgement reaches Discord after its 3 s window: the loopback answers 10062, as Discord does.
    h.discord.failNext({ method: 'POST', path: callbackPath, delayMs: 3300 });
    const expired = h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What is CPEC?' }, user: MEMBER_USER });
    const line = await vi.waitFor(
      () => {
        const found = h.logs.find((entry) => entry.msg.startsWith('interaction expired'));
        expect(found).toBeDefined();
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(line).toMatchObject({ level: 40, code: 10062, action: '/ask', userId: MEMBER_USER.id });
    expect(line?.ageMs).toBeGreaterThanOrEqual(3000);
    expect(h.logs.filter((entry) => entry.level >= 50)).toEqual([]);
    // One refused callback and no apology attempt: the token is dead.
    expect(h.discord.interactionResponses(expired.id).map((request) => [request.route, request.status])).toEqual([[callbackRoute, 404]]);
    expect(h.discord.interactionState(expired.id).acknowledged).toBe(false);
    await vi.waitFor(() => expect(h.bot.context.work.stats().inFlight).toBe(0));
    await expectStillAnswering();
  });

  it('replies in one request, without deferring, when the answer is ready quickly', async () => {
    const { interaction, state, message } = await ask('What security concept has Xi come up with?');
    const responses = h.discord.interactionResponses(interaction.id);
    expect(responses.map((request) => [request.route, request.status])).toEqual([[callbackRoute, 204]]);
    expect(state.responseType).toBe(4);
    expect(message.embeds[0]?.description).toContain('comprehensive security');
  });

  it('retries a 502 on the direct reply and delivers the answer once', async () => {
    h.discord.failNext({ method: 'POST', path: callbackPath, status: 502 });
    const { interaction, message } = await ask('Into which emerging fields is industrial cooperation expanding?');
    const callbacks = h.discord.interactionResponses(interaction.id).filter((request) => request.route === callbackRoute);
    expect(callbacks.map((request) => request.status)).toEqual([502, 204]);
    expect(message.embeds[0]?.description).toContain('artificial intelligence');
  });

  it('defers at once an interaction that reached it late (event loop stalled), so the 3 s window is kept', async () => {
    slow.delayMs = 1000;
    const interaction = h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What is CPEC?' } });
    const dispatchedAt = Date.now();
    // The bot shares this thread: hold it as an ONNX batch would, before it sees the event.
    while (Date.now() - dispatchedAt < 2000) {
      // busy: nothing else runs meanwhile
    }
    const state = await settled(h.discord, interaction.id, 10_000);
    expect(state.requests.filter((request) => request.status >= 400)).toEqual([]);
    expect(state.responseType).toBe(5);
    const callback = state.requests.find((request) => request.route === callbackRoute);
    expect((callback?.at ?? Infinity) - dispatchedAt).toBeLessThan(3000);
    expect(shown(state).embeds[0]?.description).toBeTruthy();
  }, 20_000);

  it('defers within 3 s when the engine takes longer, then edits in the answer', async () => {
    slow.delayMs = 3500;
    const dispatchedAt = Date.now();
    const { interaction, state, message } = await ask('Which documents established the post-war international order mentioned in the dialogue?', 15_000);
    const callback = h.discord.interactionResponses(interaction.id).find((request) => request.route === callbackRoute);
    expect(callback?.status).toBe(204);
    expect((callback?.at ?? Infinity) - dispatchedAt).toBeLessThan(3000);
    expect(state.responseType).toBe(5);
    const edit = h.discord.interactionResponses(interaction.id).find((request) => request.route === editRoute);
    expect((edit?.at ?? 0) - dispatchedAt).toBeGreaterThanOrEqual(3500);
    expect(message.embeds[0]?.description).toContain('Cairo Declaration');
  }, 30_000);
});
