// The form of answer a question expects, from its wording: "how many" wants a number, "when" a
// date, "who" a name, "what is X" a definition. A passage whose best sentence holds that kind of
// thing is likelier to answer; one that lacks it is likelier only to share the topic. English
// question forms only: other languages get no expected type (no bonus, no penalty).

export type AnswerType = 'number' | 'measure' | 'money' | 'duration' | 'time' | 'date' | 'name' | 'definition';

/** First matching rule wins: the specific forms ("how much does it cost") before the general ones ("how much"). */
const RULES: ReadonlyArray<[AnswerType, RegExp]> = [
  ['money', /\bhow much\b.{0,40}\b(cost|costs|pay|paid|charge[ds]?|fee|fees|price|spend|owe|fined?|worth|budget)\b|\bwhat (is|are|was) the (price|cost|fee|charge|fine|rent|budget|salary)s?\b|\bhow much money\b/],
  ['duration', /\bhow long (does|do|did|will|would|can|should|is it|are|was|were|before|after|until|ago)\b|\bhow many (seconds|minutes|hours|days|weeks|months|years|decades)\b|\bfor what period\b|\bhow long\b(?!.*\b(is|are|was) (the|a|an|it)\b)/],
  ['measure', /\bhow (far|high|tall|deep|wide|thick|heavy|long is|long are|long was)\b|\b(what|which) ([a-z]+ )?(distance|height|depth|width|length|weight|area|volume|size|temperature|voltage|power|pressure|speed|wavelength|frequency)\b/],
  ['time', /\b(at )?what time\b|\bhow early\b|\bhow late\b/],
  ['date', /\bwhen\b|\bwhat (year|date|day|month|century)\b|\bwhich (year|date|day|month|century)\b|\bsince when\b|\bin what year\b/],
  ['number', /\bhow (many|much|big|far|old|often|high|tall|heavy|large|small|wide|deep|fast|hot|cold|warm|long)\b|\b(what|which) ([a-z]+ )?(percentage|proportion|share|number|amount|size|temperature|voltage|speed|weight|length|capacity|rate|ratio|limit|maximum|minimum|version)\b|\bhow many\b/],
  ['name', /\bwho\b|\bwhom\b|\bwhose\b|\b(which|what) (company|companies|organi[sz]ation|person|people|team|firm|body|authority|court|agency|country|countries|city|cities|town|region|place|state|university|group|author|provider)\b|\bwhere\b|\bname of\b/],
  ['definition', /^(what|who) (is|are) (an? |the )?[^,?]{1,60}\??$|\bwhat does .{1,60} (mean|stand for)\b|\bmeaning of\b|\bdefin(e|ed|ition) of\b|^define\b|\bwhat counts as\b|\bwhat is meant by\b|\bwhat (is|are) (considered|regarded as)\b/],
];

/** "what's" → "what is": the rules read the question words spelled out. */
const CONTRACTED_IS = /\b(what|who|where|when|how)['’]s\b/g;

export function expectedAnswerType(question: string): AnswerType | undefined {
  const text = question.toLowerCase().replace(/\s+/g, ' ').replace(CONTRACTED_IS, '$1 is').trim();
  return RULES.find(([, pattern]) => pattern.test(text))?.[0];
}
