// Sentence segmentation with Intl.Segmenter, plus the repairs it needs for news text:
// ICU breaks after abbreviations ("Nov. 3", "Mr. Khan") and initials ("U.S. officials").
import type { SentenceSpan } from '../types.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Text that ends like a sentence: a full stop, "!" or "?" — Latin or CJK (。！？) — then any
 * closing quotes or brackets. A short Chinese paragraph ends with 。, not a heading.
 */
export const ENDS_LIKE_SENTENCE = /[.!?。！？｡]["'”’)\]」』]*$/;

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'col', 'lt', 'capt', 'sgt', 'gov', 'sen', 'rep',
    'pres', 'rev', 'hon', 'no', 'nos', 'vol', 'fig', 'pp', 'p', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co', 'corp',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'dept',
  ].map((a) => a.toLowerCase()),
);

/** True when the text before a break ends with an abbreviation or an initial, not a sentence. */
function endsWithAbbreviation(sentence: string): boolean {
  const match = /(?:^|[\s(])([A-Za-z][A-Za-z.]*)\.\s*$/.exec(sentence);
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // Single initials ("J. Smith") and dotted acronyms ("U.N. Office") rarely end a sentence.
  return /^[a-z]$/.test(word) || /^(?:[a-z]\.)+[a-z]$/.test(word);
}

/** Sentence spans of `text` (offsets into it), trimmed of surrounding whitespace. */
export function splitSentences(text: string): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  for (const segment of segmenter.segment(text)) {
    const start = segment.index;
    const end = start + segment.segment.length;
    const previous = raw.at(-1);
    if (previous && endsWithAbbreviation(text.slice(previous.start, previous.end))) {
      previous.end = end;
    } else {
      raw.push({ start, end });
    }
  }
  const spans: SentenceSpan[] = [];
  for (const span of raw) {
    let { start, end } = span;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}
