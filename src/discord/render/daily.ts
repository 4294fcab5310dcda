// The passage of the day (verbatim paragraph, cited, Save and Read on), its discussion item, the
// /daily confirmations, and the review reminder DM.
import { EmbedBuilder } from 'discord.js';
import type { DailyPassage, QuizItem } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows } from './buttons.js';
import { formatCitationLine } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { choiceButtons, promptText } from './quiz.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

export function renderDailyPassage(passage: DailyPassage, day: string): MessageView {
  const paragraph = passage.view.paragraphs.find((p) => p.index === passage.citation.paragraph) ?? passage.view.paragraphs[0];
  const text = fitRendered((budget) => escapeDiscordText(truncateText(paragraph?.text ?? '', budget)), botLimits.readingPageChars);
  const title = fitRendered((budget) => escapeDiscordText(truncateText(passage.citation.title, budget)), 200);
  const embed = new EmbedBuilder()
    .setColor(colours.answer)
    .setTitle(truncateText(`Passage of the day · ${day}`, discordLimits.embedTitleChars))
    .setDescription(`**${title}**\n\n${text}`)
    .addFields({ name: 'Source', value: formatCitationLine(passage.citation, discordLimits.embedFieldValueChars) })
    .setFooter({ text: 'Quoted verbatim from the documents · discuss it in the thread below' });
  const c = passage.citation;
  const components = buttonRows([
    [
      { action: { kind: 'save-passage', paragraph: c.paragraph, docId: c.docId }, label: 'Save', emoji: '🔖' },
      { action: { kind: 'read', paragraph: c.paragraph, docId: c.docId }, label: 'Read on', emoji: '📖' },
    ],
  ]);
  return { embeds: [embed.toJSON()], components };
}

/** The discussion thread's opening item; `seed` lets a click regenerate it, even after a restart. */
export function renderDailyItem(item: QuizItem, seed: number): MessageView {
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle('Check your reading')
    .setDescription(`${promptText(item)}\n\nWhich fills the blank? Your answer is shown only to you.`);
  const c = item.citation;
  return { embeds: [embed.toJSON()], components: buttonRows([choiceButtons(item, (choice) => ({ kind: 'daily-choice', seed, paragraph: c.paragraph, choice, docId: c.docId }))]) };
}

export function renderDailyDiscussionPrompt(): MessageView {
  return { content: 'What stood out to you in today’s passage? Share a thought or a question.', embeds: [], components: [] };
}

export function renderReminder(due: number, where: string): MessageView {
  const cards = `${due} review card${due === 1 ? ' is' : 's are'}`;
  return { content: truncateText(`📚 ${cards} due ${where}. Run **/review** there to go through them (\`/review reminders:off\` stops these messages).`, discordLimits.messageContentChars), embeds: [], components: [] };
}
