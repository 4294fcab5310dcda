// A verbatim excerpt as a Discord quote block: the answering sentences in bold, cut at sentence
// boundaries around them, markdown and mentions in the document text made inert.
import type { Highlight } from '../../core/types.js';
import { escapeDiscordText } from './escape.js';
import { ELLIPSIS, fitRendered, sentenceWindow, type Span } from './text.js';

export interface QuotableText {
  text: string;
  highlights: readonly Highlight[];
}

/** Bold does not render across line breaks or with spaces inside the stars: bold each line's words. */
function emphasise(raw: string): string {
  return raw
    .split('\n')
    .map((line) => {
      const match = /^(\s*)(.*?)(\s*)$/s.exec(line);
      const [lead, words, trail] = [match?.[1] ?? '', match?.[2] ?? '', match?.[3] ?? ''];
      return words ? `${lead}**${escapeDiscordText(words)}**${trail}` : line;
    })
    .join('\n');
}

function validHighlights(text: string, highlights: readonly Highlight[]): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  for (const highlight of highlights) {
    const start = Math.max(cursor, Math.min(highlight.start, text.length));
    const end = Math.min(highlight.end, text.length);
    if (end > start) {
      spans.push({ start, end });
      cursor = end;
    }
  }
  return spans;
}

function focusOf(highlights: readonly Span[], rawBudget: number): Span {
  const first = highlights[0];
  const last = highlights[highlights.length - 1];
  if (!first || !last) return { start: 0, end: 0 };
  return last.end - first.start <= rawBudget ? { start: first.start, end: last.end } : first;
}

function renderWindow(text: string, window: Span, highlights: readonly Span[]): string {
  let out = '';
  let cursor = window.start;
  for (const highlight of highlights) {
    const start = Math.max(highlight.start, cursor);
    const end = Math.min(highlight.end, window.end);
    if (end <= start) continue;
    out += escapeDiscordText(text.slice(cursor, start)) + emphasise(text.slice(start, end));
    cursor = end;
  }
  out += escapeDiscordText(text.slice(cursor, window.end));
  const lead = window.start > 0 ? ELLIPSIS : '';
  const tail = window.end < text.length ? ELLIPSIS : '';
  return lead + out.trim() + tail;
}

/** Lines as one quote block; blank lines between paragraphs are dropped to keep answers compact. */
function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `> ${line}`)
    .join('\n');
}

/** `excerpt` as a quote block of at most `maxChars`, ending with `suffix` (e.g. a footnote marker). */
export function formatQuote(excerpt: QuotableText, maxChars: number, suffix = ''): string {
  const highlights = validHighlights(excerpt.text, excerpt.highlights);
  return fitRendered((budget) => {
    const rawBudget = Math.max(1, budget - 2 * ELLIPSIS.length - suffix.length);
    const window = sentenceWindow(excerpt.text, focusOf(highlights, rawBudget), rawBudget);
    return quoteLines(renderWindow(excerpt.text, window, highlights)) + suffix;
  }, maxChars);
}
