// A /read page: one paragraph of a document (headings shown with the paragraph they lead), with
// Previous / Next and Save.
import { EmbedBuilder } from 'discord.js';
import type { PassageView } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows } from './buttons.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

export function renderReadingPage(view: PassageView): MessageView {
  const document = view.document;
  const paragraph = view.paragraphs.find((p) => p.index === view.focus);
  const heading = paragraph?.heading ? `**${escapeDiscordText(truncateText(paragraph.heading, 200))}**\n\n` : '';
  const body = fitRendered((budget) => escapeDiscordText(truncateText(paragraph?.text ?? '', budget)), botLimits.readingPageChars - heading.length);
  const text = paragraph?.isHeading ? `**${body}**` : body;
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle(fitRendered((budget) => escapeDiscordText(truncateText(document.title || document.id, budget)), discordLimits.embedTitleChars))
    .setDescription(`${heading}${text}` || 'This paragraph is empty.')
    .setFooter({ text: truncateText(`¶${view.focus} of ${document.paragraphs} · ${document.id} · your place is remembered: /read continues here`, discordLimits.embedFooterChars) });
  const previous = Math.max(1, view.focus - 1);
  const next = Math.min(document.paragraphs, view.focus + 1);
  const components = buttonRows([
    [
      { action: { kind: 'read', paragraph: previous, docId: document.id }, label: 'Previous', emoji: '◀️', disabled: view.focus <= 1 },
      { action: { kind: 'read', paragraph: next, docId: document.id }, label: 'Next', emoji: '▶️', disabled: view.focus >= document.paragraphs, primary: true },
      { action: { kind: 'save-passage', paragraph: view.focus, docId: document.id }, label: 'Save', emoji: '🔖' },
    ],
  ]);
  return { embeds: [embed.toJSON()], components };
}
