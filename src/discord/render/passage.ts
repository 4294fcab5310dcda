// PassageView → message: a paragraph with its neighbours, to follow a citation, with buttons to
// move through the document.
import { EmbedBuilder } from 'discord.js';
import type { Paragraph, PassageView } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows } from './buttons.js';
import { pagesLabel } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { formatQuote } from './excerpt.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

const labelChars = 40;

function paragraphHeading(paragraph: Paragraph, focus: number): string {
  return paragraph.index === focus ? `**¶${paragraph.index}** ◀` : `¶${paragraph.index}`;
}

function describe(view: PassageView): string {
  const paragraphs = view.paragraphs;
  const neighbours = paragraphs.filter((paragraph) => paragraph.index !== view.focus).length;
  const overhead = paragraphs.length * (labelChars + 2);
  const room = discordLimits.embedDescriptionChars - overhead;
  const focusChars = Math.min(botLimits.passageFocusChars, neighbours > 0 ? Math.floor(room * 0.6) : room);
  const neighbourChars = neighbours > 0 ? Math.floor((room - focusChars) / neighbours) : 0;
  return paragraphs
    .map((paragraph) => {
      const budget = paragraph.index === view.focus ? focusChars : neighbourChars;
      return `${paragraphHeading(paragraph, view.focus)}\n${formatQuote({ text: paragraph.text, highlights: [] }, budget)}`;
    })
    .join('\n\n');
}

function footerText(view: PassageView): string {
  const document = view.document;
  const parts = [document.id, document.date, document.source, pagesLabel(view.pages), `¶${view.focus} of ${document.paragraphs}`];
  return truncateText(parts.filter(Boolean).join(' · '), discordLimits.embedFooterChars);
}

/** A passage of a document; the buttons step a whole window back or forward. */
export function renderPassage(view: PassageView): MessageView {
  const document = view.document;
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle(fitRendered((budget) => escapeDiscordText(truncateText(document.title || document.id, budget)), discordLimits.embedTitleChars))
    .setDescription(describe(view) || 'This paragraph is empty.')
    .setFooter({ text: footerText(view) });
  if (document.url && /^https?:\/\//i.test(document.url) && document.url.length <= 2000) embed.setURL(document.url);
  const step = 2 * botLimits.passageContextParagraphs + 1;
  const first = view.paragraphs[0]?.index ?? view.focus;
  const last = view.paragraphs[view.paragraphs.length - 1]?.index ?? view.focus;
  const previous = Math.max(1, view.focus - step);
  const next = Math.min(document.paragraphs, view.focus + step);
  const save = { action: { kind: 'save-passage', paragraph: view.focus, docId: document.id }, label: `Save ¶${view.focus}`, emoji: '🔖' } as const;
  if (first <= 1 && last >= document.paragraphs) return { embeds: [embed.toJSON()], components: buttonRows([[save]]) };
  const components = buttonRows([
    [
      { action: { kind: 'passage', paragraph: previous, docId: document.id }, label: `¶${previous}`, emoji: '◀️', disabled: first <= 1 },
      { action: { kind: 'passage', paragraph: next, docId: document.id }, label: `¶${next}`, emoji: '▶️', disabled: last >= document.paragraphs },
      save,
    ],
  ]);
  return { embeds: [embed.toJSON()], components };
}
