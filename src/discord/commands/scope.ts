// /scope set collections:<a, b> [channel] · /scope clear [channel] · /scope show — limit a channel,
// a category or a thread to some collections of documents (Manage Server only). Stored in the
// state database; threads follow their channel and channels their category unless they have their
// own (channel-scope.ts). CHANNEL_COLLECTIONS sets scopes too; /scope on the same channel wins.
import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { collectionsOf, normalizeCollection, scopeOfCollections } from '../../core/documents/collections.js';
import { guildScope } from '../../state/index.js';
import { type ChannelPlace, type ChannelScope, channelScope, SCOPE_SETTING_KEY, storedCollections } from '../channel-scope.js';
import type { BotContext } from '../context.js';
import { discordLimits } from '../limits.js';
import { renderNotice } from '../render/notice.js';
import { describeScope, formatCollections, renderScopeOverview, unknownCollectionsText } from '../render/scope.js';
import { respond } from '../send.js';

/** Channels a scope can be set on: where questions are asked, their categories and threads. */
const SCOPABLE_CHANNELS = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.GuildCategory,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

/** A comma list of folder names: long enough for many, short enough to echo back. */
const COLLECTIONS_OPTION_CHARS = 500;

export const data = new SlashCommandBuilder()
  .setName('scope')
  .setDescription('Limit a channel to some collections of documents (Manage Server only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription('Questions in a channel search only these collections')
      .addStringOption((o) =>
        o.setName('collections').setDescription('Collections (corpus sub-folders), separated by commas, e.g. handbook, policies').setRequired(true).setMaxLength(COLLECTIONS_OPTION_CHARS).setAutocomplete(true),
      )
      .addChannelOption((o) => o.setName('channel').setDescription('A channel, category or thread (default: this channel)').addChannelTypes(...SCOPABLE_CHANNELS)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('clear')
      .setDescription('Let a channel search every document again')
      .addChannelOption((o) => o.setName('channel').setDescription('A channel, category or thread (default: this channel)').addChannelTypes(...SCOPABLE_CHANNELS)),
  )
  .addSubcommand((sub) => sub.setName('show').setDescription('What this channel searches, and every scoped channel of the server'));

const notManagerText = 'Only members with **Manage Server** can change which documents a channel searches.';

/** The corpus's collections now (they change as documents are added or removed). */
function existingCollections(context: BotContext): string[] {
  return collectionsOf(context.engine.documents().map((document) => document.id));
}

/** The channel an option names (or this one), as the cache knows it: threads need their parent. */
function targetPlace(interaction: ChatInputCommandInteraction<'cached' | 'raw'>): { place: ChannelPlace; isCategory: boolean } {
  const id = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const cached = interaction.guild?.channels.cache.get(id);
  return { place: cached ?? { id }, isCategory: cached?.type === ChannelType.GuildCategory };
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!interaction.inGuild()) {
    await respond(interaction, renderNotice('/scope only works in a server.'), { ephemeral: true });
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await respond(interaction, renderNotice(notManagerText), { ephemeral: true });
    return;
  }
  const scope = guildScope(interaction.guildId);
  const sub = interaction.options.getSubcommand();
  if (sub === 'show') {
    const here = await channelScope(context, interaction);
    const stored = (await context.state.settings.withKey(scope, SCOPE_SETTING_KEY)).flatMap(({ channelId, value }): ChannelScope[] => {
      const collections = storedCollections(value);
      return collections ? [{ collections, setOn: channelId, source: 'command' }] : [];
    });
    const storedIds = new Set(stored.map((entry) => entry.setOn));
    // CHANNEL_COLLECTIONS names ids of every server: list this server's, unless /scope replaced them.
    const fromEnvironment = Object.entries(context.config.discord.channelCollections)
      .filter(([id]) => !storedIds.has(id) && interaction.guild?.channels.cache.has(id))
      .map(([id, collections]): ChannelScope => ({ collections, setOn: id, source: 'environment' }));
    await respond(interaction, renderScopeOverview(describeScope(interaction.channelId, here), [...stored, ...fromEnvironment], existingCollections(context)), { ephemeral: true });
    return;
  }
  const { place, isCategory } = targetPlace(interaction);
  if (sub === 'clear') {
    const removed = await context.state.settings.remove(scope, place.id, SCOPE_SETTING_KEY);
    const now = describeScope(place.id, await channelScope(context, { guildId: interaction.guildId, channelId: place.id, channel: place }));
    const text = removed ? `Cleared the scope of <#${place.id}>. Now ${now}` : `<#${place.id}> had no scope set with /scope. ${now}`;
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return;
  }
  const requested = interaction.options.getString('collections', true);
  const names = scopeOfCollections(requested.split(','));
  const existing = existingCollections(context);
  if (!names) {
    const known = existing.length > 0 ? ` Collections: ${formatCollections(existing)}.` : '';
    await respond(interaction, renderNotice(`Name at least one collection, separated by commas.${known}`), { ephemeral: true });
    return;
  }
  const unknown = names.filter((name) => !existing.includes(name));
  if (unknown.length > 0) {
    await respond(interaction, renderNotice(unknownCollectionsText(unknown, existing)), { ephemeral: true });
    return;
  }
  await context.state.settings.set(scope, place.id, SCOPE_SETTING_KEY, names);
  const followers = isCategory ? 'Its channels and their threads follow it' : 'Its threads follow it';
  await respond(interaction, renderNotice(`📚 Questions in <#${place.id}> now search only: **${formatCollections(names)}**. ${followers} unless they have a scope of their own.`), { ephemeral: true });
}

/** Completes the last name of the comma list from the corpus's collections. */
export function collectionChoices(existing: readonly string[], typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const parts = typed.split(',');
  const partial = normalizeCollection(parts.pop() ?? '').toLowerCase();
  const chosen = parts.map(normalizeCollection).filter(Boolean);
  const prefix = chosen.length > 0 ? `${chosen.join(', ')}, ` : '';
  return existing
    .filter((name) => !chosen.includes(name) && name.toLowerCase().startsWith(partial))
    .map((name) => `${prefix}${name}`)
    .filter((value) => value.length <= discordLimits.autocompleteValueChars)
    .slice(0, discordLimits.autocompleteChoices)
    .map((value) => ({ name: value, value }));
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(collectionChoices(existingCollections(context), interaction.options.getFocused()));
}
