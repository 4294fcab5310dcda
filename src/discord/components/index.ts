// Routes a button click to its handler by the action encoded in its custom id.
import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseCustomId, parseModalId } from '../custom-ids.js';
import { turnReadingPage } from '../commands/read.js';
import { deleteBookmark, openBookmark, openSaveForm, reviewBookmark, saveBookmark, turnBookmarksPage } from '../study/bookmarks.js';
import { rateCard, showCardAnswer } from '../study/review-flow.js';
import { answerDailyItem, answerQuizChoice, answerRound, openAnswerForm, showNextItem, submitTypedAnswer } from './quiz.js';
import { renderNotice } from '../render/notice.js';
import { respond } from '../send.js';
import { turnDocumentsPage } from './documents-page.js';
import { recordFeedback } from './feedback.js';
import { showMoreLikeThis } from './more-like-this.js';
import { showMorePassages } from './more-passages.js';
import { askHelpers } from './still-need-help.js';
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
    case 'like':
      return showMoreLikeThis(interaction, context, action.conversationId);
    case 'feedback':
      return recordFeedback(interaction, context, action.conversationId, action.vote);
    case 'help':
      return askHelpers(interaction, context, action.conversationId);
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
    case 'quiz-choice':
      return answerQuizChoice(interaction, context, action.sessionId, action.position, action.choice);
    case 'quiz-type':
      return openAnswerForm(interaction, context, action.sessionId, action.position);
    case 'quiz-next':
      return showNextItem(interaction, context, action.sessionId, action.position);
    case 'round-choice':
      return answerRound(interaction, context, action.roundId, action.item, action.choice);
    case 'daily-choice':
      return answerDailyItem(interaction, context, action.seed, action.docId, action.paragraph, action.choice);
    case 'review-show':
      return showCardAnswer(interaction, context, action.cardId, action.due);
    case 'review-rate':
      return rateCard(interaction, context, action.cardId, action.due, action.rating);
    case 'read':
      return turnReadingPage(interaction, context, action.docId, action.paragraph);
    case 'save-passage':
    case 'save-answer':
      return openSaveForm(interaction, context, action);
    case 'bookmark-open':
      return openBookmark(interaction, context, action.id);
    case 'bookmark-delete':
      return deleteBookmark(interaction, context, action.id, action.offset);
    case 'bookmark-review':
      return reviewBookmark(interaction, context, action.id);
    case 'bookmarks-page':
      return turnBookmarksPage(interaction, context, action.offset);
  }
}

/** Routes a submitted form (modal) to its handler. */
export async function handleModal(interaction: ModalSubmitInteraction, context: BotContext): Promise<void> {
  const action = parseModalId(interaction.customId);
  if (!action) {
    await respond(interaction, renderNotice('This form no longer works — please start again.'), { ephemeral: true });
    return;
  }
  if (action.kind === 'quiz-answer') return submitTypedAnswer(interaction, context, action.sessionId, action.position);
  return saveBookmark(interaction, context, action);
}
