// Text normalisation shared by cleaning, matching and evaluation.

const CURLY_QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
};

/** Zero-width and bidi control characters: invisible, never meaningful in a search. */
export const INVISIBLE_CHARS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;

export function foldQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033]/g, (c) => CURLY_QUOTES[c] ?? c);
}

/**
 * The comparison form used to decide whether a passage "contains" an answer: NFKC, markup
 * removed, lower case, curly quotes folded, whitespace collapsed.
 */
export function normalizeForMatch(text: string): string {
  return foldQuotes(text.normalize('NFKC').replace(/<[^>]+>/g, '').replace(INVISIBLE_CHARS, ''))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes diacritics so "Bo'ao" and "Boao", "café" and "cafe" meet. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');
}
