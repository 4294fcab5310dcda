// Answer → message: the cited excerpts (answering sentences in bold, footnote markers), a Sources
// list and the buttons. Within every Discord limit for any Answer, however large.
import { EmbedBuilder } from 'discord.js';
import type { Answer, Citation, Excerpt } from '../../core/types.js';
import { encodeCustomId } from '../custom-ids.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows, type ButtonSpec } from './buttons.js';
import { formatCitationLine } from './citation.js';
import { formatQuote } from './excerpt.js';
import { formatEchoedText } from './question.js';
import { searchedLine } from './scope.js';
import { colours, type MessageView } from './view.js';

export const notFoundText = "I couldn't find that in the documents.";
/** Related passages only: under "not found", so the reader does not take them for the answer. */
const relatedHeading = '**Possibly related:**';
export const noMorePassagesText = 'No more passages for this question.';
export const answeredText = 'Here is what the documents say:';
const morePassagesText = (from: number, to: number) => `More passages from the documents (${from}–${to}):`;
const paragraphSeparator = '\n\n';
const maxSourceButtons = 5;

function uniqueExcerpts(excerpts: readonly Excerpt[]): Excerpt[] {
  const byNumber = new Map<number, Excerpt>();
  for (const excerpt of excerpts) if (!byNumber.has(excerpt.citation.n)) byNumber.set(excerpt.citation.n, excerpt);
  return [...byNumber.values()].slice(0, botLimits.sourcesListed);
}

function describe(header: string, excerpts: readonly Excerpt[], excerptCapChars: number): string {
  const separators = paragraphSeparator.length * excerpts.length;
  const available = discordLimits.embedDescriptionChars - header.length - separators;
  const perExcerpt = Math.min(excerptCapChars, Math.floor(available / Math.max(1, excerpts.length)));
  const quotes = excerpts.map((excerpt) => formatQuote(excerpt, perExcerpt, ` [${excerpt.citation.n}]`));
  return [header, ...quotes].filter(Boolean).join(paragraphSeparator);
}

function sourcesValue(citations: readonly Citation[]): string {
  const perLine = Math.floor((discordLimits.embedFieldValueChars - (citations.length - 1)) / citations.length);
  return citations.map((citation) => formatCitationLine(citation, perLine)).join('\n');
}

function footerText(answer: Answer): string {
  const shown = answer.excerpts.length;
  const range = shown > 0 ? `Passages ${answer.offset + 1}–${answer.offset + shown}` : 'No matching passage';
  const line = `${range} · quoted verbatim from the documents · ${Math.round(answer.timings.totalMs)} ms`;
  const searched = searchedLine(answer.scope);
  return searched ? `${searched}\n${line}` : line;
}

/** Optional buttons: 👍/👎 (off when votes are not kept: INSIGHTS=off), "Still need help?" (HELPER_ROLE_ID, in servers). */
export interface AnswerButtonOptions {
  votes?: boolean;
  stillNeedHelp?: boolean;
}

export const stillNeedHelpLabel = 'Still need help?';
export const moreLikeThisLabel = 'More like this';
export const followingUpText = (earlier: string) => `*Following up on:* ${earlier}`;

/** One short line naming the earlier question a follow-up was answered against (empty otherwise). */
function followingUpLine(answer: Answer): string {
  return answer.contextQuestion ? followingUpText(formatEchoedText(answer.contextQuestion, botLimits.followingUpChars)) : '';
}

function answerButtons(answer: Answer, conversationId: string, cited: readonly Excerpt[], options: AnswerButtonOptions): MessageView['components'] {
  const main: ButtonSpec[] = [{ action: { kind: 'more', conversationId }, label: 'More passages', disabled: !answer.hasMore }];
  if (options.votes ?? true) {
    main.push(
      { action: { kind: 'feedback', conversationId, vote: 'up' }, label: 'Helpful', emoji: '👍' },
      { action: { kind: 'feedback', conversationId, vote: 'down' }, label: 'Not helpful', emoji: '👎' },
    );
  }
  if (cited.length > 0) main.push({ action: { kind: 'save-answer', conversationId }, label: 'Save', emoji: '🔖' });
  // The fifth and last button of the row (buttons.ts packs five to a row).
  if (answer.answered && cited.length > 0) main.push({ action: { kind: 'like', conversationId }, label: moreLikeThisLabel, emoji: '🔎' });
  const sources: ButtonSpec[] = cited.slice(0, maxSourceButtons).map((excerpt) => {
    const citation = excerpt.citation;
    const direct = { kind: 'cite', n: citation.n, paragraph: citation.paragraph, docId: citation.docId } as const;
    const action = encodeCustomId(direct) ? direct : ({ kind: 'cite-ref', conversationId, n: citation.n } as const);
    return { action, label: `Show source [${citation.n}]` };
  });
  // A row of its own: the main row stays free for more answer actions.
  const help: ButtonSpec[] = options.stillNeedHelp ? [{ action: { kind: 'help', conversationId }, label: stillNeedHelpLabel, emoji: '🙋' }] : [];
  return buttonRows([main, sources, help]);
}

/** The line above the excerpts: what they are (an answer, a further page, related passages only), or a plain "not found". */
function headerText(answer: Answer, shownExcerpts: number): string {
  if (!answer.answered) return shownExcerpts > 0 ? `${notFoundText}${paragraphSeparator}${relatedHeading}` : notFoundText;
  if (shownExcerpts === 0) return noMorePassagesText;
  return answer.offset > 0 ? morePassagesText(answer.offset + 1, answer.offset + shownExcerpts) : answeredText;
}

/** The reply to a question. `conversationId` keys the server-side state its buttons use. */
export function renderAnswer(answer: Answer, conversationId: string, options: AnswerButtonOptions = {}): MessageView {
  const excerpts = (answer.answered ? answer.excerpts : answer.related).slice(0, botLimits.answerExcerptsShown);
  const header = [followingUpLine(answer), headerText(answer, excerpts.length)].filter(Boolean).join(paragraphSeparator);
  const cap = answer.answered ? botLimits.answerExcerptChars : botLimits.relatedExcerptChars;
  const cited = uniqueExcerpts(excerpts);
  const citations = cited.map((excerpt) => excerpt.citation);
  // The embed as the API's data, for the reason buildButton gives (the setters re-validate every
  // value); each text is cut to its limit above, and render-limits.test.ts checks the sum.
  const embed = new EmbedBuilder({
    color: answer.answered ? colours.answer : colours.notFound,
    title: formatEchoedText(answer.question, discordLimits.embedTitleChars) || 'Your question',
    description: describe(header, excerpts, cap),
    footer: { text: footerText(answer) },
    ...(citations.length > 0 ? { fields: [{ name: answer.answered ? 'Sources' : 'Possibly related sources', value: sourcesValue(citations) }] } : {}),
  });
  return { embeds: [embed.toJSON()], components: answerButtons(answer, conversationId, cited, options) };
}
