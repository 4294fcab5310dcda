// Routes a button click to its handler by the action encoded in its custom id.
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseCustomId } from '../custom-ids.js';
import { renderNotice } from '../render/notice.js';
import { respond } from '../send.js';
import { turnDocumentsPage } from './documents-page.js';
import { recordFeedback } from './feedback.js';
import { showMorePassages } from './more-passages.js';
import { movePassage, openCitedPassage, openCitedPassageByNumber } from './passage.js';
import { turnSearchPage } from './search-page.js';

export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) {
    await respond(interaction, renderNotice('This button no longer works — please use /ask again.'), { ephemeral: true });
    return;
  }
  switch (action.kind) {
    case 'more':
      return showMorePassages(interaction, context, action.conversationId);
    case 'feedback':
      return recordFeedback(interaction, context, action.conversationId, action.vote);
    case 'cite':
      return openCitedPassage(interaction, context, action.docId, action.paragraph);
    case 'cite-ref':
      return openCitedPassageByNumber(interaction, context, action.conversationId, action.n);
    case 'passage':
      return movePassage(interaction, context, action.docId, action.paragraph);
    case 'search-page':
      return turnSearchPage(interaction, context, action.conversationId, action.offset);
    case 'documents-page':
      return turnDocumentsPage(interaction, context, action.page);
  }
}
