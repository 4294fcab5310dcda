// One line of the Sources list: [n] Title · date · source · p. page · ¶paragraph.
import type { CitedPages, Citation } from '../../core/types.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';

const maxSourceChars = 80;
const maxUrlChars = 300;

export function paragraphLabel(start: number, end: number): string {
  return end > start ? `¶${start}–${end}` : `¶${start}`;
}

/** A page label is the PDF author's text: long ones are cut, so the line stays a citation. */
const maxPageLabelChars = 16;

/** "p. 12", or "pp. 12–13" for a passage across a page break; undefined for unpaged documents. */
export function pagesLabel(pages: CitedPages | undefined): string | undefined {
  if (!pages) return undefined;
  const start = truncateText(pages.start, maxPageLabelChars);
  return pages.start === pages.end ? `p. ${start}` : `pp. ${start}–${truncateText(pages.end, maxPageLabelChars)}`;
}

/** A link only for plain http(s) URLs that cannot break out of the markdown link syntax. */
function linkTarget(url: string | undefined): string | undefined {
  if (!url || url.length > maxUrlChars || !/^https?:\/\/[^\s<>()]+$/i.test(url)) return undefined;
  return url;
}

export function formatCitationLine(citation: Citation, maxChars: number): string {
  const details = [citation.date, citation.source ? truncateText(citation.source, maxSourceChars) : undefined]
    .filter((part): part is string => Boolean(part))
    .map(escapeDiscordText);
  const pages = pagesLabel(citation.pages);
  const tail = [...details, ...(pages ? [escapeDiscordText(pages)] : []), paragraphLabel(citation.paragraphStart, citation.paragraphEnd)].join(' · ');
  const marker = `**[${citation.n}]**`;
  const url = linkTarget(citation.url);
  const fixedChars = marker.length + tail.length + ' ·  '.length;
  return fitRendered((budget) => {
    const linkChars = url ? url.length + '[]()'.length : 0;
    const withLink = url !== undefined && budget - fixedChars - linkChars >= 10;
    const titleBudget = Math.max(1, budget - fixedChars - (withLink ? linkChars : 0));
    const rawTitle = truncateText(citation.title || citation.docId, titleBudget);
    // Brackets inside the link text would end it early.
    const title = escapeDiscordText(withLink ? rawTitle.replace(/[[\]]/g, '') : rawTitle);
    const shownTitle = withLink ? `[${title}](${url})` : title;
    return `${marker} ${shownTitle} · ${tail}`;
  }, maxChars);
}
