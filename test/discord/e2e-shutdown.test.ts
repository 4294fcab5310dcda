// SIGTERM while answering: the real entry point (`npm start` = src/cli/main.ts) in a child
// process, against a loopback Discord in this process. Every question in flight gets its answer,
// new ones are told the bot is shutting down, and the process exits 0.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { shuttingDownText } from '../../src/discord/question-input.js';
import { registerCommands } from '../../src/discord/register-commands.js';
import { APPLICATION_ID, GUILD_ID, INTERACTION_ROUTES, LOOPBACK_TOKEN, newSnowflake, startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback/index.js';
import { killIfRunning, runNode, type ChildRun } from './fixtures/child-bot.js';
import { openConfiguredEngine } from '../support/configured-engine.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { settled, shown } from './fixtures/interactions.js';

const callbackPath = INTERACTION_ROUTES.callbackPath;
const callbackRoute = INTERACTION_ROUTES.callback;

const questions = [
  'What is CPEC?',
  'What security concept has Xi come up with?',
  'How long was Xi in Central Asia?',
  'When did Shehbaz Sharif take office?',
  'What new name has Xi Jinping given the world?',
  'Into which emerging fields is industrial cooperation expanding?',
];

describe('graceful shutdown of the real process', () => {
  let discord: LoopbackDiscord;
  let workDir: string;
  let bot: ChildRun | undefined;
  beforeAll(async () => {
    discord = await startLoopbackDiscord({ heartbeatIntervalMs: 1000 });
    workDir = await mkdtemp(path.join(tmpdir(), 'footnote-shutdown-'));
    // Build the index once here so the child starts quickly.
    const built = await openConfiguredEngine({ EMBEDDINGS_DIR: path.join(workDir, 'embeddings') });
    await built.close();
    await registerCommands(loadConfig({ DISCORD_TOKEN: LOOPBACK_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_BASE: discord.apiBase }));
  });
  afterAll(async () => {
    killIfRunning(bot);
    await discord?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes every answer in flight, tells new askers it is shutting down, and exits 0', async () => {
    bot = runNode('src/cli/main.ts', {
      DISCORD_TOKEN: LOOPBACK_TOKEN,
      DISCORD_API_BASE: discord.apiBase,
      CORPUS_DIR: PROJECT_CORPUS,
      EMBEDDINGS_DIR: path.join(workDir, 'embeddings'),
      DATA_DIR: path.join(workDir, 'data'),
      LOG_LEVEL: 'info',
      COOLDOWN_QUESTIONS: '1000',
      MAX_CONCURRENT_ANSWERS: '2',
      SHUTDOWN_TIMEOUT_SECONDS: '30',
    });
    await bot.waitForOutput(/"msg":"ready as /);

    // Replies reach "Discord" slowly (still inside its 3 s), so answers are still in flight when the
    // signal arrives; with two engine slots, some questions may still be waiting for one.
    const held = discord.failNext({ method: 'POST', path: callbackPath, delayMs: 1500, times: questions.length });
    const inFlight = questions.map((question) => discord.sendSlashCommand({ name: 'ask', options: { question }, user: person() }));
    await vi.waitFor(() => expect(held.hits).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 20 });
    const requestsBeforeSignal = discord.requests.length;
    bot.child.kill('SIGTERM');
    await bot.waitForOutput(/SIGTERM received, shutting down/, 5000);

    const late = discord.sendSlashCommand({ name: 'ask', options: { question: 'What is the SCO?' }, user: person() });
    const lateMessage = shown(await settled(discord, late.id, 5000));
    expect(lateMessage.content).toBe(shuttingDownText);
    expect(lateMessage.flags & 64).toBe(64);

    const exit = await bot.exited;
    expect(exit, bot.output().slice(-3000)).toEqual({ code: 0, signal: null });
    // Some replies were still to be sent when the signal came, and every one was delivered.
    const repliesAfterSignal = discord.requests.slice(requestsBeforeSignal).filter((request) => request.route === callbackRoute);
    expect(repliesAfterSignal.length).toBeGreaterThan(0);
    for (const interaction of inFlight) {
      const state = discord.interactionState(interaction.id);
      expect(state.requests.filter((request) => request.status >= 400)).toEqual([]);
      expect(shown(state).embeds[0]?.description, interaction.id).toBeTruthy();
    }
    expect(bot.stdout()).toContain('stopped: every answer in flight was delivered');
    // And it disconnected from the gateway cleanly (a normal close ends the session).
    expect(discord.openGatewayConnections).toBe(0);
  }, 90_000);
});

function person() {
  const id = newSnowflake();
  return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
}
