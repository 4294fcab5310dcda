// The /review loop: the status, the next due card (front), its back with the rating buttons, and
// rating it (FSRS) — one card after another in the same ephemeral message.
import type { ButtonInteraction } from 'discord.js';
import { parseSchedule, previewRatings, reviewCard, type ReviewRating } from '../../core/study/review.js';
import type { Json, ReviewCard, Scope } from '../../state/index.js';
import type { BotContext } from '../context.js';
import { renderNotice } from '../render/notice.js';
import { renderCardBack, renderCardFront, renderNoCardsDue, type ReviewStatus } from '../render/review.js';
import type { MessageView } from '../render/view.js';
import { respond, updateClickedMessage } from '../send.js';
import { scopeFor } from './interaction-scope.js';
import { parseCardContent } from './stored-items.js';

export const cardGoneText = 'This card is not one of yours, or it no longer exists. Run /review to see your cards.';
export const cardDoneText = 'That card has been reviewed already. Run /review for the next one.';

export async function reviewStatus(context: BotContext, scope: Scope, userId: string): Promise<ReviewStatus> {
  const now = context.now();
  const [due, total, reminder] = await Promise.all([context.state.reviews.dueCount(scope, userId, now), context.state.reviews.totalCount(scope, userId), context.state.reviews.reminder(scope, userId)]);
  return { due, total, reminders: reminder.enabled };
}

/** The next due card's front, or the "nothing due" view. Damaged cards are skipped (and removed). */
export async function nextCardView(context: BotContext, scope: Scope, userId: string, reviewedOne = false): Promise<MessageView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const status = await reviewStatus(context, scope, userId);
    const [card] = await context.state.reviews.dueCards(scope, userId, context.now(), 1);
    if (!card) return renderNoCardsDue(status, reviewedOne);
    const content = parseCardContent(card.content);
    if (content && parseSchedule(card.schedule)) return renderCardFront(card, content, status);
    await context.state.reviews.deleteCard(scope, userId, card.id);
  }
  return renderNotice('Your review cards could not be read; run /review again.');
}

async function ownCard(interaction: ButtonInteraction, context: BotContext, cardId: number, due: number): Promise<ReviewCard | undefined> {
  const card = await context.state.reviews.card(scopeFor(interaction), interaction.user.id, cardId);
  if (!card) {
    await respond(interaction, renderNotice(cardGoneText), { ephemeral: true });
    return undefined;
  }
  if (card.due !== due) {
    await respond(interaction, renderNotice(cardDoneText), { ephemeral: true });
    return undefined;
  }
  return card;
}

export async function showCardAnswer(interaction: ButtonInteraction, context: BotContext, cardId: number, due: number): Promise<void> {
  const card = await ownCard(interaction, context, cardId, due);
  if (!card) return;
  const content = parseCardContent(card.content);
  const schedule = parseSchedule(card.schedule);
  if (!content || !schedule) return respond(interaction, renderNotice(cardGoneText), { ephemeral: true });
  const now = context.now();
  const status = await reviewStatus(context, scopeFor(interaction), interaction.user.id);
  await updateClickedMessage(interaction, renderCardBack(card, content, status, previewRatings(schedule, now), now));
}

export async function rateCard(interaction: ButtonInteraction, context: BotContext, cardId: number, due: number, rating: ReviewRating): Promise<void> {
  const card = await ownCard(interaction, context, cardId, due);
  if (!card) return;
  const schedule = parseSchedule(card.schedule);
  if (!schedule) return respond(interaction, renderNotice(cardGoneText), { ephemeral: true });
  const now = context.now();
  const next = reviewCard(schedule, rating, now);
  const scope = scopeFor(interaction);
  const stored = await context.state.reviews.reschedule(scope, interaction.user.id, cardId, { expectedDue: card.due, schedule: next as unknown as Json, due: next.due, rating, at: now });
  if (!stored) return respond(interaction, renderNotice(cardDoneText), { ephemeral: true });
  await updateClickedMessage(interaction, await nextCardView(context, scope, interaction.user.id, true));
}
