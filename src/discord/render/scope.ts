// The wording of channel scopes: the "Searched:" line under a scoped answer or search, and the
// replies of /scope. Collection names are folder names; shown escaped in messages, plain in footers
// (Discord does not render markdown there).
import { EmbedBuilder } from 'discord.js';
import type { ChannelScope } from '../channel-scope.js';
import { botLimits, discordLimits } from '../limits.js';
import { formatEchoedText } from './question.js';
import { truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

/** Collection names for a message (markdown): escaped, the list cut to a few. */
export function formatCollections(names: readonly string[]): string {
  const shown = names.slice(0, botLimits.scopeNamesListed);
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : '';
  return formatEchoedText(shown.join(', '), botLimits.scopeLineChars) + more;
}

/** The footer line of an answer or a search page limited to some collections (plain text). */
export function searchedLine(scope: readonly string[] | undefined): string | undefined {
  return scope && scope.length > 0 ? truncateText(`Searched: ${scope.join(', ')}`, botLimits.scopeLineChars) : undefined;
}

const sourceText = (scope: ChannelScope): string =>
  scope.source === 'environment' ? ' (set by CHANNEL_COLLECTIONS)' : '';

/** Where a channel's scope comes from, for /scope show: here, or inherited from a parent or category. */
export function describeScope(channelId: string, scope: ChannelScope | undefined): string {
  if (!scope) return `<#${channelId}> searches every document.`;
  const inherited = scope.setOn === channelId ? '' : `, as set on <#${scope.setOn}>`;
  return `<#${channelId}> searches only: **${formatCollections(scope.collections)}**${inherited}${sourceText(scope)}.`;
}

/** One line per scoped channel of the server, for /scope show. */
export function scopedChannelLines(entries: readonly ChannelScope[]): string[] {
  const shown = entries.slice(0, botLimits.scopeChannelsListed);
  const lines = shown.map((entry) => `• <#${entry.setOn}>: ${formatCollections(entry.collections)}${sourceText(entry)}`);
  if (entries.length > shown.length) lines.push(`…and ${entries.length - shown.length} more.`);
  return lines;
}

/** The refusal for names that are not collections, with the ones that exist. */
export function unknownCollectionsText(unknown: readonly string[], existing: readonly string[]): string {
  const names = `“${formatCollections(unknown)}”`;
  if (existing.length === 0) {
    return `${names}: the documents have no collections yet. Collections are sub-folders of the corpus folder (e.g. corpus/handbook/).`;
  }
  const called = unknown.length === 1 ? 'No collection is called' : 'No collections are called';
  return `${called} ${names}. Collections: ${formatCollections(existing)}.`;
}

/** /scope show: this channel's scope, every scoped place of the server, and the collections there are. */
export function renderScopeOverview(here: string, scoped: readonly ChannelScope[], existing: readonly string[]): MessageView {
  const lines = [here, ''];
  if (scoped.length > 0) lines.push('**Scoped channels and categories:**', ...scopedChannelLines(scoped));
  else lines.push('No channel is scoped: every channel searches every document.');
  lines.push('', existing.length > 0 ? `**Collections:** ${formatCollections(existing)}` : 'The documents have no collections yet: collections are sub-folders of the corpus folder (e.g. corpus/handbook/).');
  const embed = new EmbedBuilder().setColor(colours.listing).setTitle('Channel scopes').setDescription(truncateText(lines.join('\n'), discordLimits.embedDescriptionChars));
  return { embeds: [embed.toJSON()], components: [] };
}
