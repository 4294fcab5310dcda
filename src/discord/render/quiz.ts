// Quiz items → messages: the sentence with its blank, choice buttons (or the Answer button that
// opens the typing form), and after an answer: right or wrong, the full sentence, its citation,
// Show source and Save. Group rounds and the daily discussion item share the same pieces.
import { EmbedBuilder } from 'discord.js';
import type { QuizItem } from '../../core/types.js';
import type { ComponentAction } from '../custom-ids.js';
import { discordLimits } from '../limits.js';
import { buttonRows, type ButtonSpec } from './buttons.js';
import { formatCitationLine } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

export const BLANK = '**▁▁▁▁▁**';
const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const sentenceChars = 1800;

export const typeLabels: Record<QuizItem['type'], string> = { number: 'a number', date: 'a date', name: 'a name', term: 'a word' };

/** The sentence with its blank (escaped, within budget around the blank). */
export function promptText(item: QuizItem): string {
  const before = item.sentence.slice(0, item.blank.start);
  const after = item.sentence.slice(item.blank.end);
  const room = Math.max(40, Math.floor((sentenceChars - BLANK.length) / 2));
  const cutBefore = before.length > room ? `…${before.slice(before.length - room)}` : before;
  const cutAfter = after.length > room ? `${after.slice(0, room)}…` : after;
  return `${escapeDiscordText(cutBefore)}${BLANK}${escapeDiscordText(cutAfter)}`;
}

/** The whole sentence, the answer in bold. */
export function revealedText(item: QuizItem): string {
  const before = escapeDiscordText(item.sentence.slice(0, item.blank.start));
  const answer = escapeDiscordText(item.answer);
  const after = escapeDiscordText(item.sentence.slice(item.blank.end));
  return truncateText(`${before}**${answer}**${after}`, sentenceChars + 40);
}

export function choiceLabel(choice: string, index: number): string {
  return truncateText(`${LETTERS[index] ?? index + 1}. ${choice.replace(/\s+/g, ' ')}`, discordLimits.buttonLabelChars);
}

export function choiceButtons(item: QuizItem, action: (choice: number) => ComponentAction): ButtonSpec[] {
  return (item.choices ?? []).map((choice, i) => ({ action: action(i), label: choiceLabel(choice, i) }));
}

export function sourceButtons(item: QuizItem): ButtonSpec[] {
  const c = item.citation;
  return [
    { action: { kind: 'cite', n: 1, paragraph: c.paragraph, docId: c.docId }, label: 'Show source', emoji: '📄' },
    { action: { kind: 'save-passage', paragraph: c.paragraph, docId: c.docId }, label: 'Save', emoji: '🔖' },
  ];
}

function questionEmbed(item: QuizItem, title: string, footer: string): EmbedBuilder {
  const ask = item.kind === 'choice' ? 'Which fills the blank?' : `Type the missing ${typeLabels[item.type].replace(/^an? /, '')}.`;
  return new EmbedBuilder()
    .setColor(colours.answer)
    .setTitle(title)
    .setDescription(`${promptText(item)}\n\n${ask}`)
    .setFooter({ text: truncateText(footer, discordLimits.embedFooterChars) });
}

export interface SoloPosition {
  sessionId: string;
  position: number;
  total: number;
}

/** One item of a solo quiz, waiting for its answer. */
export function renderQuizItem(item: QuizItem, at: SoloPosition): MessageView {
  const title = `Quiz · question ${at.position + 1} of ${at.total}`;
  const footer = `From “${item.citation.title}” · ${item.kind === 'choice' ? 'pick an answer' : 'press Answer to type it'} · blanks are cut from the documents verbatim`;
  const buttons: ButtonSpec[] =
    item.kind === 'choice'
      ? choiceButtons(item, (choice) => ({ kind: 'quiz-choice', sessionId: at.sessionId, position: at.position, choice }))
      : [
          { action: { kind: 'quiz-type', sessionId: at.sessionId, position: at.position }, label: 'Answer', emoji: '✏️', primary: true },
          { action: { kind: 'quiz-choice', sessionId: at.sessionId, position: at.position, choice: 99 }, label: 'Show the answer' },
        ];
  return { embeds: [questionEmbed(item, title, footer).toJSON()], components: buttonRows([buttons]) };
}

export interface Outcome {
  correct: boolean;
  /** What the user typed or picked. */
  given?: string;
  /** Accepted despite a typo or other formatting. */
  close?: boolean;
  /** The missed item became a review card. */
  addedToReview?: boolean;
}

function verdict(item: QuizItem, outcome: Outcome): string {
  if (outcome.correct) return outcome.close ? `✅ Right — the documents say **${escapeDiscordText(item.answer)}**.` : '✅ Right!';
  const given = outcome.given ? ` (you answered “${escapeDiscordText(truncateText(outcome.given, 100))}”)` : '';
  return `❌ Not quite${given} — it is **${escapeDiscordText(item.answer)}**.`;
}

/** The answer to one item: verdict, full sentence, citation. */
export function outcomeEmbed(item: QuizItem, outcome: Outcome, title: string, footer?: string): EmbedBuilder {
  const lines = [verdict(item, outcome), '', `> ${revealedText(item)}`];
  if (outcome.addedToReview) lines.push('', 'Added to your review cards: **/review** brings it back when it is due.');
  const embed = new EmbedBuilder()
    .setColor(outcome.correct ? colours.answer : colours.notFound)
    .setTitle(title)
    .setDescription(lines.join('\n'))
    .addFields({ name: 'Source', value: formatCitationLine(item.citation, discordLimits.embedFieldValueChars) });
  if (footer) embed.setFooter({ text: truncateText(footer, discordLimits.embedFooterChars) });
  return embed;
}

export interface QuizProgress extends SoloPosition {
  correct: number;
}

/** A solo item answered: the outcome, then Next (or the final score). */
export function renderQuizOutcome(item: QuizItem, outcome: Outcome, progress: QuizProgress): MessageView {
  const last = progress.position + 1 >= progress.total;
  const title = `Quiz · question ${progress.position + 1} of ${progress.total}`;
  const footer = last ? `Finished: ${progress.correct} of ${progress.total} right.` : `${progress.correct} of ${progress.position + 1} right so far.`;
  const next: ButtonSpec[] = last ? [] : [{ action: { kind: 'quiz-next', sessionId: progress.sessionId, position: progress.position + 1 }, label: 'Next question', emoji: '➡️', primary: true }];
  return { embeds: [outcomeEmbed(item, outcome, title, footer).toJSON()], components: buttonRows([[...next, ...sourceButtons(item)]]) };
}

export interface RoundPosition {
  roundId: string;
  item: number;
  total: number;
  closesAt: number;
}

/** A group round's item: everyone may answer until the timer ends. */
export function renderRoundItem(item: QuizItem, at: RoundPosition): MessageView {
  const closes = Math.floor(at.closesAt / 1000);
  const embed = questionEmbed(item, `Group round · question ${at.item + 1} of ${at.total}`, `From “${item.citation.title}” · one answer each · the first correct answers score 3, 2 and 1 points`);
  embed.setDescription(`${embed.data.description ?? ''}\n\nCloses <t:${closes}:R>.`);
  return { embeds: [embed.toJSON()], components: buttonRows([choiceButtons(item, (choice) => ({ kind: 'round-choice', roundId: at.roundId, item: at.item, choice }))]) };
}

export interface RoundScore {
  userId: string;
  points: number;
}

/** The item closed: the answer and who scored. */
export function renderRoundReveal(item: QuizItem, at: Omit<RoundPosition, 'closesAt'>, scorers: readonly RoundScore[], answered: number): MessageView {
  const who = scorers.length > 0 ? scorers.map((s) => `<@${s.userId}> +${s.points}`).join(' · ') : 'Nobody got it this time.';
  const embed = outcomeEmbed(item, { correct: scorers.length > 0 }, `Group round · question ${at.item + 1} of ${at.total}`, `${answered} answered`);
  embed.setDescription(`The answer: **${escapeDiscordText(item.answer)}** — ${who}\n\n> ${revealedText(item)}`);
  return { embeds: [embed.toJSON()], components: buttonRows([sourceButtons(item)]) };
}

export function renderRoundSummary(standings: readonly RoundScore[], total: number): MessageView {
  const lines = standings.length > 0 ? standings.map((s, i) => `**${i + 1}.** <@${s.userId}> — ${s.points} point${s.points === 1 ? '' : 's'}`) : ['No points this round.'];
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle(`Group round finished · ${total} question${total === 1 ? '' : 's'}`)
    .setDescription(truncateText(`${lines.join('\n')}\n\n**/leaderboard** shows the server’s standings.`, discordLimits.embedDescriptionChars));
  return { embeds: [embed.toJSON()], components: [] };
}
