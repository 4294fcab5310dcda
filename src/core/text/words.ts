// Text → word tokens: lower case, diacritics and quotes folded, numbers kept whole ("27.82",
// "2,000" → "2000"), unit symbols after a number read as their names. Scripts written without
// spaces (Chinese, Japanese, Thai) are split into words by Intl.Segmenter (ICU's dictionaries), so
// a Chinese question finds a Chinese passage word by word rather than never.
import { foldQuotes, stripDiacritics } from './normalize.js';

/**
 * Unit symbols, read as their names when they follow a number ("1,800 W", "12 mm", "20 °C"), so a
 * question about watts finds a specification table that says W. Only after a number: alone,
 * "m", "s" or "g" are other words.
 */
const UNIT_NAMES = new Map<string, string>([
  ['w', 'watt'], ['kw', 'kilowatt'], ['kwh', 'kilowatt'], ['v', 'volt'], ['kv', 'kilovolt'], ['mv', 'millivolt'],
  ['hz', 'hertz'], ['khz', 'kilohertz'], ['mhz', 'megahertz'], ['ghz', 'gigahertz'], ['mah', 'milliampere'],
  ['kg', 'kilogram'], ['g', 'gram'], ['mg', 'milligram'], ['km', 'kilometer'], ['m', 'meter'], ['cm', 'centimeter'],
  ['mm', 'millimeter'], ['l', 'liter'], ['ml', 'milliliter'], ['h', 'hour'], ['hr', 'hour'], ['hrs', 'hour'],
  ['min', 'minute'], ['mins', 'minute'], ['s', 'second'], ['sec', 'second'], ['ms', 'millisecond'], ['c', 'celsius'],
  ['f', 'fahrenheit'], ['kb', 'kilobyte'], ['mb', 'megabyte'], ['gb', 'gigabyte'], ['tb', 'terabyte'], ['kib', 'kilobyte'],
  ['mib', 'megabyte'], ['gib', 'gigabyte'], ['nm', 'newton'], ['psi', 'psi'], ['bar', 'bar'], ['db', 'decibel'], ['dba', 'decibel'],
]);

/** Word tokens as they appear (lower-cased, folded), numbers kept whole ("27.82", "2,000"). */
export function words(text: string): string[] {
  const folded = stripDiacritics(foldQuotes(text.normalize('NFKC'))).toLowerCase().replace(/%/g, ' percent ');
  return UNSPACED_SCRIPT.test(folded) ? segmentedWords(folded) : spacedWords(folded);
}

/** Words of folded text in a script that separates words (letters and numbers between the rest). */
function spacedWords(folded: string): string[] {
  const out: string[] = [];
  let afterNumber = false;
  for (const match of folded.matchAll(/\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) {
    let word = match[0];
    const isNumber = /^\p{N}/u.test(word);
    if (isNumber) word = word.replace(/,(?=\d{3}\b)/g, '');
    word = word.replace(/'s$/, '').replace(/'/g, '');
    if (afterNumber && !isNumber) word = UNIT_NAMES.get(word) ?? word;
    afterNumber = isNumber;
    if (word) out.push(word);
  }
  return out;
}

/** Han, Hiragana, Katakana and Thai: scripts that do not separate words with spaces (a regex character class). */
export const UNSPACED_SCRIPT_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}]';
const UNSPACED_SCRIPT = new RegExp(UNSPACED_SCRIPT_CLASS, 'u');
const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(text: string): Intl.Segmenter {
  const locale = /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'ja' : /\p{Script=Thai}/u.test(text) ? 'th' : 'zh';
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  return segmenter;
}

/** Words of text that contains an unspaced script: ICU word segments, spaced words as usual. */
function segmentedWords(folded: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenterFor(folded).segment(folded)) {
    if (!isWordLike) continue;
    if (UNSPACED_SCRIPT.test(segment)) out.push(segment);
    else out.push(...spacedWords(segment));
  }
  return out;
}
