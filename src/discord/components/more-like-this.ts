// "More like this" under an answer: passages of other documents like the answer's first passage,
// shown to whoever clicked (ephemeral). It runs a search, so it takes a place in the answer queue
// (not the cooldown: it asks nothing new).
import type { ButtonInteraction } from 'discord.js';
import { admitToQueue, withTicket } from '../answering.js';
import type { BotContext } from '../context.js';
import { renderMoreLikeThis, passageGoneText } from '../render/more-like-this.js';
import { renderNotice } from '../render/notice.js';
import { replyWhenReady, respond } from '../send.js';
import { answerExpired } from './expired.js';

export async function showMoreLikeThis(interaction: ButtonInteraction, context: BotContext, conversationId: string): Promise<void> {
  const conversation = context.answers.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  const chunkId = conversation.answer.excerpts[0]?.chunkId;
  if (!chunkId) return respond(interaction, renderNotice(passageGoneText), { ephemeral: true });
  const admission = admitToQueue(context);
  if (!admission.ok) return respond(interaction, admission.view, { ephemeral: true });
  await withTicket(admission.ticket, async (ticket) => {
    const view = ticket.run(() => context.engine.moreLikeThis(chunkId, conversation.answer.scope ? { collections: conversation.answer.scope } : {})).then((related) => (related ? renderMoreLikeThis(related) : renderNotice(passageGoneText)));
    await replyWhenReady(interaction, view, { ephemeral: true }, context.deferAfterMs);
  });
}
