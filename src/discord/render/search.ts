// SearchPage → message: ranked passages (lookup mode), with Previous/Next buttons.
import { EmbedBuilder } from 'discord.js';
import type { Citation, DocumentSummary, SearchPage } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows } from './buttons.js';
import { pagesLabel, paragraphLabel } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { formatQuote } from './excerpt.js';
import { formatEchoedText } from './question.js';
import { searchedLine } from './scope.js';
import { truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

const hitTitleChars = 120;

function hitHeading(rank: number, citation: Citation): string {
  const pages = pagesLabel(citation.pages);
  const where = [...(pages ? [escapeDiscordText(pages)] : []), paragraphLabel(citation.paragraphStart, citation.paragraphEnd)].join(' · ');
  return `**${rank}.** ${escapeDiscordText(truncateText(citation.title, hitTitleChars))} · ${where}`;
}

/** A page of search results. `conversationId` keys the stored query the page buttons reuse. */
export function renderSearchPage(page: SearchPage, conversationId: string, document?: DocumentSummary): MessageView {
  const title = formatEchoedText(`Search: ${page.query}`, discordLimits.embedTitleChars);
  const scope = document ? `In **${escapeDiscordText(truncateText(document.title || document.id, hitTitleChars))}**\n\n` : '';
  const hits = page.hits.slice(0, botLimits.searchPageSizeMax);
  const embed = new EmbedBuilder().setColor(colours.listing).setTitle(title);
  if (hits.length === 0) {
    const nothing = page.total > 0 ? 'No more results.' : 'No passage matches that search.';
    embed.setDescription(`${scope}${nothing} Try other words, or /ask a question.`);
    const searched = searchedLine(page.scope);
    if (searched) embed.setFooter({ text: searched });
    return { embeds: [embed.toJSON()], components: [] };
  }
  const headings = hits.map((hit, i) => hitHeading(page.offset + i + 1, hit.citation));
  const fixedChars = scope.length + headings.reduce((sum, heading) => sum + heading.length + 3, 0);
  const perHit = Math.min(botLimits.searchHitChars, Math.floor((discordLimits.embedDescriptionChars - fixedChars) / hits.length));
  const blocks = hits.map((hit, i) => `${headings[i] ?? ''}\n${formatQuote(hit, perHit)}`);
  embed.setDescription(scope + blocks.join('\n\n'));
  const last = page.offset + hits.length;
  const results = `Results ${page.offset + 1}–${last} of ${page.total} · /source shows a whole passage`;
  const searched = searchedLine(page.scope);
  embed.setFooter({ text: searched ? `${searched}\n${results}` : results });
  const limit = Math.max(1, page.limit);
  const components = buttonRows([
    [
      { action: { kind: 'search-page', conversationId, offset: Math.max(0, page.offset - limit) }, label: 'Previous', emoji: '◀️', disabled: page.offset === 0 },
      { action: { kind: 'search-page', conversationId, offset: page.offset + limit }, label: 'Next', emoji: '▶️', disabled: last >= page.total },
    ],
  ]);
  return { embeds: [embed.toJSON()], components };
}
