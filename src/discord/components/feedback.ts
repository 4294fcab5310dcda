// 👍 / 👎 on an answer: one row in the state database's feedback log, acknowledged to the voter alone.
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import type { Vote } from '../custom-ids.js';
import { feedbackAnswer } from '../feedback-log.js';
import { renderNotice } from '../render/notice.js';
import { scopeOf } from '../../state/index.js';
import { respond } from '../send.js';
import { answerExpired } from './expired.js';

export async function recordFeedback(interaction: ButtonInteraction, context: BotContext, conversationId: string, vote: Vote): Promise<void> {
  const conversation = context.answers.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  await context.state.feedback.record(scopeOf({ guildId: interaction.guildId, userId: interaction.user.id }), {
    at: new Date(context.now()).toISOString(),
    vote,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    messageId: interaction.message.id,
    question: conversation.question,
    answer: feedbackAnswer(conversation.answer),
  });
  const thanks = vote === 'up' ? 'Thanks — glad it helped. 👍 recorded.' : 'Thanks — 👎 recorded; it helps improve the answers.';
  await respond(interaction, renderNotice(thanks), { ephemeral: true });
}
