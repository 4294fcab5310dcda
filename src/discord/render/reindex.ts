// IndexSummary → message: what a rebuild did.
import { EmbedBuilder } from 'discord.js';
import type { IndexSummary } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

function skippedList(summary: IndexSummary): string {
  const listed = summary.skipped.slice(0, botLimits.reindexSkippedListed);
  const lineChars = Math.floor(discordLimits.embedFieldValueChars / (listed.length + 1)) - 1;
  const lines = listed.map((file) => fitRendered((budget) => escapeDiscordText(truncateText(`${file.file}: ${file.reason}`, budget)), lineChars));
  const more = summary.skipped.length - listed.length;
  if (more > 0) lines.push(`…and ${more} more`);
  return lines.join('\n');
}

export function renderReindexSummary(summary: IndexSummary): MessageView {
  const embed = new EmbedBuilder()
    .setColor(colours.admin)
    .setTitle('Index rebuilt')
    .setDescription(`New questions are answered from the new index. (${escapeDiscordText(truncateText(summary.reason, 200))})`)
    .addFields(
      { name: 'Documents', value: String(summary.documents), inline: true },
      { name: 'Chunks', value: String(summary.chunks), inline: true },
      { name: 'Seconds', value: summary.seconds.toFixed(1), inline: true },
      { name: 'Embedded', value: String(summary.embedded), inline: true },
      { name: 'Reused', value: String(summary.reused), inline: true },
      { name: 'Removed documents', value: String(summary.removedDocuments), inline: true },
    );
  if (summary.skipped.length > 0) embed.addFields({ name: `Skipped (${summary.skipped.length})`, value: skippedList(summary) });
  return { embeds: [embed.toJSON()], components: [] };
}
