// The PDF text pipeline, pure: positioned items → lines in reading order (two columns read one
// after the other), running headers/footers and page numbers removed, paragraphs and lists
// assembled across page breaks with line-end hyphenation undone, and page lookups.
import { describe, expect, it } from 'vitest';
import { citedPages, pageAt, pageName, pageRangeOf } from '../../../src/core/documents/pages.js';
import { findGutter, pageLines, rowsOf, type PageLine, type TextItem } from '../../../src/core/documents/pdf/layout.js';
import { joinLines } from '../../../src/core/documents/hyphenation.js';
import { linesToBlocks, type PdfLine } from '../../../src/core/documents/pdf/page-blocks.js';
import { pdfDate, pdfHints } from '../../../src/core/documents/pdf/pdf-metadata.js';
import { isPageNumber, removeRunningLines } from '../../../src/core/documents/pdf/running-lines.js';
import type { PageMap } from '../../../src/core/types.js';

/** A line of words as pdf.js gives them: one item per word, 10 pt, 5 pt per character. */
function words(text: string, x: number, y: number, size = 10): TextItem[] {
  const items: TextItem[] = [];
  let at = x;
  for (const word of text.split(' ')) {
    items.push({ str: word, x: at, y, width: word.length * 5, fontSize: size });
    at += word.length * 5 + 3;
  }
  return items;
}

const line = (text: string, page: number, y: number, extra: Partial<PdfLine> = {}): PdfLine => ({ text, page, x: 50, right: 300, y, fontSize: 10, column: 0, ...extra });

describe('reading order', () => {
  it('reads a two-column page column by column, full-width lines in place', () => {
    const items: TextItem[] = [...words('A Report Title Across Both Columns', 120, 800, 16)];
    for (let i = 0; i < 8; i++) {
      items.push(...words(`left line ${i} of the first column`, 50, 760 - i * 12));
      items.push(...words(`right line ${i} of the second column`, 320, 760 - i * 12));
    }
    items.push(...words('A full width closing line that runs across the gutter between them', 50, 640));
    const texts = pageLines(items).map((l) => l.text);
    expect(texts[0]).toBe('A Report Title Across Both Columns');
    expect(texts.slice(1, 9)).toEqual(Array.from({ length: 8 }, (_, i) => `left line ${i} of the first column`));
    expect(texts.slice(9, 17)).toEqual(Array.from({ length: 8 }, (_, i) => `right line ${i} of the second column`));
    expect(texts[17]).toMatch(/^A full width closing line/);
  });

  it('finds no gutter on a single-column page with ragged lines', () => {
    const items = Array.from({ length: 12 }, (_, i) => words(i % 3 ? 'a long line of prose that spans the whole measure of the page' : 'a short line', 50, 700 - i * 12)).flat();
    expect(findGutter(rowsOf(items))).toBeUndefined();
    expect(pageLines(items).every((l) => l.column === 0)).toBe(true);
  });

  it('keeps a superscript on its line and orders words by position', () => {
    const items: TextItem[] = [
      { str: 'world', x: 80, y: 700, width: 25, fontSize: 10 },
      { str: 'Hello', x: 50, y: 700, width: 25, fontSize: 10 },
      { str: '2', x: 106, y: 703.5, width: 3, fontSize: 6 },
    ];
    expect(pageLines(items).map((l) => l.text)).toEqual(['Hello world 2']);
  });
});

describe('running headers and footers', () => {
  const page = (n: number, body: string[]): PageLine[] => [
    { text: 'Lock Operations Manual', x: 50, right: 200, y: 800, fontSize: 9, column: 0 },
    ...body.map((text, i) => ({ text, x: 50, right: 300, y: 760 - i * 12, fontSize: 10, column: 0 })),
    { text: `Page ${n} of 5`, x: 150, right: 200, y: 40, fontSize: 9, column: 0 },
  ];

  it('removes a line repeated at the top of most pages and the page numbers', () => {
    const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];
    const pages = [1, 2, 3, 4, 5].map((n) => page(n, [`${names[n - 1]} opens this page.`, `The ${names[n - 1]} text goes on.`, `${names[n - 1]} closes it.`]));
    const cleaned = removeRunningLines(pages);
    cleaned.forEach((lines, i) => expect(lines.map((l) => l.text)).toEqual([`${names[i]} opens this page.`, `The ${names[i]} text goes on.`, `${names[i]} closes it.`]));
  });

  it('keeps a first line that repeats on too few pages, and recognises page numbers', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => [{ text: n < 3 ? 'Chapter One' : `Heading ${'xyzw'[n - 2]}`, x: 50, right: 200, y: 800, fontSize: 10, column: 0 }, ...page(n, ['Text.']).slice(1)]);
    const first = removeRunningLines(pages).map((lines) => lines[0]?.text);
    expect(first).toEqual(['Chapter One', 'Chapter One', 'Heading y', 'Heading z', 'Heading w']);
    for (const number of ['12', '- 12 -', 'Page 3', 'page 3 of 40', 'iv', 'xii']) expect(isPageNumber(number), number).toBe(true);
    for (const text of ['12 apples', 'Chapter 3', 'In 2023 the lock']) expect(isPageNumber(text), text).toBe(false);
  });
});

describe('paragraphs across lines and pages', () => {
  it('undoes end-of-line hyphenation but keeps compounds the text writes with a hyphen', () => {
    const vocabulary = new Set(['well-known', 'the']);
    expect(joinLines('the centi-', 'metres were', vocabulary)).toBe('the centimetres were');
    expect(joinLines('a well-', 'known method', vocabulary)).toBe('a well-known method');
    expect(joinLines('the COVID-', '19 wave', vocabulary)).toBe('the COVID-19 wave');
    expect(joinLines('plain', 'words', vocabulary)).toBe('plain words');
    expect(joinLines('soft\u00AD', 'ware', vocabulary)).toBe('software');
  });

  it('re-joins a sentence split by a page break and records where the page turns', () => {
    const blocks = linesToBlocks([
      line('The keeper waits until the level has fallen', 1, 700),
      line('below thirty centimetres before opening the pad-', 1, 688),
      line('dles completely, then logs the time.', 2, 780, { right: 200 }),
      line('A new paragraph starts after a gap.', 2, 750),
    ]);
    expect(blocks.map((b) => b.text)).toEqual([
      'The keeper waits until the level has fallen below thirty centimetres before opening the paddles completely, then logs the time.',
      'A new paragraph starts after a gap.',
    ]);
    const first = blocks[0];
    expect(first?.pageRuns?.map((r) => r.page)).toEqual([1, 2]);
    expect(first?.text.slice(first.pageRuns?.[1]?.at)).toBe('dles completely, then logs the time.');
  });

  it('starts a new paragraph on a new page after a full stop, and at a first-line indent', () => {
    const blocks = linesToBlocks([
      line('One paragraph that ends at the bottom of the page.', 1, 700),
      line('Another that begins on the next page and runs on', 2, 780),
      line('for a second line.', 2, 768, { right: 140 }),
      line('An indented first line begins this one, and it', 2, 756, { x: 70 }),
      line('continues here.', 2, 744, { right: 120 }),
    ]);
    expect(blocks.map((b) => b.text)).toEqual([
      'One paragraph that ends at the bottom of the page.',
      'Another that begins on the next page and runs on for a second line.',
      'An indented first line begins this one, and it continues here.',
    ]);
  });

  it('keeps bullet items as one list block, one item per line, and marks larger text as headings', () => {
    const blocks = linesToBlocks([
      line('Maintenance calendar', 1, 720, { fontSize: 14 }),
      line('Routine work follows a calendar:', 1, 700, { right: 200 }),
      line('• Weekly: grease the gate pintles and test', 1, 688),
      line('the warning lights.', 1, 676, { x: 62, right: 150 }),
      line('• Monthly: check the oil.', 1, 664, { right: 150 }),
      line('After the list, prose again.', 1, 652, { right: 150 }),
    ]);
    expect(blocks).toMatchObject([
      { text: 'Maintenance calendar', headingLevel: 1 },
      { text: 'Routine work follows a calendar:', headingLevel: 0 },
      { text: '• Weekly: grease the gate pintles and test the warning lights.\n• Monthly: check the oil.', kind: 'list' },
      { text: 'After the list, prose again.', headingLevel: 0 },
    ]);
  });
});

describe('PDF metadata', () => {
  it('reads PDF dates and ignores file-name titles', () => {
    expect(pdfDate("D:20210304120000+01'00'")).toBe('2021-03-04');
    expect(pdfDate('D:2019')).toBe('2019-01-01');
    expect(pdfHints({ info: { Title: 'Microsoft Word - draft3.docx', Author: 'A. Writer', CreationDate: 'D:20200101' } })).toEqual({ author: 'A. Writer', date: '2020-01-01' });
    expect(pdfHints({ info: {}, metadata: { get: (name: string) => (name === 'dc:title' ? 'From XMP' : null) } })).toEqual({ title: 'From XMP' });
  });
});

describe('page lookups', () => {
  const map: PageMap = { starts: [0, 100, 250], pages: [1, 2, 3], labels: ['iv', 'v', '1'], total: 3, read: 3 };
  it('finds the page of an offset and the pages of a span, cited by label', () => {
    expect([0, 99, 100, 249, 250, 999].map((o) => pageAt(map, o))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(pageRangeOf(map, 90, 110)).toEqual({ start: 1, end: 2 });
    expect(pageRangeOf(map, 90, 100)).toEqual({ start: 1, end: 1 });
    expect(citedPages(map, { start: 2, end: 3 })).toEqual({ start: 'v', end: '1', numbering: 'label' });
    const physical: PageMap = { starts: [0, 10], pages: [1, 2], total: 2, read: 2 };
    expect(citedPages(physical, { start: 2, end: 2 })).toEqual({ start: '2', end: '2', numbering: 'physical' });
    expect(pageName(physical, 2)).toBe('2');
  });
});
