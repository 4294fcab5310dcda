// PDF, HTML, DOCX and EPUB files made with real tools (scripts/fixtures/make-format-fixtures.sh)
// through the real engine: indexed, answered, cited with their metadata and, for PDFs, pages;
// every bad input skipped with one reason naming the file while everything else stays answerable.
import { copyFile, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { pdfLoader } from '../../src/core/documents/loaders/pdf.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../src/core/settings.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/formats');
const BAD = ['encrypted.pdf', 'scanned.pdf', 'truncated.pdf', 'picture.pdf', 'truncated.docx', 'truncated.epub', 'script-only.html'];

let workspace: TempWorkspace;
let engine: Engine;

beforeAll(async () => {
  workspace = await tempWorkspace(path.join(FIXTURES, 'docs'));
  for (const name of BAD) await copyFile(path.join(FIXTURES, 'bad', name), path.join(workspace.corpusDir, name));
  // A 200 MB PDF, sparse on disk: refused by its size before a byte of it is read.
  const big = await open(path.join(workspace.corpusDir, 'huge-scan.pdf'), 'w');
  await big.write('%PDF-1.7\n');
  await big.truncate(200 * 1024 * 1024);
  await big.close();
  await writeFile(path.join(workspace.corpusDir, 'notes.txt'), 'Plain Notes\n\nThe ferry to the island leaves at seven every morning.\n');
  engine = await openTestEngine(workspace);
}, 300_000);

afterAll(async () => {
  await engine?.close();
  await workspace?.cleanup();
});

describe('documents as people have them', () => {
  it('indexes every format with its own metadata', () => {
    const docs = Object.fromEntries(engine.documents().map((d) => [d.id, d]));
    expect(Object.keys(docs).sort()).toEqual([
      'bakery-article.html', 'cafe-muller.html', 'gannet-rock.epub', 'harbour-manual.pdf', 'notes.txt', 'river-survey.pdf', 'tide-table-notes.pdf', 'volunteer-handbook.docx',
    ]);
    expect(docs['harbour-manual.pdf']).toMatchObject({ format: 'pdf', title: 'Saltmarsh Harbour Lock Operations Manual', pages: 6 });
    // The memo's text names no title: the PDF's info dictionary does.
    expect(docs['tide-table-notes.pdf']).toMatchObject({ title: 'Reading the Spring Tide Tables', author: "Harbour Master's Office", date: '2024-03-18' });
    expect(docs['bakery-article.html']).toMatchObject({ format: 'html', title: 'Night shift at the oldest bakery on Quarry Street', date: '2024-11-08', author: 'Priya Castellane', source: 'The Millbrook Courier' });
    expect(docs['cafe-muller.html']).toMatchObject({ title: 'Café Müller reopens in the old tram depot', author: 'Jörg Ibáñez', date: '2023-06-14' });
    expect(docs['volunteer-handbook.docx']).toMatchObject({ format: 'docx', title: 'Riverside Community Garden Volunteer Handbook', author: 'Maren Oduya', date: '2024-04-02' });
    expect(docs['gannet-rock.epub']).toMatchObject({ format: 'epub', title: 'The Keeper of Gannet Rock', author: 'Edda Lindqvist', date: '2019-10-15', source: 'North Light Press' });
  });

  it('skips every bad input with one reason naming the file, and counts it', () => {
    const skipped = Object.fromEntries(engine.startup.skipped.map((s) => [s.file, s.reason]));
    expect(skipped).toEqual({
      'encrypted.pdf': expect.stringMatching(/^encrypted PDF/),
      'scanned.pdf': expect.stringMatching(/no text layer.*scanned.*OCR is not supported/),
      'truncated.pdf': expect.stringMatching(/corrupt or truncated PDF/),
      'picture.pdf': 'not a PDF file (the content is a PNG image)',
      'truncated.docx': expect.stringMatching(/corrupt or truncated DOCX/),
      'truncated.epub': expect.stringMatching(/corrupt or truncated EPUB/),
      'script-only.html': expect.stringMatching(/no readable text.*scripts/),
      'huge-scan.pdf': 'too large (200 MB, limit 100 MB for this file type)',
    });
  });

  it('cites the page of a PDF passage by its printed label, across a page break', async () => {
    const answer = await engine.ask('How long can the first stage of raising the paddles take on a spring tide?');
    const top = answer.excerpts[0];
    expect(answer.answered).toBe(true);
    expect(top?.citation).toMatchObject({ docId: 'harbour-manual.pdf', pages: { start: '1', end: '2', numbering: 'label' }, page: '1' });
    // The sentence that crossed the page break, and the word hyphenated across it, read whole.
    expect(top?.text).toContain('On a spring tide the first stage may last as long as eleven minutes, and the keeper must resist the temptation to hurry it');
    // "Show source" opens the same paragraph, and the passage view cites its page the same way.
    const view = engine.passage('harbour-manual.pdf', top?.citation.paragraph ?? 1, 1);
    expect(view?.pages).toMatchObject({ numbering: 'label', start: top?.citation.page });
  });

  it('reads a PDF page by page: each turn is the paragraphs that begin on one page', () => {
    const first = engine.readingPage('harbour-manual.pdf', 1);
    expect(first?.paragraphs.length).toBeGreaterThan(1);
    expect(new Set(first?.paragraphs.map((p) => p.pages?.start))).toHaveProperty('size', 1);
    const next = first?.next ? engine.readingPage('harbour-manual.pdf', first.next) : undefined;
    expect(next?.paragraphs[0]?.pages?.start).toBe((first?.paragraphs[0]?.pages?.start ?? 0) + 1);
    expect(next?.previous).toBe(first?.focus);
    expect(next?.pages?.numbering).toBe('label');
  });

  it('cites physical pages when a PDF has no labels, and reads two columns in order', async () => {
    const notes = await engine.ask('How many minutes after the pierhead does the tide reach the lock gates?');
    expect(notes.excerpts[0]?.citation).toMatchObject({ docId: 'tide-table-notes.pdf', pages: { start: '1', end: '1', numbering: 'physical' }, page: '1' });
    const survey = await engine.ask('How many juvenile mussels were found below the weir?');
    expect(survey.excerpts.map((e) => e.citation.docId)).toContain('river-survey.pdf');
    const passage = engine.passage('river-survey.pdf', 1, 100);
    const text = passage?.paragraphs.map((p) => p.text).join('\n') ?? '';
    const order = ['Introduction', 'The freshwater pearl mussel lives', 'Methods', 'The reach was divided', 'Results', 'Discussion', 'captive breeding programme'].map((s) => text.indexOf(s));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
  });

  it('answers from HTML, DOCX and EPUB, with no page where there are none', async () => {
    const cases: Array<[string, string, string]> = [
      ['Why did the Quarry Street bakery start closing on Mondays?', 'bakery-article.html', 'price of gas'],
      ['What price does coffee cost at the reopened café?', 'cafe-muller.html', '2,80 euros'],
      ['Which food waste is never put in the compost bays?', 'volunteer-handbook.docx', 'cooked food attracts rats'],
      ['How often did the clockwork that drove the lens have to be wound?', 'gannet-rock.epub', 'every forty minutes'],
    ];
    for (const [question, docId, phrase] of cases) {
      const answer = await engine.ask(question);
      const hit = answer.excerpts.find((e) => e.citation.docId === docId);
      expect(hit?.text, question).toContain(phrase);
      expect(hit?.citation.pages).toBeUndefined();
    }
    // Page chrome, scripts and the code block: the footer's copyright line is nowhere, the recipe is its own paragraph.
    const bakery = engine.passage('bakery-article.html', 1, 100)?.paragraphs.map((p) => p.text) ?? [];
    expect(bakery.join('\n')).not.toMatch(/All rights reserved|dataLayer|Most read|Sign up/);
    expect(bakery).toContain('1000 g strong white flour\n 200 g wholemeal rye\n 700 g water at 24 °C\n 300 g active starter\n  22 g sea salt');
    // EPUB chapters in spine order, each under its table-of-contents title.
    const book = engine.passage('gannet-rock.epub', 1, 100)?.paragraphs.filter((p) => p.isHeading).map((p) => p.text);
    expect(book).toEqual(['Arrival on the Rock', 'The Lamp Room', 'The Autumn Storm']);
    // The plain-text file beside them is untouched by all of this.
    expect((await engine.ask('When does the ferry to the island leave?')).excerpts[0]?.citation.docId).toBe('notes.txt');
  });
});

describe('a 3,000-page PDF', () => {
  it('is indexed up to the page limit with a warning, yielding to the event loop between pages', { timeout: 120_000 }, async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const trees = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elder', 'Fir', 'Gorse'];
    for (let i = 0; i < 3000; i++) pdf.addPage([400, 200]).drawText(`${trees[i % 7]} tree number ${i + 1} stands ${['north', 'south', 'east', 'west'][i % 4]} of the ${['lock', 'weir', 'quay'][i % 3]}.`, { x: 10, y: 100, size: 10, font });
    const bytes = await pdf.save();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const outcome = await pdfLoader.load({ id: 'atlas.pdf', bytes, contentHash: 'h' });
    clearInterval(timer);
    expect(outcome).toMatchObject({ ok: true, warning: `indexed the first 2,000 of 3,000 pages (limit maxPdfPages)` });
    if (!outcome.ok) return;
    expect(outcome.document.pageMap).toMatchObject({ total: 3000, read: DEFAULT_DOCUMENT_LIMITS.maxPdfPages });
    expect(outcome.document.paragraphs.at(-1)?.text).toBe('Elder tree number 2000 stands west of the weir.');
    expect(outcome.document.paragraphs.at(-1)?.pages).toEqual({ start: 2000, end: 2000 });
    // Timers ran while the pages were read: the loop is never held for the whole file.
    expect(ticks).toBeGreaterThan(100);
  });
});
