// Which messages the bot answers without a slash command, and the question inside them.
import type { Message } from 'discord.js';
import { repliesToBotAnswer } from '../follow-ups.js';
import { looksLikeQuestion } from '../question-shape.js';

/**
 * `direct`: a DM. `mention`: the bot (or its role) is mentioned. `answer-channel`: a post in an
 * ANSWER_CHANNEL_IDS channel. `follow-up`: a question in a thread the bot started for an answer
 * (while its conversation lasts), or a reply to one of the bot's answers.
 */
export type MessageTrigger = 'direct' | 'mention' | 'answer-channel' | 'follow-up';

/** The role Discord creates for the bot; people often pick it from the @-menu instead of the bot. */
function botRoleId(message: Message, botUserId: string): string | undefined {
  return message.guild?.roles.botRoleFor(botUserId)?.id;
}

export function messageTrigger(
  message: Message,
  botUserId: string,
  answerChannelIds: readonly string[],
  isBotThread: (channelId: string) => boolean = () => false,
): MessageTrigger | undefined {
  if (message.author.bot || message.system || message.webhookId) return undefined;
  if (!message.inGuild()) return 'direct';
  const roleId = botRoleId(message, botUserId);
  if (message.mentions.users.has(botUserId) || (roleId !== undefined && message.mentions.roles.has(roleId))) return 'mention';
  if (answerChannelIds.includes(message.channelId)) return 'answer-channel';
  const channel = message.channel;
  // A forum post's starter message has the id of the thread it opens.
  if (channel.isThread() && channel.parentId && answerChannelIds.includes(channel.parentId) && message.id === channel.id) {
    return 'answer-channel';
  }
  if (repliesToBotAnswer(message, botUserId)) return 'follow-up';
  // In the bot's answer thread, only what reads as a question: members also talk to each other there.
  if (channel.isThread() && isBotThread(channel.id) && looksLikeQuestion(questionText(message, botUserId))) return 'follow-up';
  return undefined;
}

/** The message text without the mentions that addressed the bot. */
export function questionText(message: Message, botUserId: string): string {
  const roleId = botRoleId(message, botUserId);
  let text = message.content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ');
  if (roleId) text = text.replace(new RegExp(`<@&${roleId}>`, 'g'), ' ');
  return text.replace(/\s+/g, ' ').trim();
}
