// Answer composition, pure: an excerpt quotes its chunk verbatim and cites the paragraph that
// holds the answering sentence (adapters never re-derive it by counting blank lines).
import { describe, expect, it } from 'vitest';
import { toExcerpt } from '../../../src/core/answer/excerpts.js';
import { Catalogue, paragraphAt } from '../../../src/core/catalogue.js';
import { chunkTermsOf } from '../../../src/core/index/chunk-terms.js';
import { buildDocument } from '../../../src/core/documents/build-document.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { DEFAULT_ANSWER } from '../../../src/core/settings.js';
import { splitSentences } from '../../../src/core/text/sentences.js';
import { tinyIndex, unitVector } from '../../support/tiny-index.js';

describe('paragraphAt', () => {
  const doc = buildDocument('p.txt', 'Title Line\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nThird paragraph here.', 'h');
  it('finds the paragraph holding an offset, edges included', () => {
    for (const paragraph of doc.paragraphs) {
      expect(paragraphAt(doc, paragraph.start)).toBe(paragraph.index);
      expect(paragraphAt(doc, paragraph.end - 1)).toBe(paragraph.index);
    }
    expect(paragraphAt(doc, 0)).toBe(1);
  });
});

describe('toExcerpt', () => {
  const index = tinyIndex([{ id: 'a.txt', text: 'Alpha Report\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird has the answer about lighthouses.', vectors: [unitVector(0)] }]);
  const doc = index.documents[0];
  if (!doc) throw new Error('no document');
  // One chunk spanning paragraphs 2–4, as the chunker packs short paragraphs.
  const start = doc.paragraphs[1]?.start ?? 0;
  const end = doc.paragraphs[3]?.end ?? 0;
  const text = doc.text.slice(start, end);
  index.chunks[0] = { ...index.chunks[0]!, text, sentences: splitSentences(text), paragraphStart: 2, paragraphEnd: 4, charStart: start, charEnd: end };
  index.chunkTerms = chunkTermsOf(index.chunks, index.documents);
  const catalogue = new Catalogue(index);
  const hit = { label: 0, score: 1, lexical: 1, dense: 0.9 };

  it('cites the paragraph of the answering sentence', () => {
    const excerpt = toExcerpt(index, catalogue, hit, analyzeQuery('Where are the lighthouses?', {}, index.lexical), 1, DEFAULT_ANSWER);
    expect(excerpt.text).toBe(doc.text.slice(start, end));
    expect(excerpt.text.slice(excerpt.highlights[0]?.start, excerpt.highlights[0]?.end)).toBe('Third has the answer about lighthouses.');
    expect(excerpt.citation).toMatchObject({ paragraphStart: 2, paragraphEnd: 4, paragraph: 4, title: 'Alpha Report', docId: 'a.txt', n: 1 });
  });

  it('cites the first paragraph when nothing is marked (a search hit)', () => {
    const excerpt = toExcerpt(index, catalogue, hit, analyzeQuery('lighthouses', {}, index.lexical), 3, DEFAULT_ANSWER, false);
    expect(excerpt.highlights).toEqual([]);
    expect(excerpt.citation).toMatchObject({ paragraph: 2, n: 3 });
  });
});
