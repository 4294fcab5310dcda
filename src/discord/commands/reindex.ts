// /reindex — rebuild the index from the corpus folder. Server managers only: hidden from others
// by default permissions, and checked again here because server admins can override those.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { fileSystemProblem, isUserError } from '../../core/errors.js';
import type { BotContext } from '../context.js';
import { shuttingDownText } from '../question-input.js';
import { renderNotice } from '../render/notice.js';
import { renderReindexSummary } from '../render/reindex.js';
import { deferReply, respond } from '../send.js';

const stillAnswering = 'questions are still answered from the previous index';
export const reindexFailedText = `Rebuilding the index failed; ${stillAnswering}. The bot log has the details.`;
const reindexLockedText = 'Another index build (from another process, such as `npm run index`) is still running; questions are answered meanwhile. Try again when it has finished.';

/** The reply for a failed rebuild: the cause when the bot's operator can act on it, else the generic line. */
function failureText(error: unknown): string {
  if (isUserError(error) && error.code === 'index-locked') return reindexLockedText;
  const fs = fileSystemProblem(error);
  return fs ? `Rebuilding the index failed on the bot's machine (${fs.problem}, ${fs.code}); ${stillAnswering}.` : reindexFailedText;
}

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
    let failure: { error: unknown } | undefined;
    const summary = await context.engine.reindex().catch((error: unknown) => {
      context.logger.error({ err: error, userId: interaction.user.id, guildId: interaction.guildId }, 'reindex failed');
      failure = { error };
      return undefined;
    });
    if (!summary) {
      await respond(interaction, renderNotice(failureText(failure?.error)), { ephemeral: true });
      return;
    }
    context.logger.info({ summary }, 'reindex finished');
    await respond(interaction, renderReindexSummary(summary), { ephemeral: true });
  } finally {
    context.reindexStartedAtMs = undefined;
  }
}
