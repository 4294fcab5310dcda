// `npm run deploy-commands` as a user runs it: a child process reading the environment.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, GUILD_ID, LOOPBACK_TOKEN, startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback/index.js';
import { PROJECT_ROOT } from '../support/paths.js';

const run = promisify(execFile);
const script = path.join(PROJECT_ROOT, 'src/discord/deploy-commands.ts');
const commandNames = ['/ask', '/search', '/documents', '/source', '/help', '/reindex', '/quiz', '/leaderboard', '/review', '/daily', '/read', '/bookmarks', '/insights', '/privacy', '/scope'];

/** Runs the script with only `env` set for Discord (empty values also keep a developer's .env out). */
async function deploy(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const blank = { DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '', DISCORD_GUILD_ID: '', DISCORD_API_BASE: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, env: { ...process.env, ...blank, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('deploy-commands', () => {
  let discord: LoopbackDiscord;
  beforeAll(async () => {
    discord = await startLoopbackDiscord();
  });
  afterAll(async () => discord?.close());

  it('explains what is missing, without a stack trace, and fails', async () => {
    const result = await deploy({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Set DISCORD_TOKEN and DISCORD_CLIENT_ID');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('registers the commands in one server when DISCORD_GUILD_ID is set', async () => {
    const result = await deploy({ DISCORD_TOKEN: LOOPBACK_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_BASE: discord.apiBase });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Registered ${commandNames.length} commands in server ${GUILD_ID}: ${commandNames.join(' ')}\n`);
    expect(discord.commands(GUILD_ID)).toHaveLength(commandNames.length);
  });

  it('registers globally otherwise', async () => {
    const result = await deploy({ DISCORD_TOKEN: LOOPBACK_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_API_BASE: discord.apiBase });
    expect(result.stdout).toContain(`Registered ${commandNames.length} commands globally`);
    expect(discord.commands().map((command) => `/${command.name}`)).toEqual(commandNames);
  });

  it('reports a rejected token plainly', async () => {
    const result = await deploy({ DISCORD_TOKEN: 'not-the-token', DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_API_BASE: discord.apiBase });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/);
    expect(result.stderr).not.toContain('not-the-token');
  });
});
