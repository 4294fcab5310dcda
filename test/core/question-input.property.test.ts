// Whatever a user types, the engine answers with a well-formed object and never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/types.js';
import { useSharedEngine } from '../support/shared-engine.js';

const getEngine = useSharedEngine();

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u200B', '\u200F', '\u202E', '\u2066', '\uFEFF', '\n', '\t', '🙂', '👍🏽', '中', 'é', 'ا'), maxLength: 80 }),
  fc.constantFrom('@everyone what is CPEC?', '<@123456789012345678> <@&223456789012345678> <#323456789012345678>', '[click](https://example.com) GSI', '```js\nalert(1)\n```', '?!.,;:—…', '   ', ''),
  fc.string({ minLength: 5000, maxLength: 6000 }),
  fc.tuple(fc.constantFrom('What is', 'who', 'When did'), fc.string({ maxLength: 40 })).map(([a, b]) => `${a} ${b}`),
);

function expectWellFormed(answer: Answer): void {
  expect(typeof answer.answered).toBe('boolean');
  expect(answer.excerpts.length).toBeLessThanOrEqual(3);
  if (!answer.answered) expect(answer.excerpts).toHaveLength(0);
  [...answer.excerpts, ...answer.related].forEach((excerpt) => {
    expect(excerpt.text.length).toBeGreaterThan(0);
    for (const h of excerpt.highlights) {
      expect(0 <= h.start && h.start < h.end && h.end <= excerpt.text.length).toBe(true);
    }
    expect(getEngine().passage(excerpt.citation.docId, excerpt.citation.paragraphStart)).toBeDefined();
  });
  answer.excerpts.forEach((excerpt, i) => expect(excerpt.citation.n).toBe(answer.offset + i + 1));
}

describe('question input', () => {
  it('answers arbitrary input with a well-formed answer, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.integer({ min: 0, max: 50 }), async (question, offset) => {
        expectWellFormed(await getEngine().ask(question));
        expectWellFormed(await getEngine().ask(question, { offset }));
        const page = await getEngine().search(question, { offset, limit: 5 });
        expect(page.hits.length).toBeLessThanOrEqual(5);
        expect(getEngine().findDocuments(question, 25).length).toBeLessThanOrEqual(25);
      }),
      { numRuns: 60 },
    );
  });

  it('treats input with no searchable words as not answerable', async () => {
    for (const question of ['', '   ', '?!.,;:', '\u200B\u200F\u202E', '🙂🙂🙂']) {
      expect((await getEngine().ask(question)).answered, JSON.stringify(question)).toBe(false);
    }
  });
});
