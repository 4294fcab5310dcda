// "Still need help?" under an answer (only with HELPER_ROLE_ID, in servers): posts the question
// in the channel (the thread, when the answer is in one) mentioning the helper role, records the
// escalation (listed on the dashboard until resolved), and tells the presser privately.
import { DiscordAPIError, RESTJSONErrorCodes, type ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { alreadyEscalatedText, cannotPostText, escalatedText, noHelpersText, renderEscalation } from '../render/escalation.js';
import { renderNotice } from '../render/notice.js';
import { deferReply, respond, sendMentioningRole } from '../send.js';
import { answerExpired } from './expired.js';

function isMissingAccess(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess);
}

export async function askHelpers(interaction: ButtonInteraction, context: BotContext, conversationId: string): Promise<void> {
  const conversation = context.answers.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  const roleId = context.config.discord.helperRoleId;
  const channel = interaction.channel;
  if (!roleId || !interaction.inGuild() || !channel?.isSendable()) return respond(interaction, renderNotice(noHelpersText), { ephemeral: true });
  if (conversation.escalated) return respond(interaction, renderNotice(alreadyEscalatedText), { ephemeral: true });
  conversation.escalated = true;
  await deferReply(interaction, { ephemeral: true });
  let messageId: string;
  try {
    const posted = await sendMentioningRole(channel, renderEscalation(roleId, interaction.user.id, conversation.question, conversation.answer), roleId);
    messageId = posted.id;
  } catch (error) {
    conversation.escalated = false;
    if (!isMissingAccess(error)) throw error;
    context.logger.warn({ guildId: interaction.guildId, channelId: interaction.channelId }, 'no permission to ask the helpers in this channel');
    return respond(interaction, renderNotice(cannotPostText), { ephemeral: true });
  }
  if (context.insights.enabled) {
    await context.state.escalations.record({
      id: context.insights.newQuestionId(),
      scope: context.insights.scope(interaction.guildId, interaction.user.id),
      ...(conversation.questionId ? { questionId: conversation.questionId } : {}),
      guildId: interaction.guildId,
      channelId: channel.id,
      messageId,
      userHash: context.insights.userHash(interaction.user.id),
      question: conversation.question,
      createdAt: context.now(),
    });
  }
  context.logger.info({ guildId: interaction.guildId, channelId: channel.id, messageId }, 'question passed to the helper role');
  await respond(interaction, renderNotice(escalatedText), { ephemeral: true });
}
