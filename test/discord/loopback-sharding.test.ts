// The loopback server's sharding rules, checked with real discord.js clients (one per shard) and
// a raw socket for the identifies Discord refuses.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  DEFAULT_BOT_PERMISSIONS,
  LOOPBACK_TOKEN,
  copyGuild,
  defaultGuild,
  guildIdOnShard,
  noIdentifyThrottle,
  shardOfGuild,
  startLoopbackDiscord,
  type LoopbackDiscord,
} from '../support/loopback/index.js';

const SHARDS = 3;

async function rawIdentify(discord: LoopbackDiscord, shard: unknown): Promise<number> {
  const socket = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
  return new Promise((resolve) => {
    socket.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { op: number };
      if (frame.op === 10) socket.send(JSON.stringify({ op: 2, d: { token: LOOPBACK_TOKEN, intents: 1, properties: {}, ...(shard !== undefined ? { shard } : {}) } }));
    });
    socket.on('close', (code) => resolve(code));
  });
}

describe('loopback Discord with shards', () => {
  let discord: LoopbackDiscord;
  const clients: Client[] = [];
  const template = defaultGuild(DEFAULT_BOT_PERMISSIONS);
  const guilds = Array.from({ length: SHARDS }, (_, shard) => copyGuild(template, guildIdOnShard(shard, SHARDS), `g${shard}`, shard + 1));

  beforeAll(async () => {
    discord = await startLoopbackDiscord({ shards: SHARDS, guilds, heartbeatIntervalMs: 1000 });
  });
  afterAll(async () => {
    for (const client of clients) await client.destroy();
    await discord?.close();
  });

  it('places one guild on each shard by (guild_id >> 22) % shards', () => {
    expect(guilds.map((guild) => shardOfGuild(guild.id, SHARDS))).toEqual([0, 1, 2]);
    expect(new Set(guilds.flatMap((guild) => guild.channels.map((channel) => channel.id))).size).toBe(guilds.reduce((n, guild) => n + guild.channels.length, 0));
  });

  it('recommends the shard count and refuses identifies without the right [i, N] (4011, 4010)', async () => {
    const response = await fetch(`${discord.apiBase}/v10/gateway/bot`, { headers: { authorization: `Bot ${LOOPBACK_TOKEN}` } });
    expect(((await response.json()) as { shards: number }).shards).toBe(SHARDS);
    expect(await rawIdentify(discord, undefined)).toBe(4011);
    expect(await rawIdentify(discord, [0, 1])).toBe(4010);
    expect(await rawIdentify(discord, [3, 3])).toBe(4010);
  });

  it('gives each shard its own guilds and routes a guild’s events to its shard only (DMs to shard 0)', async () => {
    const seen: Array<{ shard: number; interaction: string }> = [];
    for (let shard = 0; shard < SHARDS; shard++) {
      const client = new Client({
        intents: [GatewayIntentBits.Guilds],
        shards: [shard],
        shardCount: SHARDS,
        rest: { api: discord.apiBase },
        ws: { buildIdentifyThrottler: noIdentifyThrottle },
      });
      clients.push(client);
      client.on(Events.InteractionCreate, (interaction) => seen.push({ shard, interaction: interaction.id }));
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(LOOPBACK_TOKEN);
      await ready;
      expect([...client.guilds.cache.keys()]).toEqual([guilds[shard]?.id]);
    }
    const general = (shard: number) => guilds[shard]?.channels.find((c) => 'name' in c && c.name === 'general')?.id;
    const inGuild2 = discord.sendSlashCommand({ name: 'ask', options: { question: 'q' }, channelId: general(2) });
    const inDm = discord.sendSlashCommand({ name: 'ask', options: { question: 'q' }, dm: true });
    await expect.poll(() => seen.length, { timeout: 3000 }).toBe(2);
    expect(seen).toEqual(expect.arrayContaining([{ shard: 2, interaction: inGuild2.id }, { shard: 0, interaction: inDm.id }]));
  });
});
