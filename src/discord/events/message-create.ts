// Mentions, DMs and posts in answer channels get the same answer /ask gives, as a reply (or in a
// thread on the message when REPLY_MODE=thread; DMs and threads are always answered inline).
import { DiscordAPIError, RESTJSONErrorCodes, type Message } from 'discord.js';
import { admitQuestion, answerQuestion, withTicket } from '../answering.js';
import { channelScope, scopeOptions } from '../channel-scope.js';
import type { BotContext } from '../context.js';
import { apologyText, isEngineBusy } from '../failures.js';
import { busyText } from '../question-input.js';
import { discordLimits } from '../limits.js';
import { renderMentionHint } from '../render/help.js';
import { renderNotice } from '../render/notice.js';
import { truncateText } from '../render/text.js';
import type { MessageView } from '../render/view.js';
import { replyToMessage, sendToChannel } from '../send.js';
import { dmKey, followUpContext, threadKey } from '../follow-ups.js';
import { messageTrigger, questionText, type MessageTrigger } from './message-trigger.js';

function messageDetails(message: Message) {
  return { messageId: message.id, userId: message.author.id, guildId: message.guildId, channelId: message.channelId };
}

/** Sends the answer; returns the id of the thread it started for it, if it did. */
async function deliverAnswer(message: Message, view: MessageView, question: string, context: BotContext): Promise<string | undefined> {
  if (context.config.discord.replyMode === 'thread' && message.inGuild() && !message.channel.isThread()) {
    try {
      const thread = await message.startThread({ name: truncateText(question, discordLimits.threadNameChars) });
      await sendToChannel(thread, view);
      return thread.id;
    } catch (error) {
      context.logger.warn({ err: error, ...messageDetails(message) }, 'could not answer in a thread; replying inline');
    }
  }
  await replyToMessage(message, view);
  return undefined;
}

async function answerMessage(message: Message, trigger: MessageTrigger, context: BotContext): Promise<void> {
  const botUserId = message.client.user.id;
  const text = questionText(message, botUserId);
  if (!text) {
    // A post without words in an answer channel (an image, a sticker) is not a question.
    if (trigger === 'mention' || trigger === 'direct') await replyToMessage(message, renderMentionHint());
    return;
  }
  const admission = admitQuestion(context, text, { userId: message.author.id, guildId: message.guildId });
  if (!admission.ok) {
    await replyToMessage(message, admission.view);
    return;
  }
  await withTicket(admission.ticket, async (ticket) => {
    const inThread = context.config.discord.replyMode === 'thread' && message.inGuild() && !message.channel.isThread();
    // The conversation this message continues, if any: its earlier questions are the context.
    const followUp = await followUpContext(message, botUserId, context.conversations);
    const via = followUp ? 'follow-up' : trigger;
    const earlier = followUp?.questions ?? [];
    const scope = await channelScope(context, message);
    const view = await answerQuestion(context, ticket, admission.question, message.author.id, 0, {
      guildId: message.guildId,
      channelId: message.channelId,
      via,
      replyMode: inThread ? 'thread' : 'inline',
      ...scopeOptions(scope),
    }, earlier);
    // Where the next follow-up will come from: the conversation continued, this DM channel (the
    // answer itself is remembered by answerQuestion), and the thread started for the answer —
    // remembered as the answer is sent, so a follow-up right after it is already one.
    const questions = [...earlier, admission.question];
    const keys = [...(followUp?.keys ?? []), ...(message.inGuild() ? [] : [dmKey(message.channelId)])];
    context.conversations.remember([...new Set(keys)], questions);
    const threadId = await deliverAnswer(message, view, admission.question, context);
    if (threadId) context.conversations.remember([threadKey(threadId)], questions);
  });
}

function isMissingAccess(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)
  );
}

export function createMessageHandler(context: BotContext): (message: Message) => Promise<void> {
  return async (message) => {
    const trigger = messageTrigger(message, message.client.user.id, context.config.discord.answerChannelIds, (channelId) => context.conversations.has(threadKey(channelId)));
    if (!trigger) return;
    try {
      await answerMessage(message, trigger, context);
    } catch (error) {
      if (isMissingAccess(error)) {
        // A server setting, not a bug: there is nowhere to apologise either.
        context.logger.warn({ trigger, ...messageDetails(message) }, 'no permission to answer in this channel (needs View Channel, Send Messages, Embed Links)');
        return;
      }
      const busy = isEngineBusy(error);
      if (busy) context.logger.warn({ trigger, ...messageDetails(message) }, 'answer service busy: replied "busy"');
      else context.logger.error({ err: error, trigger, ...messageDetails(message) }, 'answering a message failed');
      await replyToMessage(message, renderNotice(busy ? busyText : apologyText)).catch((apologyError: unknown) => {
        context.logger.warn({ err: apologyError, ...messageDetails(message) }, 'could not send the apology');
      });
    }
  };
}
