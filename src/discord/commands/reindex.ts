// /reindex — rebuild the index from the corpus folder. Server managers only: hidden from others
// by default permissions, and checked again here because server admins can override those.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { shuttingDownText } from '../question-input.js';
import { renderNotice } from '../render/notice.js';
import { renderReindexSummary } from '../render/reindex.js';
import { deferReply, respond } from '../send.js';

export const reindexFailedText = 'Rebuilding the index failed; questions are still answered from the previous index. The bot log has the details.';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Rebuild the index from the documents folder (Manage Server only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!interaction.inGuild()) {
    await respond(interaction, renderNotice('/reindex only works in a server.'), { ephemeral: true });
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await respond(interaction, renderNotice('Only members with the Manage Server permission can rebuild the index.'), { ephemeral: true });
    return;
  }
  if (context.work.closing) {
    await respond(interaction, renderNotice(shuttingDownText), { ephemeral: true });
    return;
  }
  if (context.reindexStartedAtMs !== undefined) {
    const seconds = Math.round((context.now() - context.reindexStartedAtMs) / 1000);
    await respond(interaction, renderNotice(`A rebuild is already running (started ${seconds} s ago). Questions are answered meanwhile.`), { ephemeral: true });
    return;
  }
  context.reindexStartedAtMs = context.now();
  try {
    await deferReply(interaction, { ephemeral: true });
    context.logger.info({ userId: interaction.user.id, guildId: interaction.guildId }, 'reindex requested');
    const summary = await context.engine.reindex().catch((error: unknown) => {
      context.logger.error({ err: error, userId: interaction.user.id, guildId: interaction.guildId }, 'reindex failed');
      return undefined;
    });
    if (!summary) {
      await respond(interaction, renderNotice(reindexFailedText), { ephemeral: true });
      return;
    }
    context.logger.info({ summary }, 'reindex finished');
    await respond(interaction, renderReindexSummary(summary), { ephemeral: true });
  } finally {
    context.reindexStartedAtMs = undefined;
  }
}
