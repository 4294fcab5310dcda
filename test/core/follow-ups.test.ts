// Follow-ups and "more like this" with the real model and index, on the encyclopedia corpus
// (several documents about one town and its river: the subject decides which one answers).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/core/text/normalize.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { useSharedEngine } from '../support/shared-engine.js';

const getEngine = useSharedEngine(path.join(PROJECT_ROOT, 'test/eval/corpora/encyclopedia/docs'));
const has = (text: string | undefined, phrase: string) => normalizeForMatch(text ?? '').includes(normalizeForMatch(phrase));

describe('follow-up questions', () => {
  it('ranks the passage a follow-up needs first with the earlier question as context, and not without it', async () => {
    const engine = getEngine();
    const followUp = 'at what temperature is it run?';
    const withContext = await engine.rank(followUp, 'hybrid', 3, { context: ['What is the Haber-Bosch process?'] });
    const without = await engine.rank(followUp, 'hybrid', 3);
    expect(withContext[0]?.chunk.docId).toBe('nitrogen-fixation.txt');
    expect(has(withContext[0]?.chunk.text, 'about 400 to 500 °C')).toBe(true);
    expect(has(without[0]?.chunk.text, 'about 400 to 500 °C')).toBe(false);
    const answer = await engine.ask(followUp, { context: ['What is the Haber-Bosch process?'] });
    expect(answer.question).toBe(followUp);
    expect(answer.contextQuestion).toBe('What is the Haber-Bosch process?');
  });

  it('answers a question that stands on its own exactly as without context, and does not claim one', async () => {
    const engine = getEngine();
    const question = 'Who first explained how atolls form?';
    const context = ['What is the tidal bore on the Senn?'];
    const ids = (ranked: Awaited<ReturnType<typeof engine.rank>>) => ranked.map((r) => [r.chunk.id, r.score]);
    expect(ids(await engine.rank(question, 'hybrid', 10, { context }))).toEqual(ids(await engine.rank(question, 'hybrid', 10)));
    const answer = await engine.ask(question, { context });
    expect(answer.contextQuestion).toBeUndefined();
    expect(answer.excerpts.map((e) => e.chunkId)).toEqual((await engine.ask(question)).excerpts.map((e) => e.chunkId));
  });

  it('lists passages like an answer’s from other documents, one per document, cited', async () => {
    const engine = getEngine();
    const answer = await engine.ask('When did the last collier sail from Calloway?');
    const top = answer.excerpts[0];
    expect(top).toBeDefined();
    const related = await engine.moreLikeThis(top?.chunkId ?? '');
    expect(related?.docId).toBe(top?.citation.docId);
    expect(related?.hits.length).toBeGreaterThan(0);
    const docs = related?.hits.map((h) => h.citation.docId) ?? [];
    expect(docs).not.toContain(top?.citation.docId);
    expect(new Set(docs).size).toBe(docs.length);
    // The town's other documents (its river, its engineers) are closer than chemistry or stars.
    expect(docs[0]).toMatch(/river-senn|greenhalgh|marren/);
    for (const hit of related?.hits ?? []) expect(engine.passage(hit.citation.docId, hit.citation.paragraphStart, 0)).toBeDefined();
    expect(await engine.moreLikeThis('no-such-document.txt#0')).toBeUndefined();
  });
});
