// RelatedPassages → message: passages of other documents like an answer's, each under its
// citation, with a "Show source" button per passage. Within every Discord limit by construction.
import { EmbedBuilder } from 'discord.js';
import type { Citation, RelatedPassages } from '../../core/types.js';
import { encodeCustomId } from '../custom-ids.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows, type ButtonSpec } from './buttons.js';
import { pagesLabel, paragraphLabel } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { formatQuote } from './excerpt.js';
import { formatEchoedText } from './question.js';
import { truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

const titleChars = 120;
export const nothingAlikeText = 'No passage in the other documents is like this one.';
export const passageGoneText = 'That passage is no longer in the documents — the index has changed since. Ask again for a fresh answer.';

function heading(rank: number, citation: Citation): string {
  const pages = pagesLabel(citation.pages);
  const where = [...(pages ? [escapeDiscordText(pages)] : []), paragraphLabel(citation.paragraphStart, citation.paragraphEnd)].join(' · ');
  return `**${rank}.** ${escapeDiscordText(truncateText(citation.title, titleChars))} · ${where}`;
}

export function renderMoreLikeThis(related: RelatedPassages): MessageView {
  const embed = new EmbedBuilder().setColor(colours.listing).setTitle(formatEchoedText(`More like this: ${related.title}`, discordLimits.embedTitleChars));
  const hits = related.hits.slice(0, botLimits.searchPageSizeMax);
  if (hits.length === 0) return { embeds: [embed.setDescription(nothingAlikeText).toJSON()], components: [] };
  const headings = hits.map((hit, i) => heading(i + 1, hit.citation));
  const fixedChars = headings.reduce((sum, h) => sum + h.length + 3, 0);
  const perHit = Math.min(botLimits.searchHitChars, Math.floor((discordLimits.embedDescriptionChars - fixedChars) / hits.length));
  embed.setDescription(hits.map((hit, i) => `${headings[i] ?? ''}\n${formatQuote(hit, perHit)}`).join('\n\n'));
  embed.setFooter({ text: 'Passages from other documents · quoted verbatim · /source shows a whole passage' });
  const sources: ButtonSpec[] = hits.flatMap((hit, i) => {
    const action = { kind: 'cite', n: i + 1, paragraph: hit.citation.paragraph, docId: hit.citation.docId } as const;
    // A document id too long for a custom id: no button; /source still finds the passage.
    return encodeCustomId(action) ? [{ action, label: `Show source [${i + 1}]` }] : [];
  });
  return { embeds: [embed.toJSON()], components: buttonRows([sources]) };
}
