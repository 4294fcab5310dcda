// 👍 / 👎 on an answer: one row in the state database's feedback log, linked to the question's
// insights row, the voter stored only as a keyed hash; acknowledged to the voter alone. With
// INSIGHTS=off the buttons are not shown, and a click on an older one stores nothing.
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import type { Vote } from '../custom-ids.js';
import { feedbackAnswer } from '../feedback-log.js';
import { renderNotice } from '../render/notice.js';
import { respond } from '../send.js';
import { answerExpired } from './expired.js';

export const votesOffText = 'Votes are not kept on this bot (insights are switched off).';

export async function recordFeedback(interaction: ButtonInteraction, context: BotContext, conversationId: string, vote: Vote): Promise<void> {
  const conversation = context.answers.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  if (!context.insights.enabled) return respond(interaction, renderNotice(votesOffText), { ephemeral: true });
  await context.state.feedback.record(context.insights.scope(interaction.guildId, interaction.user.id), {
    at: new Date(context.now()).toISOString(),
    vote,
    userId: context.insights.userHash(interaction.user.id),
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    messageId: interaction.message.id,
    question: conversation.question,
    ...(conversation.questionId ? { questionId: conversation.questionId } : {}),
    answer: feedbackAnswer(conversation.answer),
  });
  const thanks = vote === 'up' ? 'Thanks — glad it helped. 👍 recorded.' : 'Thanks — 👎 recorded; it helps improve the answers.';
  await respond(interaction, renderNotice(thanks), { ephemeral: true });
}
