// The corpus as a paged list: titles, dates, sources, chunk counts.
import { EmbedBuilder } from 'discord.js';
import type { DocumentSummary } from '../../core/types.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows } from './buttons.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

/** "added by ada.admin on 2024-05-02", for documents uploaded through /documents add. */
function originText(document: DocumentSummary): string {
  const origin = document.origin;
  return origin ? `added by ${origin.addedBy.name} on ${origin.addedAt.slice(0, 10)}` : '';
}

function documentEntry(rank: number, document: DocumentSummary, maxChars: number): string {
  const details = [document.date, document.source].filter((part): part is string => Boolean(part));
  const counts = `\`${document.id}\` · ${document.chunks} chunks · ${document.paragraphs} paragraphs`;
  const origin = originText(document);
  return fitRendered((budget) => {
    const title = escapeDiscordText(truncateText(document.title || document.id, Math.max(1, Math.floor(budget / 2))));
    const meta = escapeDiscordText(truncateText(details.join(' · '), Math.max(1, Math.floor(budget / 4))));
    const id = truncateText(counts, Math.max(1, Math.floor(budget / 4)));
    const added = origin ? ` · ${escapeDiscordText(truncateText(origin, Math.max(1, Math.floor(budget / 5))))}` : '';
    return `**${rank}. ${title}**\n${meta ? `${meta}\n` : ''}${id}${added}`;
  }, maxChars);
}

export function pageCount(documents: number): number {
  return Math.max(1, Math.ceil(documents / botLimits.documentsPerPage));
}

/** Page `page` (0-based, clamped) of the document list. */
export function renderDocuments(documents: readonly DocumentSummary[], page: number): MessageView {
  const pages = pageCount(documents.length);
  const current = Math.min(Math.max(0, page), pages - 1);
  const first = current * botLimits.documentsPerPage;
  const shown = documents.slice(first, first + botLimits.documentsPerPage);
  const chunks = documents.reduce((sum, document) => sum + document.chunks, 0);
  const embed = new EmbedBuilder().setColor(colours.listing).setTitle(`Documents (${documents.length})`);
  if (shown.length === 0) {
    embed.setDescription('No documents are indexed yet. Add one with /documents add, or put files in the corpus folder.');
    return { embeds: [embed.toJSON()], components: [] };
  }
  const perEntry = Math.floor((discordLimits.embedDescriptionChars - 2 * shown.length) / shown.length);
  embed
    .setDescription(shown.map((document, i) => documentEntry(first + i + 1, document, perEntry)).join('\n\n'))
    .setFooter({ text: `Page ${current + 1} of ${pages} · ${documents.length} documents · ${chunks} chunks · /source shows a document · /documents add adds one` });
  const components =
    pages > 1
      ? buttonRows([
          [
            { action: { kind: 'documents-page', page: Math.max(0, current - 1) }, label: 'Previous', emoji: '◀️', disabled: current === 0 },
            { action: { kind: 'documents-page', page: current + 1 }, label: 'Next', emoji: '▶️', disabled: current >= pages - 1 },
          ],
        ])
      : [];
  return { embeds: [embed.toJSON()], components };
}
