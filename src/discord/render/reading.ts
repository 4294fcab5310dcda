// A /read page: one reading turn of a document — a PDF's page (its paragraphs in order), or one
// paragraph of any other document (a heading shown with the paragraph it leads) — with Previous /
// Next and Save.
import { EmbedBuilder } from 'discord.js';
import type { Paragraph, PassageView } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows } from './buttons.js';
import { pagesLabel } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

const paragraphSeparator = '\n\n';

function paragraphText(paragraph: Paragraph, budget: number): string {
  const body = escapeDiscordText(truncateText(paragraph.text, budget));
  return paragraph.isHeading ? `**${body}**` : body;
}

/** The turn's paragraphs within the description limit, each given an equal share of what is left. */
function bodyOf(view: PassageView): string {
  const [first] = view.paragraphs;
  const heading = view.paragraphs.length === 1 && first?.heading && !first.isHeading ? `**${escapeDiscordText(truncateText(first.heading, 200))}**${paragraphSeparator}` : '';
  const room = botLimits.readingPageChars - heading.length - paragraphSeparator.length * view.paragraphs.length;
  const each = Math.max(1, Math.floor(room / Math.max(1, view.paragraphs.length)));
  return fitRendered((budget) => heading + view.paragraphs.map((p) => paragraphText(p, Math.min(each, budget))).join(paragraphSeparator), botLimits.readingPageChars);
}

function footerOf(view: PassageView): string {
  const document = view.document;
  const last = view.paragraphs.at(-1)?.index ?? view.focus;
  const span = last > view.focus ? `¶${view.focus}–${last}` : `¶${view.focus}`;
  const where = [pagesLabel(view.pages), `${span} of ${document.paragraphs}`].filter(Boolean).join(' · ');
  return truncateText(`${where} · ${document.id} · your place is remembered: /read continues here`, discordLimits.embedFooterChars);
}

export function renderReadingPage(view: PassageView): MessageView {
  const document = view.document;
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle(fitRendered((budget) => escapeDiscordText(truncateText(document.title || document.id, budget)), discordLimits.embedTitleChars))
    .setDescription(bodyOf(view) || 'This page is empty.')
    .setFooter({ text: footerOf(view) });
  const components = buttonRows([
    [
      { action: { kind: 'read', paragraph: view.previous ?? view.focus, docId: document.id }, label: 'Previous', emoji: '◀️', disabled: view.previous === undefined },
      { action: { kind: 'read', paragraph: view.next ?? view.focus, docId: document.id }, label: 'Next', emoji: '▶️', disabled: view.next === undefined, primary: true },
      { action: { kind: 'save-passage', paragraph: view.focus, docId: document.id }, label: 'Save', emoji: '🔖' },
    ],
  ]);
  return { embeds: [embed.toJSON()], components };
}
