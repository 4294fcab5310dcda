// Words → search terms, shared by the BM25 index, query analysis and answer-sentence scoring.
// Lower case, diacritics folded, British spellings mapped to American, Porter stemming, so
// "programmes"/"program", "neighbourhood"/"neighborhood", "organisation"/"organization" meet.
import { stemmer } from 'stemmer';
import type { Language } from './language.js';
import { words } from './words.js';

export { words } from './words.js';

export const STOP_WORDS = new Set(
  (
    'a an the and or but nor of in on at to for from by with without as into onto upon about above below over under ' +
    'between among through during before after since until than then so too very can could would should will shall may ' +
    'might must do does did done doing be is are was were been being am have has had having it its it\'s this that these ' +
    'those there here their theirs them they he him his she her hers we us our ours you your yours i me my mine not no ' +
    'yes if else also just only own same such both each few more most other some any all which who whom whose what when ' +
    'where why how whether while again further once out up down off s t ' +
    // Contractions lose their apostrophe in words(): "don't" → "dont".
    'dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt hasnt havent hadnt im ive id ill youre youve theyre weve thats theres whats'
  ).split(/\s+/),
);

/** Question words carry intent, not topic; they never need to match a passage. */
export const QUESTION_WORDS = new Set(
  ('what which who whom whose when where why how does do did is are was were can could tell explain describe name list give say said according ' +
    // "how many", "how much": the form of the question, never its topic.
    'many much').split(' '),
);

const BRITISH_TO_AMERICAN: Array<[RegExp, string]> = [
  [/ourhood$/, 'orhood'],
  [/our(s?)$/, 'or$1'],
  [/isation(s?)$/, 'ization$1'],
  [/ise(s|d)?$/, 'ize$1'],
  [/ising$/, 'izing'],
  [/yse(s|d)?$/, 'yze$1'],
  [/tre(s?)$/, 'ter$1'],
  [/ogue(s?)$/, 'og$1'],
  [/ence$/, 'ense'],
  [/amme(s?)$/, 'am$1'],
  [/elled$/, 'eled'],
  [/elling$/, 'eling'],
];
/** Words the suffix rules would break ("our", "hour", "rise", "centre"…): mapped or kept explicitly. */
const SPELLING_EXCEPTIONS = new Map<string, string>([
  ['our', 'our'], ['ours', 'ours'], ['hour', 'hour'], ['hours', 'hours'], ['four', 'four'], ['pour', 'pour'], ['tour', 'tour'],
  ['your', 'your'], ['flour', 'flour'], ['sour', 'sour'], ['rise', 'rise'], ['raise', 'raise'], ['wise', 'wise'],
  ['precise', 'precise'], ['promise', 'promise'], ['exercise', 'exercise'], ['enterprise', 'enterprise'], ['compromise', 'compromise'],
  ['expertise', 'expertise'], ['advise', 'advise'], ['revise', 'revise'], ['surprise', 'surprise'], ['otherwise', 'otherwise'],
  ['noise', 'noise'], ['cruise', 'cruise'], ['franchise', 'franchise'], ['premise', 'premise'], ['merchandise', 'merchandise'],
  ['concise', 'concise'], ['disguise', 'disguise'], ['likewise', 'likewise'], ['analyse', 'analyze'], ['defence', 'defense'],
  ['licence', 'license'], ['offence', 'offense'], ['pretence', 'pretense'], ['fence', 'fence'], ['science', 'science'],
  ['conference', 'conference'], ['influence', 'influence'], ['presence', 'presence'], ['sentence', 'sentence'],
  ['difference', 'difference'], ['evidence', 'evidence'], ['experience', 'experience'], ['audience', 'audience'],
  ['sequence', 'sequence'], ['violence', 'violence'], ['independence', 'independence'], ['confidence', 'confidence'],
  ['existence', 'existence'], ['reference', 'reference'], ['residence', 'residence'], ['silence', 'silence'],
  ['prudence', 'prudence'], ['coexistence', 'coexistence'], ['convergence', 'convergence'], ['resurgence', 'resurgence'],
  ['interference', 'interference'], ['intelligence', 'intelligence'], ['emergence', 'emergence'], ['commence', 'commence'],
  ['dependence', 'dependence'], ['adherence', 'adherence'], ['excellence', 'excellence'], ['hence', 'hence'], ['since', 'since'],
  ['whence', 'whence'], ['thence', 'thence'], ['once', 'once'], ['ogre', 'ogre'], ['acre', 'acre'], ['massacre', 'massacre'],
  ['mediocre', 'mediocre'], ['genre', 'genre'], ['entre', 'entre'], ['programme', 'program'], ['catalogue', 'catalog'],
  ['colour', 'color'], ['favour', 'favor'], ['honour', 'honor'], ['labour', 'labor'], ['neighbour', 'neighbor'], ['behaviour', 'behavior'],
  ['percent', 'percent'], ['%', 'percent'], ['per cent', 'percent'],
]);

/** Shorter words that end like a British suffix are other words ("tour", "rise"), not spellings. */
const MIN_RESPELLED_LENGTH = 6;

export function americanSpelling(word: string): string {
  const exception = SPELLING_EXCEPTIONS.get(word);
  if (exception) return exception;
  if (word.length < MIN_RESPELLED_LENGTH) return word;
  for (const [pattern, replacement] of BRITISH_TO_AMERICAN) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

/**
 * Function words of the other languages people most often write documents in (Spanish, French,
 * Portuguese, Italian, German): dropped from their text as the English ones are from English.
 */
const OTHER_STOP_WORDS = new Set(
  ('de la el los las un una unos unas y o que en del al por para con sin se su sus es son lo como mas pero muy ya ' +
    'le les des du et ou est sont une au aux avec pour par sur dans ce cette ces qui ne pas plus ' +
    'o os as um uma do da dos das no na nos nas em com por para e ao ' +
    'il lo gli di da in con su per tra fra e che non piu ' +
    'der die das den dem des ein eine einer eines und oder ist sind mit von zu im am auf fur nicht auch wie').split(' '),
);

/**
 * A word → its search term, or undefined for stop words. English words are spelling-normalised
 * and Porter-stemmed; words of other languages are kept as written (lower case, diacritics folded):
 * English stemming would only mangle them.
 */
export function termOf(word: string, language: Language = 'en'): string | undefined {
  if (STOP_WORDS.has(word)) return undefined;
  if (/^\p{N}/u.test(word)) return word;
  if (language !== 'en') return OTHER_STOP_WORDS.has(word) ? undefined : word;
  return stemmer(americanSpelling(word));
}

/** All search terms of a text, in order, stop words removed. */
export function terms(text: string, language: Language = 'en'): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const term = termOf(word, language);
    if (term) out.push(term);
  }
  return out;
}

/** Words of a question that can match a passage: question words (what, who, how…) and stop words dropped. */
export function queryWords(question: string): string[] {
  return words(question).filter((word) => !QUESTION_WORDS.has(word) && termOf(word) !== undefined);
}

/** Terms of a question: like `terms`, but question words (what, who, how…) are dropped too. */
export function queryTerms(question: string, language: Language = 'en'): string[] {
  return queryWords(question).flatMap((word) => termOf(word, language) ?? []);
}
