// "More passages": the next ranked passages for the same question, shown to whoever clicked
// (ephemeral, so paging never floods the channel).
import type { ButtonInteraction } from 'discord.js';
import { admitByCooldown, answerQuestion } from '../answering.js';
import type { BotContext } from '../context.js';
import { deferReply, respond } from '../send.js';
import { answerExpired } from './expired.js';

export async function showMorePassages(interaction: ButtonInteraction, context: BotContext, conversationId: string): Promise<void> {
  const conversation = context.answers.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  const allowance = admitByCooldown(context, interaction.user.id);
  if (!allowance.ok) return respond(interaction, allowance.view, { ephemeral: true });
  const { answer } = conversation;
  const nextOffset = answer.offset + Math.max(1, answer.excerpts.length);
  await deferReply(interaction, { ephemeral: true });
  const view = await answerQuestion(context, conversation.question, interaction.user.id, nextOffset);
  await respond(interaction, view, { ephemeral: true });
}
