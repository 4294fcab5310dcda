// What kinds of answer a sentence holds (numbers, amounts, durations, times, dates, names,
// definitions), read with wink-nlp's English model (shipped inside its npm package; ~0.3 ms a
// sentence). Only the best sentence of the top few candidates is ever read, and each sentence
// once per index generation (callers cache), so the cost stays off the index build.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { AnswerType } from '../retrieval/answer-type.js';

const nlp = winkNLP(model);
const its = nlp.its;

/** wink entity types → the answer types they can satisfy. */
const ENTITY_TYPES: Record<string, AnswerType[]> = {
  DATE: ['date'],
  TIME: ['time', 'date'],
  DURATION: ['duration', 'number'],
  MONEY: ['money', 'number'],
  PERCENT: ['number'],
  CARDINAL: ['number'],
  ORDINAL: ['number'],
};

/** A sentence that defines something: "'X' means …", "X is defined as …", "X refers to …". */
const DEFINITION_CUE = /\bmeans?\b|\bis defined as\b|\bare defined as\b|\brefers? to\b|\bis (a|an|the) [\p{L}-]+\b|\bare [\p{L}-]+ (that|which|who)\b|\bdenotes?\b|\bstands? for\b|\bis called\b|\bis known as\b/iu;
/** A number with a unit of measure: "22 nautical miles", "1.5 m", "2,300 W", "45 °C". */
const MEASURE = /\d[\d.,]*\s?(-\s?)?(nautical miles?|miles?|mi|km|kilomet(er|re)s?|met(er|re)s?|m|cm|mm|feet|foot|ft|inch(es)?|in|yards?|hectares?|ha|acres?|square \w+|kg|kilograms?|grams?|g|tonnes?|tons?|lbs?|pounds?|litres?|liters?|l|ml|°\s?[cf]|degrees?|w|kw|watts?|v|volts?|hz|mhz|ghz|bar|psi|db|km\/h|mph|knots?|gb|mb|tb|mib|gib)\b/i;
/** Digits with a currency sign or code: wink misses some ("£25", "25 EUR"). */
const CURRENCY = /[£$€¥₹]\s?\d|\d\s?(pence|p|cents?|dollars?|euros?|pounds?|yuan|yen|rupees?|francs?|usd|eur|gbp|chf)\b/i;

export function answerTypesIn(sentence: string): Set<AnswerType> {
  const found = new Set<AnswerType>();
  const doc = nlp.readDoc(sentence);
  for (const type of doc.entities().out(its.type) as string[]) for (const t of ENTITY_TYPES[type] ?? []) found.add(t);
  // A year is a date, not a quantity: only numbers outside date entities answer "how many".
  const outsideDates = (doc.entities().out(its.detail) as Array<{ value: string; type: string }>)
    .filter((e) => e.type === 'DATE' || e.type === 'TIME')
    .reduce((text, e) => text.replace(e.value, ' '), sentence);
  if (/\d/.test(outsideDates)) found.add('number');
  if (MEASURE.test(outsideDates)) found.add('measure').add('number');
  if (CURRENCY.test(sentence)) found.add('money').add('number');
  // Names: a proper noun that does not merely open the sentence.
  const pos = doc.tokens().out(its.pos) as string[];
  if (pos.some((tag, i) => tag === 'PROPN' && i > 0)) found.add('name');
  if (DEFINITION_CUE.test(sentence)) found.add('definition');
  return found;
}
