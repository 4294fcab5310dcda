// Previous/Next on search results. The person who searched turns the page in place; anyone else
// gets the page for themselves, so one user cannot page someone else's results away.
import type { ButtonInteraction } from 'discord.js';
import { admitToQueue, withTicket } from '../answering.js';
import type { BotContext } from '../context.js';
import { renderSearchPage } from '../render/search.js';
import { replyWhenReady, respond, updateWhenReady } from '../send.js';
import { answerExpired } from './expired.js';

export async function turnSearchPage(interaction: ButtonInteraction, context: BotContext, conversationId: string, offset: number): Promise<void> {
  const conversation = context.searches.get(conversationId);
  if (!conversation) return answerExpired(interaction);
  // Turning a page runs a search: it takes a place in the answer queue like a question (but,
  // being the same question, does not count against the cooldowns).
  const admission = admitToQueue(context);
  if (!admission.ok) return respond(interaction, admission.view, { ephemeral: true });
  const isOwner = conversation.userId === interaction.user.id;
  await withTicket(admission.ticket, async (ticket) => {
    const search = () => context.engine.search(conversation.query, {
      docId: conversation.docId,
      offset,
      limit: conversation.limit,
      ...(conversation.collections ? { collections: conversation.collections } : {}),
    });
    const view = ticket.run(search).then((page) => {
      const document = conversation.docId ? context.engine.documents().find((summary) => summary.id === conversation.docId) : undefined;
      return renderSearchPage(page, conversationId, document);
    });
    if (isOwner) await updateWhenReady(interaction, view, context.deferAfterMs);
    else await replyWhenReady(interaction, view, { ephemeral: true }, context.deferAfterMs);
  });
}
