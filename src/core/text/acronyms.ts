// Acronyms defined in the corpus itself ("China-Pakistan Economic Corridor (CPEC)"), found by
// matching the letters in brackets against the initials of the words before them (the
// Schwartz–Hearst idea). Queries are expanded both ways with these pairs.
import { terms } from './analyze.js';

export type AcronymMap = Record<string, string>;

/** A long form is at most this many words before its bracket ("Association of Southeast Asian Nations" is 5). */
const MAX_LONG_FORM_WORDS = 12;
const MINOR = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'to', 'a', 'an', '&', 'with', 'at', 'by']);

function initialsOf(words: string[]): string {
  return words
    .filter((w) => !MINOR.has(w.toLowerCase()))
    .flatMap((w) => w.split(/[-‐–]/).filter(Boolean))
    .map((w) => w.charAt(0).toLowerCase())
    .join('');
}

/** Acronym (lower case) → long form, for every "Long Form (ACRONYM)" in `text`. */
export function findAcronyms(text: string, into: AcronymMap = {}): AcronymMap {
  // Up to 160 characters before a bracket holding 2–10 letters with at least two capitals.
  for (const match of text.matchAll(/([^()]{3,160})\(\s*([A-Z][A-Za-z]{1,9}s?)\s*\)/g)) {
    const before = match[1] ?? '';
    const acronym = (match[2] ?? '').replace(/s$/, (s) => (/[A-Z]s$/.test(match[2] ?? '') ? '' : s));
    const letters = acronym.toLowerCase();
    if (letters.length < 2 || !/[A-Z].*[A-Z]/.test(acronym)) continue;
    const wordsBefore = before.trim().split(/\s+/).slice(-MAX_LONG_FORM_WORDS);
    for (let start = wordsBefore.length - 1; start >= 0; start--) {
      const candidate = wordsBefore.slice(start);
      const first = candidate[0] ?? '';
      if (MINOR.has(first.toLowerCase())) continue;
      const initials = initialsOf(candidate);
      if (initials === letters) {
        into[letters] = candidate.join(' ').replace(/^[("“]+|[,;:)"”]+$/g, '');
        break;
      }
      if (initials.length > letters.length) break;
    }
  }
  return into;
}

/** Extra query text: long forms of acronyms in the question, acronyms of long forms in it. */
export function expandQuery(question: string, acronyms: AcronymMap): string[] {
  const expansions: string[] = [];
  const questionTerms = terms(question);
  const joined = ` ${questionTerms.join(' ')} `;
  for (const [acronym, longForm] of Object.entries(acronyms)) {
    const hasAcronym = new RegExp(`\\b${acronym}s?\\b`, 'i').test(question);
    const longTerms = terms(longForm);
    const hasLongForm = longTerms.length > 0 && joined.includes(` ${longTerms.join(' ')} `);
    if (hasAcronym && !hasLongForm) expansions.push(longForm);
    if (hasLongForm && !hasAcronym) expansions.push(acronym);
  }
  return expansions;
}
