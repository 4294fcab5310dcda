// What the best passage lacks: the question without those words (pure), and the cosine gain the
// answer check reads from it, on a tiny real index with hand-made vectors standing in for the model.
import { describe, expect, it } from 'vitest';
import { absentWordsGain, withoutAbsentWords } from '../../../src/core/answer/absent-words.js';
import type { FusedHit } from '../../../src/core/retrieval/fuse.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { runStages } from '../../../src/core/retrieval/pipeline.js';
import { RANKING_STAGES } from '../../../src/core/retrieval/stages.js';
import { resolveSettings } from '../../../src/core/settings.js';
import { tinyIndex, unitVector } from '../../support/tiny-index.js';

describe('withoutAbsentWords', () => {
  const holds = (...words: string[]) => (word: string) => words.includes(word);

  it('drops the words the passage lacks and keeps question and stop words', () => {
    expect(withoutAbsentWords('How much does the HX-Mesh satellite cost?', holds('hx', 'mesh', 'satellite'))).toBe('How much does the HX-Mesh satellite');
  });

  it('keeps a token when any of its words is held (hyphenated and punctuated forms)', () => {
    expect(withoutAbsentWords('Is the co-op open on Sundays?', holds('co', 'open'))).toBe('Is the co-op open on');
  });

  it('is undefined when nothing is lacking, or when only question and stop words would be left', () => {
    expect(withoutAbsentWords('When do the gates open?', holds('gates', 'open'))).toBeUndefined();
    expect(withoutAbsentWords('Who chairs the committee?', holds())).toBeUndefined();
    expect(withoutAbsentWords('   ', holds())).toBeUndefined();
  });
});

describe('absentWordsGain', () => {
  const index = tinyIndex([{ id: 'harbour.txt', text: 'Harbour Notes\n\nThe harbour master opens the lock gates at six.', vectors: [unitVector(0)] }]);
  const settings = resolveSettings({});
  // The stand-in model: a question mentioning "mooring" points away from the passage, one without it at it.
  const embed = (text: string) => Promise.resolve(/mooring/i.test(text) ? unitVector(0, 2) : unitVector(0, 0.1));
  const bestHit = async (question: string) => {
    const query = analyzeQuery(question, index.acronyms, index.lexical);
    const { state } = await runStages(RANKING_STAGES, { index, query, mode: 'hybrid', settings, embed });
    return { query, best: state.hits[0] };
  };

  it('is the cosine the question gains on the passage once the words it lacks are gone', async () => {
    const { query, best } = await bestHit('What does the harbour master charge for mooring?');
    const gain = await absentWordsGain(index, query, best, embed);
    const whole = unitVector(0, 2)[0] ?? 0;
    const rest = unitVector(0, 0.1)[0] ?? 0;
    expect(gain).toBeCloseTo(rest - whole, 5);
    expect(gain).toBeGreaterThan(0.3);
  });

  it('is 0 when the passage holds every word, without embedding anything more', async () => {
    const { query, best } = await bestHit('When does the harbour master open the lock gates?');
    let calls = 0;
    const counting = (text: string) => ((calls += 1), embed(text));
    expect(await absentWordsGain(index, query, best, counting)).toBe(0);
    expect(calls).toBe(0);
  });

  it('is 0 when the rest of the question is farther from the passage than the whole (no evidence either way)', async () => {
    const { query, best } = await bestHit('What does the harbour master charge for mooring?');
    const towards = (text: string) => Promise.resolve(/mooring/i.test(text) ? unitVector(0, 0.1) : unitVector(0, 2));
    expect(await absentWordsGain(index, query, best, towards)).toBe(0);
  });

  it('is 0 when the passage cosines are not to be trusted or there is no model or no hit', async () => {
    const { query, best } = await bestHit('What does the harbour master charge for mooring?');
    const untrusted: FusedHit | undefined = best?.evidence ? { ...best, evidence: { ...best.evidence, denseTrusted: false } } : undefined;
    expect(untrusted).toBeDefined();
    expect(await absentWordsGain(index, query, untrusted, embed)).toBe(0);
    expect(await absentWordsGain(index, query, best, undefined)).toBe(0);
    expect(await absentWordsGain(index, query, undefined, embed)).toBe(0);
  });
});
