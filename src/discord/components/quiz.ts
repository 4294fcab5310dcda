// Quiz buttons and the typed-answer form: a solo quiz's choices, Answer (opens the form), Next; a
// group round's choices; the daily discussion item. A click on someone else's quiz, on an item
// already answered, or on a quiz or round that has ended gets a clear ephemeral line.
import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import { judgeAnswer } from '../../core/study/answer-check.js';
import type { QuizItem } from '../../core/types.js';
import type { BotContext } from '../context.js';
import { encodeModalId, modalFields } from '../custom-ids.js';
import { botLimits } from '../limits.js';
import { renderNotice } from '../render/notice.js';
import { outcomeEmbed, renderQuizItem, renderQuizOutcome, sourceButtons, type Outcome } from '../render/quiz.js';
import { buttonRows } from '../render/buttons.js';
import { respond, showModal, updateClickedMessage, updateFromModal } from '../send.js';
import { addItemCard } from '../study/cards.js';
import { scopeFor } from '../study/interaction-scope.js';
import { parseSessionItems } from '../study/stored-items.js';
import type { QuizSession } from '../../state/index.js';

export const quizExpiredText = 'This quiz has ended (quizzes last a day). Run /quiz for a new one.';
export const alreadyAnsweredText = 'That question has been answered already.';
const GIVE_UP = 99;

type Interaction = ButtonInteraction | ModalSubmitInteraction;

interface Loaded {
  session: QuizSession;
  items: QuizItem[];
  item: QuizItem;
}

/** The session and item behind a click, or the reason to refuse it (already sent to the user). */
async function load(interaction: Interaction, context: BotContext, sessionId: string, position: number, atCurrent = true): Promise<Loaded | undefined> {
  const session = await context.state.quiz.session(scopeFor(interaction), sessionId, context.now());
  const items = session ? parseSessionItems(session.payload) : undefined;
  if (!session || !items) {
    await respond(interaction, renderNotice(quizExpiredText), { ephemeral: true });
    return undefined;
  }
  if (session.userId !== interaction.user.id) {
    await respond(interaction, renderNotice(`This quiz belongs to <@${session.userId}>. Run /quiz to get your own.`), { ephemeral: true });
    return undefined;
  }
  const item = items[position];
  if (!item || (atCurrent && session.position !== position)) {
    await respond(interaction, renderNotice(alreadyAnsweredText), { ephemeral: true });
    return undefined;
  }
  return { session, items, item };
}

/** Records the answer once (a second click on the same item is refused), a card for a miss. */
async function settle(interaction: Interaction, context: BotContext, loaded: Loaded, outcome: Outcome): Promise<ReturnType<typeof renderQuizOutcome> | undefined> {
  const scope = scopeFor(interaction);
  const { session, item } = loaded;
  if (!(await context.state.quiz.advanceSession(scope, session.id, session.position, outcome.correct))) {
    await respond(interaction, renderNotice(alreadyAnsweredText), { ephemeral: true });
    return undefined;
  }
  await context.state.quiz.recordAttempt(scope, { userId: interaction.user.id, itemKey: item.key, docId: item.citation.docId, correct: outcome.correct, points: outcome.correct ? 1 : 0, at: context.now() });
  const addedToReview = !outcome.correct && (await addItemCard(context, scope, interaction.user.id, item));
  const correct = session.correct + (outcome.correct ? 1 : 0);
  return renderQuizOutcome(item, { ...outcome, addedToReview }, { sessionId: session.id, position: session.position, total: loaded.items.length, correct });
}

export async function answerQuizChoice(interaction: ButtonInteraction, context: BotContext, sessionId: string, position: number, choice: number): Promise<void> {
  const loaded = await load(interaction, context, sessionId, position);
  if (!loaded) return;
  const { item } = loaded;
  const gaveUp = choice === GIVE_UP;
  const outcome: Outcome = { correct: !gaveUp && choice === item.answerIndex, ...(gaveUp ? {} : { given: item.choices?.[choice] }) };
  const view = await settle(interaction, context, loaded, outcome);
  if (view) await updateClickedMessage(interaction, view);
}

export async function openAnswerForm(interaction: ButtonInteraction, context: BotContext, sessionId: string, position: number): Promise<void> {
  const loaded = await load(interaction, context, sessionId, position);
  const customId = encodeModalId({ kind: 'quiz-answer', sessionId, position });
  if (!loaded || !customId) return;
  const input = new TextInputBuilder()
    .setCustomId(modalFields.answer)
    .setLabel('The missing words')
    .setStyle(TextInputStyle.Short)
    .setRequired(true)
    .setMaxLength(botLimits.quizAnswerChars);
  const modal = new ModalBuilder().setCustomId(customId).setTitle(`Question ${position + 1}`).addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
  await showModal(interaction, modal.toJSON());
}

export async function submitTypedAnswer(interaction: ModalSubmitInteraction, context: BotContext, sessionId: string, position: number): Promise<void> {
  const loaded = await load(interaction, context, sessionId, position);
  if (!loaded) return;
  const typed = interaction.fields.getTextInputValue(modalFields.answer);
  const judgement = judgeAnswer(loaded.item, typed);
  const view = await settle(interaction, context, loaded, { correct: judgement.correct, close: judgement.close, given: typed });
  if (view) await updateFromModal(interaction, view);
}

export async function showNextItem(interaction: ButtonInteraction, context: BotContext, sessionId: string, position: number): Promise<void> {
  const loaded = await load(interaction, context, sessionId, position);
  if (!loaded) return;
  await updateClickedMessage(interaction, renderQuizItem(loaded.item, { sessionId, position, total: loaded.items.length }));
}

export async function answerRound(interaction: ButtonInteraction, context: BotContext, roundId: string, item: number, choice: number): Promise<void> {
  const result = context.rounds.answer(roundId, item, interaction.user.id, choice);
  const text =
    result === 'accepted'
      ? 'Answer locked in — the result comes when the timer ends.'
      : result === 'already-answered'
        ? 'You have answered this question already; one answer each.'
        : result === 'closed'
          ? 'This question has closed — wait for the next one.'
          : 'This round has ended (rounds stop when the bot restarts). Start one with /quiz group:true.';
  await respond(interaction, renderNotice(text), { ephemeral: true });
}

export const passageChangedText = 'This question’s passage has changed since it was posted (the documents were updated).';

export async function answerDailyItem(interaction: ButtonInteraction, context: BotContext, seed: number, docId: string, paragraph: number, choice: number): Promise<void> {
  const [item] = await context.engine.passageQuiz(docId, paragraph, { count: 1, mode: 'choice', seed });
  if (!item || item.kind !== 'choice' || !item.choices?.[choice]) {
    await respond(interaction, renderNotice(passageChangedText), { ephemeral: true });
    return;
  }
  const correct = choice === item.answerIndex;
  const scope = scopeFor(interaction);
  // Recorded, but scoring nothing: the item stays open to everyone, so points here could be farmed.
  await context.state.quiz.recordAttempt(scope, { userId: interaction.user.id, itemKey: item.key, docId, correct, points: 0, at: context.now() });
  const addedToReview = !correct && (await addItemCard(context, scope, interaction.user.id, item));
  const embed = outcomeEmbed(item, { correct, given: item.choices[choice], addedToReview }, 'Passage of the day');
  await respond(interaction, { embeds: [embed.toJSON()], components: buttonRows([sourceButtons(item)]) }, { ephemeral: true });
}
