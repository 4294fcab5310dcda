// Cutting text to a budget without breaking sentences, words or surrogate pairs.

export const ELLIPSIS = '…';

export interface Span {
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentence spans covering `text` end to end (trailing spaces belong to the sentence before). */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const segment of sentenceSegmenter.segment(text)) {
    spans.push({ start: segment.index, end: segment.index + segment.segment.length });
  }
  return spans;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `end` moved back so the slice [0, end) never splits a surrogate pair. */
function safeEnd(text: string, end: number): number {
  return end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end)) ? end - 1 : end;
}

/** `start` moved forward so the slice [start, …) never begins inside a surrogate pair. */
function safeStart(text: string, start: number): number {
  return start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start;
}

/** The largest cut ≤ `limit` at a sentence end, else a word end, else anywhere (never mid-pair). */
function cutPoint(text: string, from: number, limit: number): number {
  if (limit >= text.length) return text.length;
  const minimum = from + Math.floor((limit - from) * 0.6);
  let sentenceEnd = -1;
  for (const span of sentenceSpans(text.slice(from, limit + 1))) {
    const end = from + span.end;
    if (end <= limit && end > minimum) sentenceEnd = end;
  }
  if (sentenceEnd > 0 && sentenceEnd < limit + 1) return sentenceEnd;
  const space = text.lastIndexOf(' ', limit);
  const newline = text.lastIndexOf('\n', limit);
  const wordEnd = Math.max(space, newline);
  if (wordEnd > minimum) return wordEnd;
  return safeEnd(text, limit);
}

/** `text` within `maxChars`, cut at a sentence (or word) boundary and marked with "…". */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, maxChars));
  const end = cutPoint(text, 0, maxChars - ELLIPSIS.length);
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/**
 * A window of whole sentences of `text`, at most `maxChars` long, that contains `focus` when it
 * fits (and as much of it as fits otherwise), grown forward first, then backward.
 */
export function sentenceWindow(text: string, focus: Span, maxChars: number): Span {
  if (text.length <= maxChars) return { start: 0, end: text.length };
  const spans = sentenceSpans(text);
  const first = spans.findIndex((span) => span.end > focus.start);
  const firstIndex = first === -1 ? spans.length - 1 : first;
  let lastIndex = firstIndex;
  while (lastIndex + 1 < spans.length && (spans[lastIndex]?.end ?? 0) < focus.end) lastIndex += 1;
  let start = spans[firstIndex]?.start ?? 0;
  let end = spans[lastIndex]?.end ?? text.length;
  if (end - start > maxChars) return wordWindow(text, Math.max(start, Math.min(focus.start, text.length)), maxChars);
  let before = firstIndex - 1;
  let after = lastIndex + 1;
  for (let grew = true; grew; ) {
    grew = false;
    const next = spans[after];
    if (next && next.end - start <= maxChars) {
      end = next.end;
      after += 1;
      grew = true;
    }
    const previous = spans[before];
    if (previous && end - previous.start <= maxChars) {
      start = previous.start;
      before -= 1;
      grew = true;
    }
  }
  return { start, end };
}

/** A window of whole words starting near `from`, for a sentence longer than the budget. */
function wordWindow(text: string, from: number, maxChars: number): Span {
  const lookBack = Math.min(40, Math.floor(maxChars / 4));
  let start = from;
  const wordStart = text.lastIndexOf(' ', from);
  if (wordStart >= 0 && from - wordStart <= lookBack) start = wordStart + 1;
  start = safeStart(text, start);
  const end = cutPoint(text, start, Math.min(text.length, start + maxChars));
  return { start, end: Math.max(end, Math.min(text.length, start + 1)) };
}

/**
 * The longest rendering that fits: `render(budget)` is tried with shrinking budgets until its
 * output is at most `maxChars` (escaping can lengthen text, so the raw budget alone is not enough).
 */
export function fitRendered(render: (rawBudget: number) => string, maxChars: number): string {
  for (let budget = maxChars; budget >= 1; budget = budget > 8 ? Math.floor(budget * 0.85) : budget - 1) {
    const output = render(budget);
    if (output.length <= maxChars) return output;
  }
  return maxChars >= ELLIPSIS.length ? ELLIPSIS : '';
}
