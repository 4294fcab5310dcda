// `npm start` with SHARDING=auto, as an operator runs it, against a loopback Discord that asks for
// two shards (GET /gateway/bot) and routes each guild to `(guild_id >> 22) % 2`: one manager
// process (the model and index, once, as the answer service) and two shard processes. Questions
// are asked through both shards; one shard process is killed (SIGKILL) in the middle of a load,
// the other's answers are unaffected, and the dead one is started again and answers. A /reindex
// through one shard is seen by the other at once.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_USER,
  APPLICATION_ID,
  DEFAULT_BOT_PERMISSIONS,
  LOOPBACK_TOKEN,
  TEXT_CHANNEL_ID,
  copyGuild,
  defaultGuild,
  guildIdOnShard,
  newSnowflake,
  shardOfGuild,
  startLoopbackDiscord,
  type GatewayLogEntry,
  type GuildCreatePayload,
  type LoopbackDiscord,
} from '../support/loopback/index.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { tempWorkspace, type TempWorkspace } from '../support/workspace.js';
import { killIfRunning, runNode, type ChildRun } from './fixtures/child-bot.js';
import { settled, shown } from './fixtures/interactions.js';

const SHARDS = 2;

function person(name: string): APIUser {
  return { id: newSnowflake(), username: name, discriminator: '0', global_name: name, avatar: null };
}

/** One guild per shard: its id, and its #general channel (the copy's own id). */
function guildsOnShards(): { guilds: GuildCreatePayload[]; general: string[] } {
  const template = defaultGuild(DEFAULT_BOT_PERMISSIONS);
  const guilds = Array.from({ length: SHARDS }, (_, shard) => copyGuild(template, guildIdOnShard(shard, SHARDS), `Shard ${shard} server`, shard + 1));
  const general = guilds.map((guild) => {
    const channel = guild.channels.find((c) => 'name' in c && c.name === 'general');
    if (!channel || channel.id === TEXT_CHANNEL_ID) throw new Error('copyGuild kept the template channel id');
    return channel.id;
  });
  return { guilds, general };
}

/** The shard each gateway connection identified as. */
function shardOfConnections(log: readonly GatewayLogEntry[]): Map<number, [number, number]> {
  const shards = new Map<number, [number, number]>();
  for (const entry of log) {
    const shard = (entry.d as { shard?: [number, number] } | undefined)?.shard;
    if (entry.direction === 'recv' && entry.op === 2 && shard) shards.set(entry.connection, shard);
  }
  return shards;
}

/** Pids of shard processes in the manager's log (`shard N process started (pid P)`), in order. */
function shardPids(output: string, shard: number): number[] {
  return [...output.matchAll(new RegExp(`shard ${shard} process started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
}

describe('two shards in two processes around one answer service (npm start with SHARDING=auto)', () => {
  let discord: LoopbackDiscord;
  let workspace: TempWorkspace;
  let run: ChildRun | undefined;
  let general: string[] = [];

  beforeAll(async () => {
    const world = guildsOnShards();
    general = world.general;
    discord = await startLoopbackDiscord({ shards: SHARDS, guilds: world.guilds, heartbeatIntervalMs: 1000 });
    workspace = await tempWorkspace(PROJECT_CORPUS);
    run = runNode('src/cli/main.ts', {
      DISCORD_TOKEN: LOOPBACK_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_API_BASE: discord.apiBase,
      SHARDING: 'auto',
      SHARD_SPAWN_DELAY_SECONDS: '0',
      CORPUS_DIR: workspace.corpusDir,
      EMBEDDINGS_DIR: workspace.embeddingsDir,
      DATA_DIR: path.join(workspace.dir, 'data'),
      LOG_LEVEL: 'info',
      COOLDOWN_QUESTIONS: '1000',
      GUILD_COOLDOWN_QUESTIONS: '100000',
    });
    await run.waitForOutput(/2 shards online/, 120_000);
  }, 150_000);

  afterAll(async () => {
    killIfRunning(run);
    await discord?.close();
    await workspace?.cleanup();
  });

  async function ask(shard: number, question: string, timeoutMs = 15_000) {
    const interaction = discord.sendSlashCommand({ name: 'ask', options: { question }, channelId: general[shard], user: person(`s${shard}`) });
    const state = await settled(discord, interaction.id, timeoutMs);
    return { interaction, message: shown(state) };
  }

  it('identifies each shard as [i, 2] from its own process, after /gateway/bot recommended 2', () => {
    expect(discord.requests.some((request) => request.route === 'GET /gateway/bot')).toBe(true);
    const identified = [...shardOfConnections(discord.gatewayLog).values()].map((shard) => shard.join('/')).sort();
    expect(identified).toEqual(['0/2', '1/2']);
    expect(shardPids(run?.output() ?? '', 0)).toHaveLength(1);
    expect(shardPids(run?.output() ?? '', 1)).toHaveLength(1);
    expect(shardPids(run?.output() ?? '', 0)[0]).not.toBe(shardPids(run?.output() ?? '', 1)[0]);
  });

  it('answers through both shards, each guild’s interaction dispatched to its own shard', async () => {
    const connections = shardOfConnections(discord.gatewayLog);
    for (const shard of [0, 1]) {
      const { interaction, message } = await ask(shard, 'What security concept has Xi come up with?');
      expect(message.embeds[0]?.description).toContain('comprehensive security');
      const dispatched = discord.gatewayLog.find((e) => e.direction === 'send' && e.t === 'INTERACTION_CREATE' && (e.d as { id?: string }).id === interaction.id);
      expect(connections.get(dispatched?.connection ?? -1)?.[0]).toBe(shard);
      expect(shardOfGuild(interaction.guild_id ?? '', SHARDS)).toBe(shard);
    }
  });

  it('keeps answering on shard 0 while shard 1’s process is killed mid-load, and starts shard 1 again', async () => {
    const [victim] = shardPids(run?.output() ?? '', 1);
    expect(victim).toBeGreaterThan(0);
    const questions = ['What is CPEC?', 'How long was Xi in Central Asia?', 'What new name has Xi Jinping given the world?', 'Into which emerging fields is industrial cooperation expanding?'];
    // A load on both shards; shard 1 dies after the first of its questions was sent.
    const load = Array.from({ length: 12 }, (_, i) => ({ shard: i % 2, question: questions[i % questions.length] ?? '' }));
    const shard0: Array<Promise<Awaited<ReturnType<typeof ask>>>> = [];
    for (const [i, item] of load.entries()) {
      if (item.shard === 0) shard0.push(ask(0, item.question));
      else discord.sendSlashCommand({ name: 'ask', options: { question: item.question }, channelId: general[1], user: person('lost') });
      if (i === 1) process.kill(victim ?? 0, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const answered = await Promise.all(shard0);
    expect(answered).toHaveLength(6);
    for (const { message } of answered) expect(message.embeds.length).toBeGreaterThan(0);

    await run?.waitForOutput(/shard 1 process died; starting it again/, 10_000);
    await run?.waitForOutput(/shard 1 online[\s\S]*shard 1 online/, 60_000);
    const [, second] = shardPids(run?.output() ?? '', 1);
    expect(second).toBeGreaterThan(0);
    expect(second).not.toBe(victim);
    const again = await ask(1, 'What security concept has Xi come up with?');
    expect(again.message.embeds[0]?.description).toContain('comprehensive security');
    const identifies = [...shardOfConnections(discord.gatewayLog).values()].filter((shard) => shard[0] === 1);
    expect(identifies.length).toBe(2);
  }, 120_000);

  it('rebuilds the index once, in the answer service, on /reindex through shard 1; shard 0 answers from it and lists the new document at once', async () => {
    await writeFile(
      path.join(workspace.corpusDir, 'lighthouse-keepers.txt'),
      'The Lighthouse Keepers of Varnholm\n\nThe Varnholm lighthouse was kept by the Osterberg family for four generations. ' +
        'Its lamp burned whale oil until 1911, when the keepers switched to paraffin vapour burners.\n',
    );
    const reindex = discord.sendSlashCommand({ name: 'reindex', channelId: general[1], user: ADMIN_USER });
    const done = shown(await settled(discord, reindex.id, 60_000));
    expect(done.embeds[0]?.title).toBe('Index rebuilt');
    const field = (name: string) => done.embeds[0]?.fields?.find((f) => f.name === name)?.value;
    expect([field('Documents'), field('Embedded')]).toEqual(['6', '1']);
    const { message } = await ask(0, 'Which family kept the Varnholm lighthouse?');
    expect(message.embeds[0]?.description).toContain('Osterberg');
    const documents = discord.sendSlashCommand({ name: 'documents', channelId: general[0], user: person('lister') });
    const listed = shown(await settled(discord, documents.id));
    expect(JSON.stringify(listed)).toContain('Lighthouse Keepers of Varnholm');
    // The build ran once, in the manager (the answer service): no shard process logged it, and
    // no shard ever opened an engine of its own.
    const lines = (run?.output() ?? '').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; shard?: number });
    const builds = lines.filter((line) => line.msg.startsWith('rebuilding the index'));
    expect(builds).toHaveLength(1);
    expect(builds[0]?.shard).toBeUndefined();
    expect(lines.filter((line) => line.msg.startsWith('engine ready')).map((line) => line.shard)).toEqual([undefined]);
  }, 120_000);

  it('stops the shards and the answer service on SIGTERM, exit code 0', async () => {
    run?.child.kill('SIGTERM');
    const exit = await run?.exited;
    expect(exit?.code).toBe(0);
    expect(discord.openGatewayConnections).toBe(0);
  }, 30_000);
});

describe('shards whose manager is killed', () => {
  it('stop on their own (SIGKILL of the manager leaves no shard process and no gateway connection behind)', async () => {
    const world = guildsOnShards();
    const discord = await startLoopbackDiscord({ shards: SHARDS, guilds: world.guilds, heartbeatIntervalMs: 1000 });
    const workspace = await tempWorkspace(PROJECT_CORPUS);
    const run = runNode('src/cli/main.ts', {
      DISCORD_TOKEN: LOOPBACK_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_API_BASE: discord.apiBase,
      SHARDING: String(SHARDS),
      SHARD_SPAWN_DELAY_SECONDS: '0',
      CORPUS_DIR: workspace.corpusDir,
      EMBEDDINGS_DIR: workspace.embeddingsDir,
      DATA_DIR: path.join(workspace.dir, 'data'),
      LOG_LEVEL: 'info',
    });
    const pids: number[] = [];
    try {
      await run.waitForOutput(/2 shards online/, 120_000);
      pids.push(...shardPids(run.output(), 0), ...shardPids(run.output(), 1));
      expect(pids).toHaveLength(2);
      run.child.kill('SIGKILL');
      const alive = () => pids.filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
      await expect.poll(alive, { timeout: 15_000, interval: 100 }).toEqual([]);
      await expect.poll(() => discord.openGatewayConnections, { timeout: 5000 }).toBe(0);
    } finally {
      killIfRunning(run);
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await discord.close();
      await workspace.cleanup();
    }
  }, 150_000);
});
