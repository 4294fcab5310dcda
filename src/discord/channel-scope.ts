// Which collections a channel's questions search. A scope is set on a channel, a category or a
// thread's parent, by /scope (stored in the state database) or by CHANNEL_COLLECTIONS; the most
// specific place that has one wins (thread, then its channel, then the category), and on one
// place /scope wins over the environment. DMs are never scoped.
import type { Json, Scope } from '../state/index.js';
import { guildScope } from '../state/index.js';
import type { BotContext } from './context.js';

/** The channel setting /scope stores (state `settings`, per channel). */
export const SCOPE_SETTING_KEY = 'collections';

export type ScopeSource = 'command' | 'environment';

/** The collections a channel searches, and where that was set. */
export interface ChannelScope {
  collections: string[];
  /** The channel, parent or category the scope was set on. */
  setOn: string;
  source: ScopeSource;
}

/** What resolution needs of a discord.js channel: its id, its parent's, and the parent's parent (a thread's category). */
export interface ChannelPlace {
  id: string;
  parentId?: string | null;
  parent?: { parentId?: string | null } | null;
}

/** Where a scope may be set for `channel`, most specific first: itself, its parent, its parent's parent. */
export function scopeChain(channel: ChannelPlace): string[] {
  const ids = [channel.id, channel.parentId, channel.parent?.parentId].filter((id): id is string => typeof id === 'string' && id.length > 0);
  return [...new Set(ids)];
}

/** A stored value read back: a list of names, or nothing (anything else is not a scope). */
export function storedCollections(value: Json | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.filter((name): name is string => typeof name === 'string' && name.length > 0);
  return names.length > 0 ? names : undefined;
}

/** The first place of `chain` with a scope: its stored one, else its CHANNEL_COLLECTIONS entry. */
export async function resolveScope(
  chain: readonly string[],
  stored: (placeId: string) => Promise<string[] | undefined>,
  environment: Readonly<Record<string, string[]>>,
): Promise<ChannelScope | undefined> {
  for (const placeId of chain) {
    const fromCommand = await stored(placeId);
    if (fromCommand) return { collections: fromCommand, setOn: placeId, source: 'command' };
    const fromEnvironment = environment[placeId];
    if (fromEnvironment && fromEnvironment.length > 0) return { collections: fromEnvironment, setOn: placeId, source: 'environment' };
  }
  return undefined;
}

/** The scope stored for one place in a server. */
export async function storedScope(context: BotContext, scope: Scope, placeId: string): Promise<string[] | undefined> {
  return storedCollections(await context.state.settings.get(scope, placeId, SCOPE_SETTING_KEY));
}

/**
 * The scope of a channel questions are asked in; undefined in DMs and in unscoped channels.
 * `channel` may be missing from discord.js's cache: then only its own id is looked up.
 */
export async function channelScope(context: BotContext, where: { guildId: string | null; channelId: string | null; channel?: ChannelPlace | null }): Promise<ChannelScope | undefined> {
  if (!where.guildId || !where.channelId) return undefined;
  const scope = guildScope(where.guildId);
  const chain = where.channel ? scopeChain(where.channel) : [where.channelId];
  return resolveScope(chain, (placeId) => storedScope(context, scope, placeId), context.config.discord.channelCollections);
}

/** The AskOptions / SearchOptions part of a scope (nothing when unscoped). */
export function scopeOptions(scope: ChannelScope | undefined): { collections?: string[] } {
  return scope ? { collections: scope.collections } : {};
}
