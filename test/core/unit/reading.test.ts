// Reading turns, pure: a PDF page by page (the paragraphs that begin on it), anything else paragraph by paragraph.
import { describe, expect, it } from 'vitest';
import { readingWindow } from '../../../src/core/reading.js';
import type { Paragraph } from '../../../src/core/types.js';

const paragraph = (index: number, page?: number): Paragraph => ({ index, text: `P${index}`, start: index * 10, end: index * 10 + 5, ...(page ? { pages: { start: page, end: page } } : {}) });

describe('readingWindow', () => {
  it('steps paragraph by paragraph through a document without pages', () => {
    const doc = [1, 2, 3].map((i) => paragraph(i));
    expect(readingWindow(doc, 1)).toMatchObject({ focus: 1, next: 2 });
    expect(readingWindow(doc, 1)?.previous).toBeUndefined();
    expect(readingWindow(doc, 2)).toMatchObject({ focus: 2, previous: 1, next: 3 });
    expect(readingWindow(doc, 99)).toMatchObject({ focus: 3, previous: 2 });
    expect(readingWindow(doc, 99)?.next).toBeUndefined();
  });

  it('shows a whole page of a paged document, and steps to the first paragraph of the pages around it', () => {
    // Pages: 1 → ¶1–2, 2 → ¶3–5, 3 → ¶6.
    const doc = [paragraph(1, 1), paragraph(2, 1), paragraph(3, 2), paragraph(4, 2), paragraph(5, 2), paragraph(6, 3)];
    const middle = readingWindow(doc, 4);
    expect(middle?.paragraphs.map((p) => p.index)).toEqual([3, 4, 5]);
    expect(middle).toMatchObject({ focus: 3, previous: 1, next: 6 });
    expect(readingWindow(doc, 6)).toMatchObject({ focus: 6, previous: 3 });
    expect(readingWindow(doc, 1)?.paragraphs.map((p) => p.index)).toEqual([1, 2]);
  });

  it('is undefined for a document without paragraphs', () => {
    expect(readingWindow([], 1)).toBeUndefined();
  });
});
