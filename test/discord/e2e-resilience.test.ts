// The bot survives what Discord does to bots: dropped gateway sockets, rate limits, 5xx errors.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startBot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/log.js';
import { INTERACTION_ROUTES, MEMBER_USER, GUILD_ID } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { settled, shown } from './fixtures/interactions.js';

const callbackPath = INTERACTION_ROUTES.callbackPath;

describe('resilience against the loopback Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_QUESTIONS: '1000' } });
  });
  afterAll(async () => h?.close());

  async function ask(question: string) {
    const interaction = h.discord.sendSlashCommand({ name: 'ask', options: { question } });
    const state = await settled(h.discord, interaction.id);
    return { interaction, state, message: shown(state) };
  }

  it('resumes after the gateway closes the socket, replays what it missed, and keeps answering', async () => {
    const from = h.discord.gatewayLog.length;
    await h.discord.closeGateway(4000);
    // Dispatched while disconnected: buffered by the session and replayed on RESUME.
    const missed = h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What security concept has Xi come up with?' } });
    await h.discord.waitForGateway((entry) => entry.direction === 'send' && entry.t === 'RESUMED', { fromIndex: from, timeoutMs: 10_000 });
    expect(h.discord.gatewayLog.slice(from).some((entry) => entry.direction === 'recv' && entry.op === 6)).toBe(true);
    expect(shown(await settled(h.discord, missed.id)).embeds[0]?.description).toContain('comprehensive security');
    const { message } = await ask('What new name has Xi Jinping given the world?');
    expect(message.embeds[0]?.description).toContain('community of common destiny');
  });

  it('resumes after the connection dies without a close frame', async () => {
    const from = h.discord.gatewayLog.length;
    await h.discord.terminateGateway();
    await h.discord.waitForGateway((entry) => entry.direction === 'send' && entry.t === 'RESUMED', { fromIndex: from, timeoutMs: 10_000 });
    const { message } = await ask('How long was Xi in Central Asia?');
    expect(message.embeds[0]?.description).toContain('from Wednesday to Sunday');
  });

  it('waits out a 429 with retry_after and then answers', async () => {
    h.discord.failNext({ method: 'POST', path: callbackPath, status: 429, retryAfterSeconds: 0.4 });
    const started = Date.now();
    const { interaction, message } = await ask('Which documents established the post-war international order mentioned in the dialogue?');
    const callbacks = h.discord.interactionResponses(interaction.id).filter((request) => callbackPath.test(request.path));
    expect(callbacks.map((request) => request.status)).toEqual([429, 204]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(message.embeds[0]?.description).toContain('Cairo Declaration');
  });

  it('logs a 500 on the interaction callback with context, and answers the next question', async () => {
    const fault = h.discord.failNext({ method: 'POST', path: callbackPath, status: 500, times: 6 });
    const failed = h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What is CPEC?' }, user: MEMBER_USER });
    await vi.waitFor(
      () => {
        const failure = h.logs.find((line) => line.msg === 'interaction failed');
        expect(failure).toMatchObject({ level: 50, action: '/ask', userId: MEMBER_USER.id, guildId: GUILD_ID });
        expect(h.logs.some((line) => line.msg === 'could not send the apology')).toBe(true);
      },
      { timeout: 8000, interval: 50 },
    );
    expect(h.discord.interactionState(failed.id).acknowledged).toBe(false);
    fault.cancel();
    const { message } = await ask('Into which emerging fields is industrial cooperation expanding?');
    expect(message.embeds[0]?.description).toContain('artificial intelligence');
    expect(JSON.stringify(h.logs)).not.toContain(h.config.discord.token ?? 'unset');
  });

  it('refuses to start without a token, and fails fast on a token Discord rejects', async () => {
    const logger = createLogger('silent');
    const withoutToken = { ...h.config, discord: { ...h.config.discord, token: undefined } };
    await expect(startBot(withoutToken, h.engine, logger)).rejects.toBeInstanceOf(ConfigError);
    const started = Date.now();
    const badToken = { ...h.config, discord: { ...h.config.discord, token: 'MTIz.bad.token' } };
    await expect(startBot(badToken, h.engine, logger, { readyTimeoutMs: 10_000 })).rejects.toThrow(/invalid token/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  // Last: it takes the bot offline for good, as Discord does after these codes.
  it('logs an actionable error when the gateway closes for good (privileged intent refused)', async () => {
    await h.discord.closeGateway(4014);
    await vi.waitFor(() => {
      const line = h.logs.find((entry) => entry.level === 50 && entry.code === 4014);
      expect(line?.msg).toMatch(/gateway closed for good: .*Message Content intent.*Developer Portal/);
    });
  });
});
