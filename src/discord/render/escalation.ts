// "Still need help?": the post that asks the helper role (the one mention the bot ever makes), and
// the presser's private confirmation.
import { EmbedBuilder } from 'discord.js';
import type { Answer } from '../../core/types.js';
import { discordLimits } from '../limits.js';
import { formatCitationLine } from './citation.js';
import { formatEchoedText } from './question.js';
import { colours, type MessageView } from './view.js';

const QUESTION_CHARS = 1000;
const FOUND_CITATIONS = 3;

const outcomeText: Record<Answer['status'], string> = {
  answered: 'The documents answered it, but the answer did not settle it:',
  related: 'The documents had related passages only:',
  'not-found': 'The documents do not cover it.',
};

export function renderEscalation(roleId: string, userId: string, question: string, answer: Answer): MessageView {
  const shown = answer.status === 'answered' ? answer.excerpts : answer.related;
  const citations = shown.slice(0, FOUND_CITATIONS).map((e) => formatCitationLine(e.citation, Math.floor(discordLimits.embedFieldValueChars / FOUND_CITATIONS) - 1));
  const embed = new EmbedBuilder()
    .setColor(colours.admin)
    .setTitle('Still need help')
    .setDescription(`> ${formatEchoedText(question, QUESTION_CHARS)}`)
    .addFields({ name: 'What the bot found', value: [outcomeText[answer.status], ...citations].join('\n') })
    .setFooter({ text: 'Reply here to help. Operators can mark it resolved on the dashboard.' });
  // The asker is named (<@id> renders their name) but not pinged: only the role is allowed.
  return { content: `<@&${roleId}> — <@${userId}> still needs help with this question:`, embeds: [embed.toJSON()], components: [] };
}

export const escalatedText = 'I asked the helpers in this channel — someone will reply there.';
export const alreadyEscalatedText = 'This question has already been passed to the helpers.';
export const noHelpersText = 'No helper role is set up on this server (HELPER_ROLE_ID).';
export const cannotPostText = "I couldn't post in this channel to ask the helpers (missing permission?).";
