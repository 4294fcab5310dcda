// Part-of-speech tags and numeric/date entities, with character offsets, from wink-nlp and its
// English light model (both installed from npm: no download at run time). wink is used because it
// tags a paragraph in about 0.6 ms per kilobyte — the whole 1,000-document benchmark corpus in a
// few seconds — where compromise takes 15 ms per kilobyte (measured, see the README); compromise
// is kept for what wink cannot do, telling people from places and organisations (names.ts).
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type PartOfSpeech = string;

export interface Token {
  text: string;
  start: number;
  end: number;
  pos: PartOfSpeech;
}

export interface Entity {
  /** wink's entity type: DATE, CARDINAL, ORDINAL, MONEY, PERCENT, DURATION, TIME… */
  type: string;
  start: number;
  end: number;
  text: string;
}

export interface Analysis {
  tokens: Token[];
  entities: Entity[];
}

let instance: ReturnType<typeof winkNLP> | undefined;

function nlp(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model);
  return instance;
}

/** Tokens and entities of `text`; offsets index into `text`. */
export function analyse(text: string): Analysis {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    const found = text.indexOf(value, cursor);
    // wink keeps token text verbatim; if a token is not found (it never should be), skip it.
    if (found < 0) continue;
    tokens.push({ text: value, start: found, end: found + value.length, pos: tags[i] ?? 'X' });
    cursor = found + value.length;
  }
  const entities: Entity[] = [];
  const byIndex = (i: number) => tokens[Math.min(Math.max(0, i), tokens.length - 1)];
  const spans = doc.entities().out(its.span) as unknown as number[][];
  const types = doc.entities().out(its.type) as string[];
  spans.forEach((span, i) => {
    // Token indices count every token; entities refer to them directly when nothing was skipped.
    if (values.length !== tokens.length) return;
    const first = byIndex(span[0] ?? 0);
    const last = byIndex(span[1] ?? 0);
    if (!first || !last) return;
    entities.push({ type: types[i] ?? 'UNKNOWN', start: first.start, end: last.end, text: text.slice(first.start, last.end) });
  });
  return { tokens, entities };
}
