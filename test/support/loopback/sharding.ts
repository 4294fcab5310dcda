/**
 * Discord's sharding rules, as the loopback server applies them: a guild belongs to shard
 * `(guild_id >> 22) % shard_count`; DMs (events without a guild) go to shard 0. Also builds
 * copies of the default guild whose ids place one guild on each shard.
 */
import { DISCORD_EPOCH, snowflakeAt } from './constants.js';
import type { GuildCreatePayload } from './world.js';

/** The shard that receives a guild's events. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The shard an event belongs to: its guild's (`guild_id`, or `id` for GUILD_CREATE/UPDATE/DELETE), or 0 when it has none (DMs). */
export function shardOfEvent(event: string, data: unknown, shardCount: number): number {
  if (shardCount === 1 || !data || typeof data !== 'object') return 0;
  const record = data as { guild_id?: unknown; id?: unknown };
  const guildId = typeof record.guild_id === 'string' ? record.guild_id : /^GUILD_(CREATE|UPDATE|DELETE)$/.test(event) && typeof record.id === 'string' ? record.id : undefined;
  return guildId ? shardOfGuild(guildId, shardCount) : 0;
}

/** A snowflake minted in 2024 whose guild would live on `shard` of `shardCount`. */
export function guildIdOnShard(shard: number, shardCount: number, salt = 0): string {
  const base = Date.UTC(2024, 5, 1) + salt * shardCount;
  const offset = (((shard - (base - Number(DISCORD_EPOCH))) % shardCount) + shardCount) % shardCount;
  return snowflakeAt(base + offset, 1);
}

/**
 * A copy of `guild` with a new guild id and fresh ids for its channels, roles and forum tags
 * (members keep their users), so two guilds can live side by side in one world.
 */
export function copyGuild(guild: GuildCreatePayload, newGuildId: string, name: string, salt: number): GuildCreatePayload {
  const ids = new Map<string, string>([[guild.id, newGuildId]]);
  const fresh = (old: string, n: number) => {
    if (!ids.has(old)) ids.set(old, snowflakeAt(Date.UTC(2024, 6, 1) + salt * 1000 + n, (n % 4000) + 1));
  };
  let n = 0;
  for (const channel of guild.channels) fresh(channel.id, n++);
  for (const role of guild.roles) fresh(role.id, n++);
  for (const channel of guild.channels) {
    const tags = (channel as { available_tags?: { id: string }[] }).available_tags ?? [];
    for (const tag of tags) fresh(tag.id, n++);
  }
  let json = JSON.stringify(guild);
  for (const [from, to] of ids) json = json.split(`"${from}"`).join(`"${to}"`);
  return { ...(JSON.parse(json) as GuildCreatePayload), name };
}
