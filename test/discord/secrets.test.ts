// The bot token never reaches the output, whatever goes wrong: the real entry points (`npm start`,
// `npm run deploy-commands`) run as child processes with a recognisable token, are made to fail
// in every way we can provoke (bad configuration, failing REST calls, 401s, a gateway that
// rejects the token), and everything they print is searched for it. Also: what must never be
// committed is gitignored, and the example configuration holds no secret.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { registerCommands } from '../../src/discord/register-commands.js';
import { APPLICATION_ID, BOT_USER_ID, GUILD_ID, startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback/index.js';
import { killIfRunning, runNode, type ChildRun } from './fixtures/child-bot.js';
import { openConfiguredEngine } from '../support/configured-engine.js';
import { PROJECT_CORPUS, PROJECT_ROOT } from '../support/paths.js';
import { settled } from './fixtures/interactions.js';

/** Shaped like a real token (base64 user id . timestamp . HMAC), so discord.js treats it as one. */
const secretPart = 'C4nArYs3cr3tN0tT0B3Pr1nt3dAnyWh3r3xyz';
const canaryToken = `${Buffer.from(BOT_USER_ID).toString('base64url')}.Canary.${secretPart}`;

function expectNoToken(output: string): void {
  expect(output).not.toContain(canaryToken);
  expect(output).not.toContain(secretPart);
  // Nor the first two parts together (discord.js's own censoring keeps only the user id part).
  expect(output).not.toContain(canaryToken.split('.').slice(0, 2).join('.'));
}

describe('the token is never printed', () => {
  let discord: LoopbackDiscord;
  let workDir: string;
  let bot: ChildRun | undefined;
  const env = () => ({
    CORPUS_DIR: PROJECT_CORPUS,
    EMBEDDINGS_DIR: path.join(workDir, 'embeddings'),
    DATA_DIR: path.join(workDir, 'data'),
    // The most verbose level the bot has: whatever it logs, it logs here.
    LOG_LEVEL: 'trace',
  });
  beforeAll(async () => {
    discord = await startLoopbackDiscord({ token: canaryToken, heartbeatIntervalMs: 1000 });
    workDir = await mkdtemp(path.join(tmpdir(), 'footnote-secrets-'));
    const built = await openConfiguredEngine({ EMBEDDINGS_DIR: path.join(workDir, 'embeddings') });
    await built.close();
    await registerCommands(loadConfig({ DISCORD_TOKEN: canaryToken, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_BASE: discord.apiBase }));
  });
  afterAll(async () => {
    killIfRunning(bot);
    await discord?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('not while the bot runs into failing REST calls, 401s, and a gateway that rejects the token', async () => {
    bot = runNode('src/cli/main.ts', { ...env(), DISCORD_TOKEN: canaryToken, DISCORD_API_BASE: discord.apiBase });
    await bot.waitForOutput(/"msg":"ready as /);

    // Interaction callbacks failing with 500 (the deferral and the apology, each tried 4 times).
    discord.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 500, times: 8 });
    const failed = discord.sendSlashCommand({ name: 'ask', options: { question: 'What is CPEC?' } });
    await bot.waitForOutput(/could not send the apology/, 15_000);
    expect(discord.interactionState(failed.id).acknowledged).toBe(false);

    // A bot-authenticated route answering 401 (the reply to a mention, then the apology).
    discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 401, times: 2 });
    discord.sendMessage({ content: `<@${BOT_USER_ID}> What is CPEC?` });
    await bot.waitForOutput(/answering a message failed/, 10_000);

    // The connection dropped without a close frame: the client reconnects with its token.
    const from = discord.gatewayLog.length;
    await discord.terminateGateway();
    await discord.waitForGateway((entry) => entry.direction === 'send' && entry.t === 'RESUMED', { fromIndex: from, timeoutMs: 10_000 });
    const answered = discord.sendSlashCommand({ name: 'ask', options: { question: 'What is CPEC?' } });
    await settled(discord, answered.id);

    // The gateway rejects the token (4004): the bot says so, and is offline for good.
    await discord.closeGateway(4004);
    await bot.waitForOutput(/Discord rejected DISCORD_TOKEN/, 10_000);
    bot.child.kill('SIGTERM');
    await bot.exited;

    expect(bot.output()).toMatch(/"msg":"interaction failed"/);
    expectNoToken(bot.output());
  }, 90_000);

  it('not when Discord rejects the token at login', async () => {
    const wrong = runNode('src/cli/main.ts', { ...env(), DISCORD_TOKEN: canaryToken.replace('Canary', 'Wrong0'), DISCORD_API_BASE: discord.apiBase });
    // The loopback accepts only canaryToken; this one differs in its middle part, and must not appear either.
    const exit = await wrong.exited;
    expect(exit.code).toBe(1);
    expect(wrong.stderr()).toContain('Discord rejected DISCORD_TOKEN (invalid token)');
    expect(wrong.stderr()).not.toMatch(/\n\s+at /);
    expectNoToken(wrong.output());
    expect(wrong.output()).not.toContain(secretPart);
  }, 60_000);

  it('not when the configuration is invalid', async () => {
    const bad = runNode('src/cli/main.ts', { ...env(), DISCORD_TOKEN: canaryToken, REPLY_MODE: 'sideways', MAX_QUEUED_ANSWERS: 'lots', DISCORD_API_BASE: 'not a url' });
    const exit = await bad.exited;
    expect(exit.code).toBe(1);
    expect(bad.stderr()).toMatch(/REPLY_MODE/);
    expect(bad.stderr()).toMatch(/MAX_QUEUED_ANSWERS/);
    expect(bad.stderr()).toMatch(/DISCORD_API_BASE/);
    expectNoToken(bad.output());
  }, 60_000);

  it('not by deploy-commands, whether Discord rejects the token or fails', async () => {
    const run = promisify(execFile);
    const script = path.join(PROJECT_ROOT, 'src/discord/deploy-commands.ts');
    const deploy = async (token: string) => {
      const childEnv = { ...process.env, DISCORD_TOKEN: token, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_BASE: discord.apiBase };
      return run(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, env: childEnv }).then(
        ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
      );
    };
    const rejected = await deploy(canaryToken.replace('Canary', 'Wrong0'));
    expect(rejected.code).toBe(1);
    expect(rejected.output).toContain('401');
    expectNoToken(rejected.output);

    discord.failNext({ method: 'PUT', path: /\/commands$/, status: 500, times: 10 });
    const failing = await deploy(canaryToken);
    discord.clearFaults();
    expect(failing.code).toBe(1);
    expect(failing.output).toMatch(/Could not register commands/);
    expectNoToken(failing.output);
  }, 60_000);
});

describe('what must never be committed', () => {
  const git = promisify(execFile);

  it('.env and data/ are gitignored (and .env.example is not)', async () => {
    const ignored = async (file: string) =>
      git('git', ['check-ignore', '--no-index', '-q', file], { cwd: PROJECT_ROOT }).then(
        () => true,
        (error: { code?: number }) => (error.code === 1 ? false : Promise.reject(error)),
      );
    expect(await ignored('.env')).toBe(true);
    expect(await ignored('data/feedback.jsonl')).toBe(true);
    expect(await ignored('data/')).toBe(true);
    expect(await ignored('.env.example')).toBe(false);
    const lines = (await readFile(path.join(PROJECT_ROOT, '.gitignore'), 'utf8')).split('\n').map((line) => line.trim());
    expect(lines).toContain('.env');
    expect(lines.some((line) => line === 'data/' || line === '/data/' || line === 'data')).toBe(true);
  });

  it('.env.example holds no secret, and documents every setting the configuration reads', async () => {
    const example = await readFile(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const settings = new Map<string, string>();
    for (const line of example.split('\n')) {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (match) settings.set(match[1] ?? '', match[2] ?? '');
    }
    for (const [key, value] of settings) {
      if (/TOKEN|SECRET|PASSWORD|KEY/.test(key)) expect(value, key).toBe('');
    }
    // Nothing that looks like a Discord token, wherever it is.
    expect(example).not.toMatch(/[\w-]{20,}\.[\w-]{6}\.[\w-]{27,}/);
    const configSource = await readFile(path.join(PROJECT_ROOT, 'src/config-schema.ts'), 'utf8');
    const schemaKeys = [...configSource.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1] ?? '');
    expect(schemaKeys).toContain('MAX_QUEUED_ANSWERS');
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const key of schemaKeys) {
      expect(settings.has(key), `${key} in .env.example`).toBe(true);
      expect(readme, `${key} in README`).toContain(`\`${key}\``);
    }
  });
});
