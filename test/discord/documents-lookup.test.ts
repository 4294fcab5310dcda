import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/core/types.js';
import { documentChoices, resolveDocument, type DocumentDirectory } from '../../src/discord/documents-lookup.js';
import { documentSummary } from './fixtures/synthetic-answers.js';

/** A directory of documents with pathological names (the real corpus has none). */
function directory(documents: DocumentSummary[]): DocumentDirectory {
  return {
    documents: () => documents,
    findDocuments: (text, limit) =>
      documents.filter((d) => d.title.toLowerCase().includes(text.toLowerCase()) || d.id.toLowerCase().includes(text.toLowerCase())).slice(0, limit),
  };
}

describe('documentChoices', () => {
  const many = Array.from({ length: 60 }, (_, i) => documentSummary(i, { id: `${'long-name-'.repeat(20)}${i}.txt`, title: `Report ${'x'.repeat(1000)} ${i}` }));

  it('offers at most 25 choices with names and values of at most 100 characters', () => {
    for (const typed of ['', 'report', 'long']) {
      const choices = documentChoices(directory(many), typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('resolves a value cut to 100 characters back to its document', () => {
    const one = [documentSummary(1, { id: `${'a'.repeat(150)}.txt` }), documentSummary(2)];
    const [choice] = documentChoices(directory(one), 'aaaa');
    expect(resolveDocument(directory(one), choice?.value ?? '')?.id).toBe(one[0]?.id);
  });

  it('resolves ids, exact titles and unique partial titles; not ambiguous ones', () => {
    const docs = [documentSummary(1, { title: 'China and Pakistan' }), documentSummary(2, { title: 'China and the SCO' })];
    expect(resolveDocument(directory(docs), 'doc-2.txt')?.id).toBe('doc-2.txt');
    expect(resolveDocument(directory(docs), 'china and pakistan')?.id).toBe('doc-1.txt');
    expect(resolveDocument(directory(docs), 'SCO')?.id).toBe('doc-2.txt');
    expect(resolveDocument(directory(docs), 'China')).toBeUndefined();
    expect(resolveDocument(directory(docs), '  ')).toBeUndefined();
  });
});
