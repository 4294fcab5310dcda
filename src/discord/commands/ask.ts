// /ask question:<text> [private:<bool>] — a cited answer.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { admitQuestion, answerQuestion, withTicket } from '../answering.js';
import { channelScope, scopeOptions } from '../channel-scope.js';
import type { BotContext } from '../context.js';
import { botLimits } from '../limits.js';
import { replyWhenReady, respond } from '../send.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question: the answer quotes the documents, with sources')
  .addStringOption((option) =>
    option.setName('question').setDescription('Your question, in a sentence').setRequired(true).setMaxLength(botLimits.questionOptionChars),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you'));

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const admission = admitQuestion(context, interaction.options.getString('question', true), { userId: interaction.user.id, guildId: interaction.guildId });
  if (!admission.ok) {
    await respond(interaction, admission.view, { ephemeral: true });
    return;
  }
  await withTicket(admission.ticket, async (ticket) => {
    // Waiting for an engine slot counts too: a queued question is deferred like a slow one.
    const view = channelScope(context, interaction).then((scope) =>
      answerQuestion(context, ticket, admission.question, interaction.user.id, 0, {
        guildId: interaction.guildId,
        channelId: interaction.channelId,
        via: 'ask',
        replyMode: ephemeral ? 'private' : 'public',
        ...scopeOptions(scope),
      }),
    );
    await replyWhenReady(interaction, view, { ephemeral }, context.deferAfterMs);
  });
}
