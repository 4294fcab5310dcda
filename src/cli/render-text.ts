// Answer → plain text for the terminal (and any plain-text channel): excerpts with the
// answering sentences marked »like this«, numbered citations, and a Sources list.
import type { Answer, Citation, Excerpt } from '../core/types.js';

export function formatCitation(citation: Citation): string {
  const paragraphs = citation.paragraphStart === citation.paragraphEnd ? `¶${citation.paragraphStart}` : `¶${citation.paragraphStart}–${citation.paragraphEnd}`;
  const pages = citation.pages ? (citation.pages.start === citation.pages.end ? `p. ${citation.pages.start}` : `pp. ${citation.pages.start}–${citation.pages.end}`) : undefined;
  return [citation.title, citation.date, citation.source, pages, paragraphs].filter(Boolean).join(' · ');
}

/** Excerpt text with highlighted ranges wrapped in `open`/`close` markers. */
export function markHighlights(excerpt: Excerpt, open: string, close: string): string {
  let out = '';
  let cursor = 0;
  for (const { start, end } of excerpt.highlights) {
    out += excerpt.text.slice(cursor, start) + open + excerpt.text.slice(start, end) + close;
    cursor = end;
  }
  return out + excerpt.text.slice(cursor);
}

/** The line above the excerpts: what they are, or that the documents do not hold the answer. */
export function answerHeadline(answer: Answer): string {
  if (!answer.answered) return "I couldn't find that in the documents.";
  return answer.offset > 0
    ? `More passages from the documents (${answer.offset + 1}–${answer.offset + answer.excerpts.length}):`
    : 'Here is what the documents say:';
}

export function renderAnswerText(answer: Answer): string {
  const lines: string[] = [answerHeadline(answer), ''];
  const excerpts = answer.answered ? answer.excerpts : answer.related;
  if (!answer.answered && excerpts.length) lines.push('Possibly related:', '');
  for (const excerpt of excerpts) {
    lines.push(`[${excerpt.citation.n}] ${markHighlights(excerpt, '»', '«')}`, '');
  }
  if (excerpts.length) {
    lines.push('Sources:');
    for (const excerpt of excerpts) lines.push(`  [${excerpt.citation.n}] ${formatCitation(excerpt.citation)} (${excerpt.citation.docId})`);
  }
  return lines.join('\n').trimEnd();
}
