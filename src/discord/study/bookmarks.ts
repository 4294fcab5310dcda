// Bookmarks: saving a passage or an answer (with an optional note from the Save form), listing them
// with whether each one's document changed since, opening, deleting, and making review cards.
import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { AnswerEngine } from '../../core/types.js';
import type { Bookmark, BookmarkKind, Scope } from '../../state/index.js';
import type { BotContext } from '../context.js';
import { encodeModalId, modalFields, type ModalAction } from '../custom-ids.js';
import { botLimits } from '../limits.js';
import { renderBookmarkList, renderOpenedBookmark, type BookmarkState } from '../render/bookmarks.js';
import { renderNotice } from '../render/notice.js';
import type { MessageView } from '../render/view.js';
import { respond, showModal, updateClickedMessage } from '../send.js';
import { addBookmarkCard } from './cards.js';
import { scopeFor } from './interaction-scope.js';

export const bookmarkGoneText = 'That bookmark is not one of yours, or it was deleted. /bookmarks lists yours.';
const answerExpiredText = 'This answer has expired, so it cannot be saved any more — ask again, or Save the passage from Show source.';

export function bookmarkState(engine: Pick<AnswerEngine, 'documents'>, bookmark: Bookmark): BookmarkState {
  const document = engine.documents().find((d) => d.id === bookmark.docId);
  if (!document) return 'gone';
  return bookmark.contentHash && document.contentHash && bookmark.contentHash !== document.contentHash ? 'changed' : 'current';
}

export async function bookmarkListView(context: BotContext, scope: Scope, userId: string, offset: number): Promise<MessageView> {
  const page = await context.state.bookmarks.list(scope, userId, { offset, limit: botLimits.bookmarksPerPage });
  return renderBookmarkList(page.bookmarks, page.bookmarks.map((b) => bookmarkState(context.engine, b)), offset, page.total);
}

/** Save: opens the form for an optional note (the whole answer to the click, as Discord requires). */
export async function openSaveForm(interaction: ButtonInteraction, context: BotContext, action: ModalAction): Promise<void> {
  if (action.kind === 'save-answer' && !context.answers.get(action.conversationId)) {
    await respond(interaction, renderNotice(answerExpiredText), { ephemeral: true });
    return;
  }
  const customId = encodeModalId(action);
  if (!customId) return respond(interaction, renderNotice('This passage cannot be saved (its document name is too long for a button).'), { ephemeral: true });
  const note = new TextInputBuilder()
    .setCustomId(modalFields.note)
    .setLabel('Note (optional)')
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(false)
    .setMaxLength(botLimits.bookmarkNoteChars);
  const modal = new ModalBuilder().setCustomId(customId).setTitle('Save to your bookmarks').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(note));
  await showModal(interaction, modal.toJSON());
}

interface Target {
  kind: BookmarkKind;
  docId: string;
  paragraph: number;
  excerpt: string;
}

function resolveTarget(context: BotContext, action: ModalAction, messageHasReading: boolean): Target | undefined {
  if (action.kind === 'save-answer') {
    const answer = context.answers.get(action.conversationId)?.answer;
    const excerpt = answer && (answer.answered ? answer.excerpts[0] : answer.related[0]);
    return excerpt ? { kind: 'answer', docId: excerpt.citation.docId, paragraph: excerpt.citation.paragraph, excerpt: excerpt.text } : undefined;
  }
  if (action.kind !== 'save-passage') return undefined;
  const view = context.engine.passage(action.docId, action.paragraph, 0);
  const paragraph = view?.paragraphs.find((p) => p.index === action.paragraph);
  return paragraph ? { kind: messageHasReading ? 'reading' : 'passage', docId: action.docId, paragraph: action.paragraph, excerpt: paragraph.text } : undefined;
}

export async function saveBookmark(interaction: ModalSubmitInteraction, context: BotContext, action: ModalAction): Promise<void> {
  const reading = interaction.message?.embeds[0]?.footer?.text?.includes('/read continues here') ?? false;
  const target = resolveTarget(context, action, reading);
  if (!target) {
    await respond(interaction, renderNotice(action.kind === 'save-answer' ? answerExpiredText : 'That passage is no longer in the documents, so it cannot be saved.'), { ephemeral: true });
    return;
  }
  const document = context.engine.documents().find((d) => d.id === target.docId);
  const note = interaction.fields.getTextInputValue(modalFields.note).trim().slice(0, botLimits.bookmarkNoteChars);
  const saved = await context.state.bookmarks.add(
    scopeFor(interaction),
    { userId: interaction.user.id, ...target, title: document?.title ?? target.docId, ...(document?.contentHash ? { contentHash: document.contentHash } : {}), ...(note ? { note } : {}) },
    context.now(),
  );
  await respond(interaction, renderNotice(`🔖 Saved “${saved.title.slice(0, 150)}” ¶${saved.paragraph}${note ? ' with your note' : ''}. **/bookmarks** lists your bookmarks.`), { ephemeral: true });
}

async function own(interaction: ButtonInteraction, context: BotContext, id: number): Promise<Bookmark | undefined> {
  const bookmark = await context.state.bookmarks.get(scopeFor(interaction), interaction.user.id, id);
  if (!bookmark) await respond(interaction, renderNotice(bookmarkGoneText), { ephemeral: true });
  return bookmark;
}

export async function openBookmark(interaction: ButtonInteraction, context: BotContext, id: number): Promise<void> {
  const bookmark = await own(interaction, context, id);
  if (!bookmark) return;
  const state = bookmarkState(context.engine, bookmark);
  const current = context.engine.passage(bookmark.docId, bookmark.paragraph, 0)?.paragraphs.find((p) => p.index === bookmark.paragraph)?.text;
  await respond(interaction, renderOpenedBookmark(bookmark, state, current), { ephemeral: true });
}

export async function deleteBookmark(interaction: ButtonInteraction, context: BotContext, id: number, offset: number): Promise<void> {
  const scope = scopeFor(interaction);
  if (!(await context.state.bookmarks.remove(scope, interaction.user.id, id))) {
    await respond(interaction, renderNotice(bookmarkGoneText), { ephemeral: true });
    return;
  }
  const total = (await context.state.bookmarks.list(scope, interaction.user.id, { offset: 0, limit: 1 })).total;
  const page = offset >= total ? Math.max(0, offset - botLimits.bookmarksPerPage) : offset;
  await updateClickedMessage(interaction, await bookmarkListView(context, scope, interaction.user.id, page));
}

export async function reviewBookmark(interaction: ButtonInteraction, context: BotContext, id: number): Promise<void> {
  const bookmark = await own(interaction, context, id);
  if (!bookmark) return;
  const created = await addBookmarkCard(context, scopeFor(interaction), interaction.user.id, bookmark);
  const text = created ? `Added “${bookmark.title.slice(0, 150)}” ¶${bookmark.paragraph} to your review cards: **/review** shows it now and again when it is due.` : 'That passage is already one of your review cards.';
  await respond(interaction, renderNotice(text), { ephemeral: true });
}

export async function turnBookmarksPage(interaction: ButtonInteraction, context: BotContext, offset: number): Promise<void> {
  await updateClickedMessage(interaction, await bookmarkListView(context, scopeFor(interaction), interaction.user.id, offset));
}
