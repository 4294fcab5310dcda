// What the best passage lacks: which of the question's words it holds (pure), and the cosine gain the
// answer check reads from it, on a tiny real index with hand-made vectors standing in for the model.
import { describe, expect, it } from 'vitest';
import { absentWordsGain, keptWords } from '../../../src/core/answer/absent-words.js';
import type { QuestionEmbedding } from '../../../src/core/embed/embedder.js';
import type { FusedHit } from '../../../src/core/retrieval/fuse.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { runStages } from '../../../src/core/retrieval/pipeline.js';
import { RANKING_STAGES } from '../../../src/core/retrieval/stages.js';
import { resolveSettings } from '../../../src/core/settings.js';
import { TINY_DIMENSION, tinyIndex, unitVector } from '../../support/tiny-index.js';

describe('keptWords', () => {
  const holds = (...words: string[]) => (word: string) => words.includes(word);

  it('drops the words the passage lacks and keeps question and stop words', () => {
    // "How much does the HX-Mesh satellite" is kept; "cost?" goes.
    expect(keptWords('How much does the HX-Mesh satellite cost?', holds('hx', 'mesh', 'satellite'))).toEqual([true, true, true, true, true, true, false]);
  });

  it('keeps a token when any of its words is held (hyphenated and punctuated forms)', () => {
    // "Is the co-op open on" is kept; "Sundays?" goes.
    expect(keptWords('Is the co-op open on Sundays?', holds('co', 'open'))).toEqual([true, true, true, true, true, false]);
  });

  it('is undefined when nothing is lacking, or when only question and stop words would be left', () => {
    expect(keptWords('When do the gates open?', holds('gates', 'open'))).toBeUndefined();
    expect(keptWords('Who chairs the committee?', holds())).toBeUndefined();
    expect(keptWords('   ', holds())).toBeUndefined();
  });
});

describe('absentWordsGain', () => {
  const index = tinyIndex([{ id: 'harbour.txt', text: 'Harbour Notes\n\nThe harbour master opens the lock gates at six.', vectors: [unitVector(0)] }]);
  const settings = resolveSettings({});
  /**
   * The stand-in model: one token per word, [CLS] and [SEP] around them; words matching `away`
   * point away from the passage (axis 1), the others at it (axis 0). The vector is their mean.
   */
  const model = (away: RegExp, tokens = true) => (text: string): Promise<QuestionEmbedding> => {
    const words = text.split(/\s+/).filter(Boolean);
    const rows = [unitVector(0), ...words.map((w) => (away.test(w) ? unitVector(1) : unitVector(0))), unitVector(0)];
    const sum = rows.reduce((acc, r) => acc.map((x, d) => x + (r[d] ?? 0)), new Float32Array(TINY_DIMENSION));
    const vector = sum.map((x) => x / Math.hypot(...sum));
    const states = Float32Array.from(rows.flatMap((r) => Array.from(r)));
    return Promise.resolve(tokens ? { vector, tokens: { states, dim: TINY_DIMENSION, wordTokens: words.map(() => 1) } } : { vector });
  };
  const embedQuestion = model(/mooring|charge/i);
  const embed = async (text: string) => (await embedQuestion(text)).vector;
  const bestHit = async (question: string) => {
    const query = analyzeQuery(question, index.acronyms, index.lexical);
    const { state } = await runStages(RANKING_STAGES, { index, query, mode: 'hybrid', settings, embed });
    return { query, best: state.hits[0] };
  };

  it('is the cosine the question gains on the passage once the words it lacks are gone', async () => {
    const question = 'What does the harbour master charge for mooring?';
    const { query, best } = await bestHit(question);
    const gain = await absentWordsGain(index, query, best, embedQuestion);
    // The rest is the passage's own direction (cosine 1); the whole is 8 rows at it and 2 away.
    const whole = (await embedQuestion(question)).vector[0] ?? 0;
    expect(whole).toBeCloseTo(8 / Math.hypot(8, 2), 5);
    expect(gain).toBeCloseTo(1 - whole, 5);
    expect(gain).toBeGreaterThan(0.02);
  });

  it('is 0 when the passage holds every word, without embedding anything', async () => {
    const { query, best } = await bestHit('When does the harbour master open the lock gates?');
    let calls = 0;
    const counting = (text: string) => ((calls += 1), embedQuestion(text));
    expect(await absentWordsGain(index, query, best, counting)).toBe(0);
    expect(calls).toBe(0);
  });

  it('is 0 when the rest of the question is farther from the passage than the whole (no evidence either way)', async () => {
    const { query, best } = await bestHit('What does the harbour master charge for mooring?');
    const towards = model(/^(what|does|the|harbour|master|for)$/i);
    expect(await absentWordsGain(index, query, best, towards)).toBe(0);
  });

  it('is not measured (NaN) when the model gave no token states to pool', async () => {
    const { query, best } = await bestHit('What does the harbour master charge for mooring?');
    expect(await absentWordsGain(index, query, best, model(/mooring|charge/i, false))).toBeNaN();
  });

  it('is 0 when the passage cosines are not to be trusted or there is no model or no hit', async () => {
    const { query, best } = await bestHit('What does the harbour master charge for mooring?');
    const untrusted: FusedHit | undefined = best?.evidence ? { ...best, evidence: { ...best.evidence, denseTrusted: false } } : undefined;
    expect(untrusted).toBeDefined();
    expect(await absentWordsGain(index, query, untrusted, embedQuestion)).toBe(0);
    expect(await absentWordsGain(index, query, best, undefined)).toBe(0);
    expect(await absentWordsGain(index, query, undefined, embedQuestion)).toBe(0);
  });
});
