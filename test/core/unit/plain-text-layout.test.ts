// Plain text laid out for print or a terminal: pages split by form feeds (pdftotext output, RFCs)
// with running headers and footers, a manual page's outdented section headings, and blocks laid
// out in columns (a memo's header, a table). Documents written for these tests.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/core/documents/build-document.js';
import { removeRunningTextLines, textPages } from '../../../src/core/documents/text-pages.js';

const body = (doc: ReturnType<typeof buildDocument>) => doc.paragraphs.filter((p) => !p.isHeading).map((p) => p.text);
const headings = (doc: ReturnType<typeof buildDocument>) => doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text);

/** A memo of `pages` pages, each with the same header and a numbered footer. */
function memo(pages: string[]): string {
  const head = `Network Working Group                                        K. Marlow
Request for Comments: 9999                                  Tidewell Labs
Category: Informational                                     March 2024


                 The Lantern Heartbeat Protocol (LHP)

`;
  return pages
    .map((text, i) => `${i ? 'RFC 9999                 Lantern Heartbeat Protocol            March 2024\n\n\n' : head}${text}\n\n\n\nMarlow                        Informational                     [Page ${i + 1}]\n`)
    .join('\f\n');
}

describe('text in pages', () => {
  const doc = buildDocument(
    'rfc9999.txt',
    memo([
      '1.  Introduction\n\n   Each lantern sends a short datagram every 30 seconds to UDP port\n   4711.',
      '2.  Message Format\n\n   Every heartbeat is exactly 16 octets long.  The first octet carries\n   the version',
      '   number, which MUST be 2 for this specification.',
      '3.  Security Considerations\n\n   Heartbeats are not authenticated.',
    ]),
    'h',
  );

  it('drops the running header, footer and page numbers, and cites each passage by its page', () => {
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    expect(text).not.toMatch(/\[Page \d\]|Informational|RFC 9999 Lantern/);
    const page = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start))?.pages;
    expect(page('Each lantern sends')).toEqual({ start: 1, end: 1 });
    expect(page('Heartbeats are not')).toEqual({ start: 4, end: 4 });
    expect(doc.pageMap).toMatchObject({ total: 4, read: 4 });
  });

  it('joins a sentence a page break split, citing both pages', () => {
    const joined = doc.paragraphs.find((p) => p.text.startsWith('Every heartbeat'));
    expect(joined?.text).toBe('Every heartbeat is exactly 16 octets long. The first octet carries the version number, which MUST be 2 for this specification.');
    expect(joined?.pages).toEqual({ start: 2, end: 3 });
  });

  it('reads a header laid out in columns as masthead: the title is the line under it, the source its first cell', () => {
    expect(doc.title).toBe('The Lantern Heartbeat Protocol (LHP)');
    expect(doc.source).toBe('Network Working Group');
  });

  it('keeps lines that only look alike on fewer pages than the threshold, and text without form feeds unpaged', () => {
    expect(textPages('one page\f')).toBeUndefined();
    expect(textPages('no pages at all')).toBeUndefined();
    expect(textPages('a\fb\f')).toEqual(['a', 'b']);
    // Two pages are too few to call a line running (minPages 3).
    expect(removeRunningTextLines(['Title\ntext one', 'Title\ntext two'])).toEqual(['Title\ntext one', 'Title\ntext two']);
    expect(buildDocument('plain.txt', 'Short note\n\nJust text.', 'h').pageMap).toBeUndefined();
  });
});

describe('a manual page', () => {
  const doc = buildDocument(
    'lanternctl.1.txt',
    `LANTERNCTL(1)                 User Commands                LANTERNCTL(1)

NAME
       lanternctl - control and query Lantern heartbeat stations

DESCRIPTION
       lanternctl talks to a running station daemon over its control
       socket.

OPTIONS
       -t, --timeout=SECONDS
              Give up after SECONDS seconds when the daemon does not
              answer.  The default is 5.

EXIT STATUS
       2      The daemon could not be reached.
`,
    'h',
  );

  it('reads a heading over its indented body as a heading, never joined to the body', () => {
    expect(headings(doc)).toEqual(expect.arrayContaining(['NAME', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS']));
    expect(body(doc)).toContain('lanternctl talks to a running station daemon over its control socket.');
    expect(doc.title).not.toBe('NAME');
  });

  it('keeps an option with its indented description, as one paragraph', () => {
    expect(body(doc)).toContain('-t, --timeout=SECONDS Give up after SECONDS seconds when the daemon does not answer. The default is 5.');
  });

  it('keeps a defined term with its definition, and a centred title with the line under it', () => {
    const licence = buildDocument('licence.txt', `          HARBOURLIGHT LICENCE\n       Version 2.0, 14 March 2022\n\n1. Definitions\n\n   "Contributor"\n        means each person who submits a Work.\n`, 'h');
    expect(licence.title).toBe('HARBOURLIGHT LICENCE Version 2.0, 14 March 2022');
    expect(body(licence)).toContain('"Contributor" means each person who submits a Work.');
    // Centred by hand, a little off: still a title page, not a heading over a body.
    const offCentre = buildDocument('licence.txt', `                    HARBOUR PUBLIC LICENCE\n                       Version 3, 9 May 2021\n\nPreamble\n\nText of the preamble.\n`, 'h');
    expect(offCentre.title).toBe('HARBOUR PUBLIC LICENCE Version 3, 9 May 2021');
  });
});

describe('a table in plain text', () => {
  it('keeps its rows, cells apart, and the paragraph after it apart', () => {
    const doc = buildDocument('sheet.txt', `Sensor sheet\n\nParameter          Min     Max\nSupply current     0.05    450\nPower-up time      0.6     1.0\n\nThe response time is 6 seconds in moving air.\n`, 'h');
    expect(body(doc)).toEqual(['Parameter | Min | Max\nSupply current | 0.05 | 450\nPower-up time | 0.6 | 1.0', 'The response time is 6 seconds in moving air.']);
  });
});
