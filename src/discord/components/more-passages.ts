// "More passages": the next ranked passages for the same question, shown to whoever clicked
// (ephemeral, so paging never floods the channel).
import type { ButtonInteraction } from 'discord.js';
import { admitWork, answerQuestion, withTicket } from '../answering.js';
import type { BotContext } from '../context.js';
import { replyWhenReady, respond } from '../send.js';
import { answerExpired } from './expired.js';

export async function showMorePassages(interaction: ButtonInteraction, context: BotContext, conversationId: string): Promise<void> {
  const conversation = context.answers.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  const admission = admitWork(context, { userId: interaction.user.id, guildId: interaction.guildId });
  if (!admission.ok) return respond(interaction, admission.view, { ephemeral: true });
  const { answer } = conversation;
  const nextOffset = answer.offset + Math.max(1, answer.excerpts.length);
  await withTicket(admission.ticket, async (ticket) => {
    // Further pages of an asked question are not new questions: the origin only places the buttons.
    const view = answerQuestion(context, ticket, conversation.question, interaction.user.id, nextOffset, {
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      via: 'ask',
      replyMode: 'private',
      ...(conversation.questionId ? { questionId: conversation.questionId } : {}),
      // The same collections as the first page, even if the channel's scope changed since.
      ...(answer.scope ? { collections: answer.scope } : {}),
    }, conversation.context);
    await replyWhenReady(interaction, view, { ephemeral: true }, context.deferAfterMs);
  });
}
