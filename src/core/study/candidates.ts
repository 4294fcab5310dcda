// Blank candidates of one paragraph: for each sentence fit to be a prompt, the numbers, dates,
// names and rare nouns it could be asked about, each with the facts the scorer needs (its type,
// its pool for distractors, the words the rest of the sentence shares with it).
import { terms, STOP_WORDS } from '../text/analyze.js';
import { splitSentences } from '../text/sentences.js';
import type { StudySettings } from '../settings.js';
import { analyse, type Entity, type Token } from './nlp.js';
import { findNames, PERSON_TITLES, type NameKind } from './names.js';
import type { BlankType } from './types.js';

export interface RawCandidate {
  type: BlankType;
  /** Distractors come from the same pool: `number:percent`, `date:month-year`, `name:person`, `term`. */
  pool: string;
  /** Offsets within the sentence. */
  start: number;
  end: number;
  text: string;
  /** Numbers and dates: a comparable value (for "near in size"); names and terms: undefined. */
  value?: number;
  /** Names and terms: the key their corpus frequency is counted under. */
  lexicalKey?: string;
  /** Terms of the answer that also occur in the rest of the sentence (a give-away when not empty). */
  echoed: boolean;
}

export interface RawSentence {
  /** Offsets within the paragraph. */
  start: number;
  end: number;
  text: string;
  /** Opens with a pronoun or demonstrative: leans on the sentence before. */
  dependent: boolean;
  candidates: RawCandidate[];
}

const DEPENDENT_OPENERS = new Set('it its they them their he his she her this these those such that there we our'.split(' '));
const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const MONTH_PREFIXES = MONTHS.map((m) => m.slice(0, 3));
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, crore: 1e7, lakh: 1e5 };

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Ends like a statement: a full stop or exclamation mark, possibly inside closing quotes or brackets. */
function endsAsStatement(text: string): boolean {
  return /[.!]["'”’)\]]*$/.test(text) && !/\?["'”’)\]]*$/.test(text);
}

export function isPromptSentence(text: string, settings: StudySettings): boolean {
  const words = wordCount(text);
  if (words < settings.sentenceMinWords || words > settings.sentenceMaxWords) return false;
  if (!endsAsStatement(text)) return false;
  // A fragment (starts lower-case or with punctuation), or a line of a list.
  if (!/^["“‘(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  // A dateline ("BEIJING, JAN 20 /DNA/ –"): the sentence after it is fine, this one is not prose.
  if (/^\p{Lu}{4,}[\s,:]/u.test(text) || /\/\p{Lu}{2,}\//u.test(text)) return false;
  const quotes = (text.match(/["“”]/g) ?? []).length;
  return quotes % 2 === 0;
}

function monthIndex(word: string): number {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(lower);
  return full >= 0 ? full : MONTH_PREFIXES.indexOf(lower.slice(0, 3)) >= 0 && lower.length <= 4 ? MONTH_PREFIXES.indexOf(lower.slice(0, 3)) : -1;
}

/** A date with a year or a named month, as a blank: its exact span, granularity and a sortable value. */
function dateCandidate(entity: Entity): { start: number; end: number; pool: string; value: number } | undefined {
  const text = entity.text;
  const year = /\b(1[5-9]\d\d|20\d\d)\b/.exec(text);
  const monthWord = text.split(/[\s,]+/).find((w) => monthIndex(w) >= 0);
  const day = /\b([12]?\d|3[01])(?:st|nd|rd|th)?\b/.exec(text.replace(year?.[0] ?? '\u0000', ' '));
  if (year && monthWord) {
    // "Nov. 3, 2022" / "June 2001": the whole date (from the month on) is the blank.
    const from = text.indexOf(monthWord);
    const month = monthIndex(monthWord);
    const granularity = day ? 'full' : 'month-year';
    return { start: entity.start + Math.min(from, day && day.index < from ? day.index : from), end: entity.start + year.index + 4, pool: `date:${granularity}`, value: Number(year[1]) * 372 + month * 31 + (day ? Number(day[1]) : 0) };
  }
  if (year) return { start: entity.start + year.index, end: entity.start + year.index + 4, pool: 'date:year', value: Number(year[1]) * 372 };
  if (monthWord && day) {
    const from = Math.min(text.indexOf(monthWord), day.index);
    const to = Math.max(text.indexOf(monthWord) + monthWord.length, day.index + day[0].length);
    return { start: entity.start + from, end: entity.start + to, pool: 'date:month-day', value: monthIndex(monthWord) * 31 + Number(day[1]) };
  }
  return undefined;
}

/** Words before a number that belong to the sentence, not the answer ("about 300" → "300"). */
const APPROXIMATORS = /^(?:about|around|approximately|roughly|nearly|almost|over|under|some|more than|less than|fewer than|up to|at least|at most|just over|just under)\s+/i;

/** The entity without a leading approximator. */
function withoutApproximator(entity: Entity): Entity {
  const lead = APPROXIMATORS.exec(entity.text);
  return lead ? { ...entity, start: entity.start + lead[0].length, text: entity.text.slice(lead[0].length) } : entity;
}

/** A number with digits as a blank, pooled by its unit (percent, a currency and scale, or a plain count). */
function numberCandidate(entity: Entity): { pool: string; value: number } | undefined {
  const text = entity.text;
  const digits = /\d[\d,]*(?:\.\d+)?/.exec(text);
  if (!digits) return undefined;
  // Codes, not quantities: a leading zero or plus sign (phone and area codes, "+49").
  if (/^[+]/.test(text) || /^0\d/.test(digits[0])) return undefined;
  const value = Number(digits[0].replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const scaleWord = Object.keys(SCALES).find((s) => new RegExp(`\\b${s}\\b`, 'i').test(text));
  const scaled = value * (scaleWord ? (SCALES[scaleWord] ?? 1) : 1);
  if (entity.type === 'PERCENT') return { pool: 'number:percent', value };
  if (entity.type === 'MONEY') {
    const currency = /[$€£¥₹]|\b(?:usd|eur|gbp|yuan|rupees?|dollars?|euros?|pounds?)\b/i.exec(text)?.[0].toLowerCase() ?? 'money';
    return { pool: `number:money:${currency.replace(/s$/, '')}`, value: scaled };
  }
  // Years are dates; small plain counts ("2 sides") are guesses, not facts.
  if (/^(1[5-9]\d\d|20\d\d)$/.test(digits[0])) return undefined;
  if (value < 10 && !digits[0].includes('.')) return undefined;
  return { pool: 'number:count', value: scaled };
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** True when the rest of the sentence repeats a term of the answer (or the same digits). */
function echoedIn(sentence: string, span: Span, type: BlankType): boolean {
  const answer = sentence.slice(span.start, span.end);
  const rest = `${sentence.slice(0, span.start)} ${sentence.slice(span.end)}`;
  if (type === 'number' || type === 'date') {
    const numbers = answer.match(/\d[\d,.]*\d|\d/g) ?? [];
    return numbers.some((n) => new RegExp(`(^|[^\\d])${n.replace(/[.,]/g, '\\$&')}([^\\d]|$)`).test(rest));
  }
  const answerTerms = new Set(terms(answer));
  if (terms(rest).some((t) => answerTerms.has(t))) return true;
  // An acronym right after its expansion, or an expansion right before its acronym, gives the other away.
  const after = sentence.slice(span.end, span.end + 12);
  const before = sentence.slice(Math.max(0, span.start - 1), span.start);
  return /^\s*\([\p{Lu}][\p{Lu}\p{Ll}&-]*\)/u.test(after) || (before === '(' && sentence[span.end] === ')');
}

function candidatesOf(
  sentence: string,
  offset: number,
  tokens: readonly Token[],
  entities: readonly Entity[],
  paragraphText: string,
  words: DocumentWords,
  settings: StudySettings,
): RawCandidate[] {
  const inSentence = (s: Span) => s.start >= offset && s.end <= offset + sentence.length;
  const local = (s: Span): Span => ({ start: s.start - offset, end: s.end - offset });
  const out: RawCandidate[] = [];
  const taken: Span[] = [];
  const push = (candidate: Omit<RawCandidate, 'text' | 'echoed'>) => {
    const span = { start: candidate.start, end: candidate.end };
    if (span.end <= span.start || taken.some((t) => overlaps(t, span))) return;
    // A blank over half the sentence leaves nothing to recall it from.
    if (span.end - span.start > sentence.length / 2) return;
    taken.push(span);
    out.push({ ...candidate, text: sentence.slice(span.start, span.end), echoed: echoedIn(sentence, span, candidate.type) });
  };
  for (const entity of entities) {
    if (!inSentence(entity)) continue;
    const span = local(entity);
    if (entity.type === 'DATE' || entity.type === 'DURATION') {
      const date = dateCandidate({ ...entity, ...span });
      if (date) push({ type: 'date', pool: date.pool, start: date.start, end: date.end, value: date.value });
    } else if (entity.type === 'MONEY' || entity.type === 'PERCENT' || entity.type === 'CARDINAL') {
      const exact = withoutApproximator(entity);
      const number = numberCandidate(exact);
      const exactSpan = local(exact);
      // A number opening the sentence is a clause or step number ("2.3 All rights…"), not a fact.
      if (exactSpan.start === 0 || /^[\s(]*$/.test(sentence.slice(0, exactSpan.start))) continue;
      // One group of a phone number or code ("0345 600 1184"): digits right before or after it.
      if (/\d\s?$/.test(sentence.slice(0, exactSpan.start)) || /^\s?\d/.test(sentence.slice(exactSpan.end))) continue;
      if (number) push({ type: 'number', pool: number.pool, start: exactSpan.start, end: exactSpan.end, value: number.value });
      else if (entity.type === 'CARDINAL' && /^(1[5-9]\d\d|20\d\d)$/.test(exact.text)) {
        push({ type: 'date', pool: 'date:year', start: exactSpan.start, end: exactSpan.end, value: Number(exact.text) * 372 });
      }
    }
  }
  const sentenceTokens = tokens.filter((t) => inSentence(t));
  for (const name of findNames(sentenceTokens, paragraphText)) {
    const span = local(name);
    // A capitalised first word is a common word ("Residents said…", "Insurance covered…") unless the
    // document capitalises it inside a sentence too, or it is a known person or place.
    const opening = /^["“‘(]?$/.test(sentence.slice(0, span.start));
    const firstWord = name.text.split(/[\s-]/)[0] ?? '';
    const common = words.lowercase.has(firstWord.toLowerCase()) || (!name.text.includes(' ') && !words.capitalisedInside.has(name.text));
    if (opening && common && name.kind !== 'person' && name.kind !== 'place') continue;
    push({ type: 'name', pool: `name:${name.kind satisfies NameKind}`, start: span.start, end: span.end, lexicalKey: name.text.toLowerCase() });
  }
  for (const token of sentenceTokens) {
    if (token.pos !== 'NOUN' || !/^\p{Ll}+$/u.test(token.text) || token.text.length < settings.termMinChars || STOP_WORDS.has(token.text)) continue;
    // Half of a hyphenated compound ("all-weather") or a title ("minister") is not a term to recall.
    if (paragraphText[token.start - 1] === '-' || paragraphText[token.end] === '-' || PERSON_TITLES.has(token.text)) continue;
    // "-ing" nouns are mostly verbs the tagger misread ("developing"): poor blanks and poor distractors.
    if (token.text.endsWith('ing')) continue;
    const key = terms(token.text)[0];
    if (!key) continue;
    push({ type: 'term', pool: 'term', ...local(token), lexicalKey: key });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Prompt sentences of a paragraph with their blank candidates (unscored). */
export interface DocumentWords {
  /** Words the document capitalises after a lower-case word: names, not sentence openings. */
  capitalisedInside: ReadonlySet<string>;
  /** Words the document writes in lower case somewhere: common words, whatever their capital at a sentence's start. */
  lowercase: ReadonlySet<string>;
}

export function documentWordsOf(text: string): DocumentWords {
  return {
    capitalisedInside: new Set(text.match(/(?<=\p{Ll}[,;:]?\s)\p{Lu}[\p{L}'’-]*/gu) ?? []),
    lowercase: new Set(text.match(/(?<![\p{L}])\p{Ll}[\p{Ll}'’]*/gu) ?? []),
  };
}

export function paragraphCandidates(paragraphText: string, words: DocumentWords, settings: StudySettings): RawSentence[] {
  const { tokens, entities } = analyse(paragraphText);
  const sentences: RawSentence[] = [];
  for (const span of splitSentences(paragraphText)) {
    const text = paragraphText.slice(span.start, span.end);
    if (!isPromptSentence(text, settings)) continue;
    const firstWord = (/^["“‘(]?([\p{L}']+)/u.exec(text)?.[1] ?? '').toLowerCase();
    const candidates = candidatesOf(text, span.start, tokens, entities, paragraphText, words, settings);
    if (candidates.length > 0) sentences.push({ start: span.start, end: span.end, text, dependent: DEPENDENT_OPENERS.has(firstWord), candidates });
  }
  return sentences;
}
