// Review cards: the front (a sentence with its blank, or the passage to recall), the back with the
// Again / Hard / Good / Easy buttons and when each would bring the card back, and the status line.
import { EmbedBuilder } from 'discord.js';
import { REVIEW_RATINGS, type ReviewRating } from '../../core/study/review.js';
import type { ReviewCard } from '../../state/index.js';
import type { CardContent } from '../study/stored-items.js';
import { discordLimits } from '../limits.js';
import { buttonRows, type ButtonSpec } from './buttons.js';
import { formatCitationLine } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { promptText, revealedText } from './quiz.js';
import { truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

export interface ReviewStatus {
  due: number;
  total: number;
  reminders: boolean;
}

const ratingLabels: Record<ReviewRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
const excerptChars = 1500;

export function statusLine(status: ReviewStatus): string {
  const due = status.due === 0 ? 'No cards due' : `${status.due} card${status.due === 1 ? '' : 's'} due`;
  return `${due} · ${status.total} in total · daily reminder DM ${status.reminders ? 'on' : 'off'}`;
}

/** "in 10 min", "in 3 d": how long until `at`. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h`;
  const days = Math.round(hours / 24);
  return days < 60 ? `${days} d` : `${Math.round(days / 30)} mo`;
}

function front(content: CardContent): string {
  if (content.item) return `${promptText(content.item)}\n\nWhat fills the blank? Think of it, then show the answer.`;
  return `Recall what **${escapeDiscordText(truncateText(content.title, 200))}** says in ¶${content.citation.paragraph}, then show the answer.`;
}

function back(content: CardContent): string {
  if (content.item) return `> ${revealedText(content.item)}`;
  return `> ${escapeDiscordText(truncateText(content.excerpt ?? '', excerptChars))}`;
}

function cardEmbed(content: CardContent, description: string, status: ReviewStatus): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(colours.answer)
    .setTitle('Review')
    .setDescription(truncateText(description, discordLimits.embedDescriptionChars))
    .addFields({ name: 'Source', value: formatCitationLine(content.citation, discordLimits.embedFieldValueChars) })
    .setFooter({ text: statusLine(status) });
}

export function renderCardFront(card: ReviewCard, content: CardContent, status: ReviewStatus): MessageView {
  const embed = cardEmbed(content, front(content), status);
  return { embeds: [embed.toJSON()], components: buttonRows([[{ action: { kind: 'review-show', cardId: card.id, due: card.due }, label: 'Show answer', primary: true }]]) };
}

export function renderCardBack(card: ReviewCard, content: CardContent, status: ReviewStatus, nextDue: Record<ReviewRating, number>, now: number): MessageView {
  const description = `${front(content).split('\n\n')[0] ?? ''}\n\n${back(content)}\n\nHow well did you remember it?`;
  const buttons: ButtonSpec[] = REVIEW_RATINGS.map((rating) => ({
    action: { kind: 'review-rate', cardId: card.id, due: card.due, rating },
    label: `${ratingLabels[rating]} · ${formatInterval(nextDue[rating] - now)}`,
    primary: rating === 'good',
  }));
  return { embeds: [cardEmbed(content, description, status).toJSON()], components: buttonRows([buttons]) };
}

export function renderNoCardsDue(status: ReviewStatus, reviewedOne: boolean): MessageView {
  const lines = [
    reviewedOne ? 'Done — no more cards due for now.' : status.total === 0 ? 'You have no review cards yet.' : 'No cards are due right now.',
    '',
    'Cards come from quiz questions you miss (**/quiz**) and from bookmarks (**/bookmarks** → Review).',
    `Daily reminder DM: **${status.reminders ? 'on' : 'off'}** — change it with \`/review reminders:${status.reminders ? 'off' : 'on'}\`.`,
  ];
  const embed = new EmbedBuilder().setColor(colours.listing).setTitle('Review').setDescription(lines.join('\n')).setFooter({ text: statusLine(status) });
  return { embeds: [embed.toJSON()], components: [] };
}
