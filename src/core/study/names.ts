// Proper names in tagged text, and what kind of name each is (person, place, organisation), so a
// multiple-choice item about a person offers other people. wink marks proper nouns; the kind comes
// from the words around the name (a title before it, an organisation word at its end) and, failing
// those, from compromise's lexicon of given names, places and organisations, run on the name alone
// (cached: a corpus repeats its names).
import nlp from 'compromise';
import type { Token } from './nlp.js';

export { PERSON_TITLES };

export type NameKind = 'person' | 'place' | 'organisation' | 'initiative' | 'acronym' | 'demonym' | 'name';

/** Kinds whose names make fair distractors for each other; other names are asked as typed answers only. */
export const CHOICE_KINDS: ReadonlySet<NameKind> = new Set(['person', 'place', 'organisation', 'initiative', 'demonym']);

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  kind: NameKind;
}

/** Words that introduce a person and are not part of the answer ("Prime Minister", "Dr."). */
const PERSON_TITLES = new Set(
  'mr mrs ms miss dr prof professor president minister premier chairman chairwoman chair secretary ambassador governor mayor senator general councillor councilor sir dame lord lady king queen prince princess judge justice director chief ceo spokesperson spokesman spokeswoman vice deputy prime foreign state counsellor envoy commissioner'.split(' '),
);
/** Last words that make a name an organisation. */
const ORGANISATION_WORDS = new Set(
  'organization organisation committee council university institute institution ministry department agency bank corporation company inc ltd association society commission party union federation foundation office bureau authority court parliament assembly board centre center school college library hospital group forum alliance league army navy police service services'.split(' '),
);
/** Last words that make a name a plan, programme, agreement or event. */
const INITIATIVE_WORDS = new Set(
  'initiative initiatives program programme project plan strategy act treaty agreement accord convention declaration summit conference corridor highway road route framework charter protocol vision policy festival games war'.split(' '),
);
/** Proper-noun-tagged words that are dates or calendar words, never names. */
const CALENDAR = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday'.split(' '),
);
/** Lower-case words allowed inside a name ("Ministry of Health", "University of the Punjab"). */
const CONNECTORS = new Set(['of', 'for', 'the', 'de']);

const kindCache = new Map<string, NameKind>();
const MAX_CACHED_KINDS = 50_000;

function lexiconKind(name: string): NameKind {
  const cached = kindCache.get(name);
  if (cached) return cached;
  const doc = nlp(name);
  const kind: NameKind = doc.has('#Demonym') ? 'demonym' : doc.people().found ? 'person' : doc.organizations().found ? 'organisation' : doc.places().found ? 'place' : 'name';
  if (kindCache.size >= MAX_CACHED_KINDS) kindCache.clear();
  kindCache.set(name, kind);
  return kind;
}

const bare = (word: string) => word.toLowerCase().replace(/\.$/, '');
const isCalendarWord = (word: string) => CALENDAR.has(bare(word)) || CALENDAR.has(bare(word).replace(/s$/, ''));
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/** A proper noun that can continue a name (not a date word). */
function isNameWord(token: Token | undefined): token is Token {
  return token !== undefined && token.pos === 'PROPN' && isCapitalised(token.text) && !isCalendarWord(token.text);
}

/**
 * How many tokens after `j` join the name: a proper noun right after it, a connector or a hyphen
 * before one ("China-Pakistan Economic Corridor"), or "and" between two words that are not
 * themselves known places or people ("Belt and Road", but not "China and Pakistan").
 */
function continuation(tokens: readonly Token[], j: number): number {
  const current = tokens[j];
  const next = tokens[j + 1];
  const after = tokens[j + 2];
  if (!current || !next) return 0;
  if (isNameWord(next) && next.start - current.end <= 1) return 1;
  if (!isNameWord(after)) return 0;
  if (CONNECTORS.has(next.text)) return 2;
  if (next.text === '-' && next.start === current.end && after.start === next.end) return 2;
  if (next.text === 'and' && lexiconKind(current.text) === 'name' && lexiconKind(after.text) === 'name') return 2;
  return 0;
}

/** Maximal runs of proper nouns (with connectors inside), titles split off, with their kind. */
export function findNames(tokens: readonly Token[], text: string): NameSpan[] {
  const names: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!isNameWord(token)) {
      i++;
      continue;
    }
    let j = i;
    for (let step = continuation(tokens, j); step > 0; step = continuation(tokens, j)) j += step;
    let first = i;
    let titled = false;
    while (first < j && PERSON_TITLES.has(bare(tokens[first]?.text ?? ''))) {
      first++;
      titled = true;
    }
    const previous = tokens[i - 1];
    if (previous && PERSON_TITLES.has(bare(previous.text))) titled = true;
    const head = tokens[first];
    const tail = tokens[j];
    const nameText = head && tail ? text.slice(head.start, tail.end) : '';
    // An all-capitals word longer than an acronym is a dateline ("ISLAMABAD:") or a shouted heading.
    const dateline = /^[\p{Lu}\s]{7,}$/u.test(nameText);
    // Next to a slash: a wire service tag ("/PRNewswire/") or a path, not a name in the sentence.
    const tagged = head && tail ? text[head.start - 1] === '/' || text[tail.end] === '/' : false;
    // "China-Pakistan relations": two names joined as a modifier, not a name to recall.
    const pairModifier = /^\p{Lu}[\p{L}]+-\p{Lu}[\p{L}]+$/u.test(nameText);
    const tooShort = nameText.replace(/[^\p{L}]/gu, '').length < 2;
    if (head && tail && !PERSON_TITLES.has(bare(tail.text)) && !dateline && !tagged && !pairModifier && !tooShort) {
      const lastWord = bare(tail.text);
      const kind: NameKind = /^[\p{Lu}\d&]{2,6}s?$/u.test(nameText) ? 'acronym' : ORGANISATION_WORDS.has(lastWord) ? 'organisation' : INITIATIVE_WORDS.has(lastWord) ? 'initiative' : titled ? 'person' : lexiconKind(nameText);
      names.push({ start: head.start, end: tail.end, text: nameText, kind });
    }
    i = j + 1;
  }
  return names;
}
