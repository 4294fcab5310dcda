// Previous/Next on search results. The person who searched turns the page in place; anyone else
// gets the page for themselves, so one user cannot page someone else's results away.
import type { ButtonInteraction } from 'discord.js';
import { admitToQueue, withTicket } from '../answering.js';
import type { BotContext } from '../context.js';
import { renderSearchPage } from '../render/search.js';
import { deferReply, deferUpdate, respond, updateClickedMessage } from '../send.js';
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
    if (isOwner) await deferUpdate(interaction);
    else await deferReply(interaction, { ephemeral: true });
    const page = await ticket.run(() => context.engine.search(conversation.query, { docId: conversation.docId, offset, limit: conversation.limit }));
    const document = conversation.docId ? context.engine.documents().find((summary) => summary.id === conversation.docId) : undefined;
    const view = renderSearchPage(page, conversationId, document);
    if (isOwner) await updateClickedMessage(interaction, view);
    else await respond(interaction, view, { ephemeral: true });
  });
}
