// Is a text English? Only that decides how its words are analysed (English stemming or none), so a
// cheap, robust test beats a language identifier: English text is full of a few function words.
import { words } from './words.js';

export type Language = 'en' | 'other';

/** The commonest English function words: together about a fifth of any English prose. */
const ENGLISH_MARKERS = new Set('the of and to a in is that for it on with as was be by this are or from at an have not which'.split(' '));
/** Share of marker words above which a text is English (English prose ~0.2; Spanish, French ~0.02). */
const ENGLISH_MIN_SHARE = 0.08;
/** Words read: enough to decide, cheap for a 20 MB document. */
const SAMPLE_WORDS = 2000;

export function detectLanguage(text: string): Language {
  const sample = words(text.slice(0, SAMPLE_WORDS * 12)).slice(0, SAMPLE_WORDS);
  if (sample.length === 0) return 'en';
  const markers = sample.filter((w) => ENGLISH_MARKERS.has(w)).length;
  return markers / sample.length >= ENGLISH_MIN_SHARE ? 'en' : 'other';
}
