// /bookmarks: a page of saved passages with Open / Delete / Review buttons, and an opened bookmark
// (what was saved, and whether the document has changed since).
import { EmbedBuilder } from 'discord.js';
import type { Bookmark } from '../../state/index.js';
import { botLimits, discordLimits } from '../limits.js';
import { buttonRows, type ButtonSpec } from './buttons.js';
import { paragraphLabel } from './citation.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

export type BookmarkState = 'current' | 'changed' | 'gone';

const kindLabels: Record<Bookmark['kind'], string> = { answer: 'from an answer', passage: 'passage', reading: 'reading', daily: 'passage of the day', quiz: 'quiz' };

function entry(rank: number, bookmark: Bookmark, state: BookmarkState, maxChars: number): string {
  const flag = state === 'changed' ? ' · ⚠️ document changed since' : state === 'gone' ? ' · ⚠️ document removed' : '';
  return fitRendered((budget) => {
    const title = escapeDiscordText(truncateText(bookmark.title, Math.max(10, Math.floor(budget / 4))));
    const note = bookmark.note ? `\n📝 ${escapeDiscordText(truncateText(bookmark.note, Math.max(10, Math.floor(budget / 4))))}` : '';
    const excerpt = escapeDiscordText(truncateText(bookmark.excerpt, Math.max(10, Math.min(botLimits.bookmarkExcerptChars, Math.floor(budget / 2)))));
    return `**${rank}. ${title}** · ${paragraphLabel(bookmark.paragraph, bookmark.paragraph)} · ${kindLabels[bookmark.kind]}${flag}${note}\n> ${excerpt}`;
  }, maxChars);
}

export function renderBookmarkList(bookmarks: readonly Bookmark[], states: readonly BookmarkState[], offset: number, total: number): MessageView {
  const embed = new EmbedBuilder().setColor(colours.listing).setTitle(`Your bookmarks (${total})`);
  if (bookmarks.length === 0) {
    embed.setDescription(total === 0 ? 'Nothing saved yet. Press **Save** 🔖 under an answer, a passage or a /read page.' : 'No bookmarks on this page.');
    return { embeds: [embed.toJSON()], components: total > 0 ? buttonRows([[{ action: { kind: 'bookmarks-page', offset: 0 }, label: 'First page', emoji: '⏮️' }]]) : [] };
  }
  const per = Math.floor((discordLimits.embedDescriptionChars - 2 * bookmarks.length) / bookmarks.length);
  embed.setDescription(bookmarks.map((b, i) => entry(offset + i + 1, b, states[i] ?? 'current', per)).join('\n\n'));
  embed.setFooter({ text: `${offset + 1}–${offset + bookmarks.length} of ${total} · Open shows the passage · Review makes a card of it` });
  const rank = (i: number) => offset + i + 1;
  const open: ButtonSpec[] = bookmarks.map((b, i) => ({ action: { kind: 'bookmark-open', id: b.id }, label: `Open ${rank(i)}` }));
  const review: ButtonSpec[] = bookmarks.map((b, i) => ({ action: { kind: 'bookmark-review', id: b.id }, label: `Review ${rank(i)}` }));
  const remove: ButtonSpec[] = bookmarks.map((b, i) => ({ action: { kind: 'bookmark-delete', id: b.id, offset }, label: `Delete ${rank(i)}`, emoji: '🗑️' }));
  const per_page = botLimits.bookmarksPerPage;
  const pages: ButtonSpec[] = [
    { action: { kind: 'bookmarks-page', offset: Math.max(0, offset - per_page) }, label: 'Previous', emoji: '◀️', disabled: offset === 0 },
    { action: { kind: 'bookmarks-page', offset: offset + per_page }, label: 'Next', emoji: '▶️', disabled: offset + bookmarks.length >= total },
  ];
  return { embeds: [embed.toJSON()], components: buttonRows([open, review, remove, pages]) };
}

/** An opened bookmark: the saved text, and the paragraph as it reads now when the document changed. */
export function renderOpenedBookmark(bookmark: Bookmark, state: BookmarkState, current: string | undefined): MessageView {
  const saved = escapeDiscordText(truncateText(bookmark.excerpt, 1800));
  const lines = [`**Saved ${paragraphLabel(bookmark.paragraph, bookmark.paragraph)}:**`, `> ${saved}`];
  if (bookmark.note) lines.push('', `📝 ${escapeDiscordText(bookmark.note)}`);
  if (state === 'changed') {
    lines.push('', '⚠️ **This document has changed since you saved this.**');
    lines.push(current ? `It now reads (${paragraphLabel(bookmark.paragraph, bookmark.paragraph)}):\n> ${escapeDiscordText(truncateText(current, 1500))}` : 'That paragraph no longer exists.');
  } else if (state === 'gone') {
    lines.push('', '⚠️ **This document is no longer in the corpus**; the saved text above is all that is left.');
  }
  const embed = new EmbedBuilder()
    .setColor(state === 'current' ? colours.answer : colours.admin)
    .setTitle(fitRendered((budget) => escapeDiscordText(truncateText(bookmark.title, budget)), discordLimits.embedTitleChars))
    .setDescription(truncateText(lines.join('\n'), discordLimits.embedDescriptionChars))
    .setFooter({ text: truncateText(`${bookmark.docId} · saved ${new Date(bookmark.createdAt).toISOString().slice(0, 10)}`, discordLimits.embedFooterChars) });
  const components = state === 'gone' ? [] : buttonRows([[{ action: { kind: 'read', paragraph: bookmark.paragraph, docId: bookmark.docId }, label: 'Read from here', emoji: '📖' }]]);
  return { embeds: [embed.toJSON()], components };
}
