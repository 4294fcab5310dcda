// "Show source [n]" (an ephemeral passage view) and the ◀/▶ buttons inside a passage view.
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { botLimits } from '../limits.js';
import { renderNotice } from '../render/notice.js';
import { renderPassage } from '../render/passage.js';
import { respond, updateClickedMessage } from '../send.js';
import { answerExpired } from './expired.js';

const goneText = 'That passage is no longer in the index (the documents changed). Ask again to get current sources.';

export async function openCitedPassage(interaction: ButtonInteraction, context: BotContext, docId: string, paragraph: number): Promise<void> {
  const view = context.engine.passage(docId, paragraph, botLimits.passageContextParagraphs);
  await respond(interaction, view ? renderPassage(view) : renderNotice(goneText), { ephemeral: true });
}

/** For citations whose document id was too long to travel in the button. */
export async function openCitedPassageByNumber(interaction: ButtonInteraction, context: BotContext, conversationId: string, n: number): Promise<void> {
  const conversation = context.answers.get(conversationId);
  const { answer } = conversation ?? {};
  const excerpt = answer && [...answer.excerpts, ...answer.related].find((candidate) => candidate.citation.n === n);
  if (!excerpt) return answerExpired(interaction);
  return openCitedPassage(interaction, context, excerpt.citation.docId, excerpt.citation.paragraph);
}

export async function movePassage(interaction: ButtonInteraction, context: BotContext, docId: string, paragraph: number): Promise<void> {
  const view = context.engine.passage(docId, paragraph, botLimits.passageContextParagraphs);
  if (!view) return respond(interaction, renderNotice(goneText), { ephemeral: true });
  await updateClickedMessage(interaction, renderPassage(view));
}
