// Documentation as software ships it: manual pages as `man` prints them to a file (header and
// footer lines, words hyphenated at line ends) and as nroff leaves them (overstruck with
// backspaces, or SGR codes); manual pages in their roff source, hand-written and as pod2man,
// rst2man and pandoc make them; GNU Info manuals; reStructuredText. Fixtures written for these
// tests and rendered by the real tools (test/fixtures/software-docs/README.md says how).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { joinLines, vocabulary } from '../../../src/core/documents/hyphenation.js';
import { loadDocumentBytes } from '../../../src/core/documents/load-corpus.js';
import { isSupportedFile } from '../../../src/core/documents/registry.js';
import { plainTextLoader } from '../../../src/core/documents/loaders/plain-text.js';
import { PROJECT_ROOT } from '../../support/paths.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/software-docs');

async function load(bytes: Uint8Array, id = 'lanternd.txt') {
  const outcome = await plainTextLoader.load({ id, bytes, contentHash: 'h' });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.document;
}
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const body = (doc: Awaited<ReturnType<typeof load>>) => doc.paragraphs.filter((p) => !p.isHeading).map((p) => p.text);

describe('a manual page saved from man', () => {
  it('takes its title from NAME, its manual and date from the header and footer, and leaves both lines out of the text', async () => {
    const doc = await load(fixture('lanternd.man.txt'));
    expect(doc).toMatchObject({ title: 'lanternd - watch Lantern heartbeats and report dark stations', source: "System Manager's Manual", date: '2024-03' });
    expect(doc.text).not.toMatch(/LANTERND\(8\)/);
    expect(doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(expect.arrayContaining(['NAME', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS']));
  });

  it('drops the header and footer lines nroff repeats on every page', async () => {
    const lines = new TextDecoder().decode(fixture('lanternd.man.txt')).split('\n');
    const header = lines[0] ?? '';
    const footer = lines.filter((l) => l.trim()).at(-1) ?? '';
    const middle = lines.findIndex((l) => l.startsWith('OPTIONS'));
    const paged = [...lines.slice(0, middle), '', footer, '\f', header, '', ...lines.slice(middle)].join('\n');
    const doc = await load(new TextEncoder().encode(paged));
    expect(doc.text).not.toMatch(/LANTERND\(8\)|lanternd 2\.1/);
    expect(body(doc)).toEqual(body(await load(fixture('lanternd.man.txt'))));
  });

  it('joins words the typesetter hyphenated at a line end', async () => {
    const text = body(await load(fixture('lanternd.man.txt'))).join('\n');
    expect(text).toContain('after a restart every station starts as unknown.');
    expect(text).toContain('instead of /etc/lantern/station.conf.');
    expect(text).toContain('when the configuration cannot be read');
    expect(text).not.toMatch(/\u2010/);
  });

  it('reads overstruck bold and underline as the letters printed, not as a binary file', async () => {
    const overstruck = await load(fixture('lanternd.overstrike.txt'));
    expect(overstruck.title).toBe('lanternd - watch Lantern heartbeats and report dark stations');
    expect(overstruck.text.includes('\x08') || overstruck.text.includes('\x1b')).toBe(false);
    expect(body(overstruck)).toContain('-f Stay in the foreground instead of detaching from the terminal.');
    expect(body(overstruck).join('\n')).toContain('when the configuration cannot be read');
  });

  it('drops SGR colour codes and OSC 8 links, keeping their text', async () => {
    const sgr = '\x1b[1mlanternd\x1b[0m reads \x1b[4m/etc/lantern/station.conf\x1b[24m; see \x1b]8;;https://example.org/\x1b\\the site\x1b]8;;\x1b\\.\n';
    expect(body(await load(new TextEncoder().encode(sgr)))).toEqual(['lanternd reads /etc/lantern/station.conf; see the site.']);
  });
});

describe('line-end hyphens', () => {
  it('keep a compound the document writes whole, with either hyphen, and join a hyphenated word', () => {
    const words = vocabulary(['a well\u2010known daemon', 'a stand-alone tool']);
    expect(joinLines('the', 'next', words)).toBe('the next');
    expect(joinLines('a well\u2010', 'known port', words)).toBe('a well\u2010known port');
    expect(joinLines('a stand-', 'alone tool', words)).toBe('a stand-alone tool');
    expect(joinLines('the con\u2010', 'figuration', words)).toBe('the configuration');
  });

  it('in plain text: a soft hyphen at a line end joins the word', async () => {
    expect(body(await load(new TextEncoder().encode('The heart\u00ADbeat is sent every thirty sec\u00AD\nonds to the collector.\n')))).toEqual([
      'The heartbeat is sent every thirty seconds to the collector.',
    ]);
  });
});

describe('a manual page in its roff source', () => {
  const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];
  // Each page beside what man-db prints of it (the .man.txt fixtures): the same words, in order.
  // Three are hand-written (man, mdoc); three are what pod2man, docutils' rst2man and pandoc make.
  for (const page of ['lanternd.8', 'tidepool-sync.1', 'kestrel-pack.1', 'gannet-count.1', 'storm-log.1', 'heron-watch.1']) {
    it(`reads ${page} as man prints it, with its sections as headings`, async () => {
      const printed = await load(fixture(page.replace(/\.\d$/, '.man.txt')));
      const source = await loadDocumentBytes(page, fixture(page));
      if (!source.ok) throw new Error(source.skipped.reason);
      expect(source.document.format).toBe('man');
      expect(source.document.title).toBe(printed.title?.replace(' — ', ' - '));
      expect(source.document.date).toBe(printed.date);
      expect(words(source.document.text)).toEqual(words(printed.text));
      const sections = (doc: typeof printed) => doc.paragraphs.filter((p) => p.isHeading && /^[A-Z][A-Z ]+$/.test(p.text)).map((p) => p.text);
      expect(sections(source.document)).toEqual(sections(printed));
      expect(sections(source.document)).toEqual(expect.arrayContaining(['NAME', 'SYNOPSIS', 'DESCRIPTION']));
    });
  }

  it('keeps example commands as code, and reads a compressed page by the name inside', async () => {
    const result = await loadDocumentBytes('tidepool-sync.1.gz', gzipSync(fixture('tidepool-sync.1')));
    if (!result.ok) throw new Error(result.skipped.reason);
    expect(result.document).toMatchObject({ title: 'tidepool-sync - copy a tide pool between two stations', source: 'Tidepool Manual', date: '2025-06-14' });
    expect(result.document.paragraphs.map((p) => p.text)).toContain('tidepool-sync harbour:/pools/main \\\n    ~/pools/main');
  });

  it('reads a tbl table as rows of cells, a multi-line cell whole, and groff 1.23 page references', async () => {
    const page = ['.TH TIDEPOOL.CONF 5 2025-06-14 "tidepool 3.2" "Tidepool Manual"', '.SH NAME', 'tidepool.conf \\- settings', '.SH LIMITS', '.TS', 'allbox tab(:);', 'lb lb', 'l l.', 'Setting:Maximum', '_', 'jobs:16', 'T{', 'grid spacing in metres,', 'on the ground', 'T}:2.5', '.TE', 'See', '.MR tidepool-sync 1 .', ''].join('\n');
    const result = await loadDocumentBytes('tidepool.conf.5', new TextEncoder().encode(page));
    if (!result.ok) throw new Error(result.skipped.reason);
    expect(body(result.document)).toEqual(['tidepool.conf - settings', 'Setting | Maximum\njobs | 16\ngrid spacing in metres, on the ground | 2.5', 'See tidepool-sync(1).']);
  });

  it("keeps the words of font macros inside no-fill text, and mdoc's literal displays as code", async () => {
    const page = ['.Dd March 3, 2025', '.Dt NF 1', '.Sh NAME', '.Nm nf', '.Nd no fill', '.Sh SYNOPSIS', '.nf', '.B nf', '.RB [ \\-x ]', '.I file', '.fi', '.Sh EXAMPLES', '.Bd -literal', 'nf -x notes.txt', '.Ed', ''].join('\n');
    const result = await loadDocumentBytes('nf.1', new TextEncoder().encode(page));
    if (!result.ok) throw new Error(result.skipped.reason);
    expect(body(result.document)).toEqual(['nf - no fill', 'nf\n[-x]\nfile', 'nf -x notes.txt']);
  });

  it("honours the page's own strings and its conditions on the output device, blocks included", async () => {
    const page = [
      '.ie \\n(.g .ds Aq \\(aq',
      ".el       .ds Aq '",
      '.ds Pr tidepool',
      '.TH TIDEPOOL 1 2025-06-14 "tidepool 3.2" "Tidepool Manual"',
      '.SH NAME',
      'tidepool \\- sync pools',
      '.SH NOTES',
      'The tool\\*(Aqs name is \\*(Pr.',
      '.if t \\{\\',
      'Only a typesetter prints this.',
      '.\\}',
      '.if n \\{\\',
      'A terminal prints this.',
      '.\\}',
      '',
    ].join('\n');
    const result = await loadDocumentBytes('tidepool.1', new TextEncoder().encode(page));
    if (!result.ok) throw new Error(result.skipped.reason);
    expect(body(result.document)).toEqual(['tidepool - sync pools', "The tool's name is tidepool. A terminal prints this."]);
  });

  it('says a page that only points to another one is not read, and reads a dotted text file as text', async () => {
    expect(await loadDocumentBytes('gunzip.1.gz', gzipSync('.so man1/gzip.1\n'))).toEqual({ ok: false, skipped: { file: 'gunzip.1.gz', reason: 'only points to another manual page (man1/gzip.1)' } });
    const licence = await loadDocumentBytes('LGPL-2.1', new TextEncoder().encode('.NET is named in this licence.\n\nThis licence text merely starts with a dot.\n'));
    expect(licence.ok && licence.document.format).toBe('text');
  });
});

describe('a GNU Info manual', () => {
  it('reads its nodes without navigation lines, menus or the tag table, headings from their underlines', async () => {
    const result = await loadDocumentBytes('marlin.info.gz', gzipSync(fixture('marlin.info')));
    if (!result.ok) throw new Error(result.skipped.reason);
    const doc = result.document;
    expect(doc).toMatchObject({ format: 'info', title: 'Marlin Buoy Manual' });
    expect(doc.text).not.toMatch(/File: marlin\.info|\* Menu:|Tag Table|INFO-DIR-SECTION/);
    expect(doc.text.includes('\x1f')).toBe(false);
    expect(doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(['Marlin Buoy Manual', '1 Deployment', '1.1 Choosing a site', '2 Charging', 'Index']);
    expect(body(doc)).toContain('Avoid shipping lanes: a buoy hit by a ship is rarely recovered. See Charging, for how long a full battery lasts.');
    expect(doc.paragraphs.find((p) => p.text === 'marlin-ctl battery --status')?.heading).toBe('2 Charging');
  });

  it('says the index file of a split manual is not itself the text', async () => {
    const index = 'This is find.info, produced by makeinfo.\n\x1f\nIndirect:\nfind.info-1: 1000\nfind.info-2: 90000\n\x1f\nTag Table:\n(Indirect)\nNode: Top\x7f1000\n\x1f\nEnd Tag Table\n';
    expect(await loadDocumentBytes('find.info', new TextEncoder().encode(index))).toEqual({
      ok: false,
      skipped: { file: 'find.info', reason: "only an index of the manual's parts (its .info-1, .info-2 … files are read instead)" },
    });
    expect(isSupportedFile('find.info-2.gz')).toBe(true);
  });
});

describe('reStructuredText and underlined headings', () => {
  it('reads headings by their underlines, and roles, links and literals as the text they print', async () => {
    const result = await loadDocumentBytes('tidepool-guide.rst', fixture('tidepool-guide.rst'));
    if (!result.ok) throw new Error(result.skipped.reason);
    const doc = result.document;
    expect(doc.title).toBe('Tidepool guide');
    expect(doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(['Tidepool guide', 'Installing', 'Configuration']);
    expect(body(doc)).toEqual([
      'Install with pip install tidepool. See configuration and the project site for more.',
      'Python 3.10 or later is required.',
      'Example:',
      'tidepool sync harbour laptop',
      'The file lives in ~/.config/tidepool.toml.',
    ]);
  });

  it('in a plain-text README: levels in the order their underlines appear; a rule under a paragraph is no underline', async () => {
    const readme = 'Lanternd\n========\n\nA heartbeat daemon.\n\nInstalling\n----------\n\nRun make.\n\nUpgrading\n---------\n\nRun make again.\n\nThis long closing sentence of the readme ends above a short rule line.\n-----\n';
    const doc = await load(new TextEncoder().encode(readme), 'README');
    expect(doc.title).toBe('Lanternd');
    expect(doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(['Lanternd', 'Installing', 'Upgrading']);
    expect(doc.paragraphs.find((p) => p.text === 'Run make again.')?.heading).toBe('Upgrading');
    expect(body(doc)).toContain('This long closing sentence of the readme ends above a short rule line.');
  });

  it('keeps an indented example as it is, never as a heading, and a line ending in a colon as text', async () => {
    const text = 'Battery checks\n\nTo check the battery:\n\n     marlin-ctl battery --status\n     marlin-ctl battery --history 7\n\nThe status is printed in volts.\n';
    const doc = await load(new TextEncoder().encode(text));
    expect(doc.paragraphs.map((p) => [p.text, Boolean(p.isHeading)])).toEqual([
      ['Battery checks', true],
      ['To check the battery:', false],
      ['marlin-ctl battery --status\nmarlin-ctl battery --history 7', false],
      ['The status is printed in volts.', false],
    ]);
  });
});

describe('a manual as makeinfo writes it in HTML', () => {
  it("leaves out the page's own tables of contents (lists of links to its own sections) and keeps every section", async () => {
    const result = await loadDocumentBytes('marlin.html', fixture('marlin.html'));
    if (!result.ok) throw new Error(result.skipped.reason);
    const doc = result.document;
    expect(doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(['Marlin Buoy Manual', '1 Deployment', '1.1 Choosing a site', '2 Charging']);
    expect(doc.text).not.toMatch(/• (Deployment|Charging|Choosing a site)/);
    expect(body(doc)).toContain('marlin-ctl battery --status');
  });
});

describe("a Debian package's copyright file", () => {
  it('reads the machine-readable format as tables of fields and each licence under its name, paragraphs apart', async () => {
    const result = await loadDocumentBytes('lanternd/copyright', fixture('lanternd/copyright'));
    if (!result.ok) throw new Error(result.skipped.reason);
    const doc = result.document;
    expect(doc.title).toBe('lanternd: copyright and licences');
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'lanternd: copyright and licences',
      'Upstream-Name | lanternd\nUpstream-Contact | Kit Marlow <kit@example.org>\nSource | https://lanternd.example.org/',
      'Files | *\nCopyright | 2019-2024 Kit Marlow <kit@example.org>; 2021 Tidewell Labs\nLicense | Harbour-2.0',
      'Files | debian/*\nCopyright | 2024 A. Packager <ap@example.org>\nLicense | Harbour-2.0',
      'License: Harbour-2.0',
      'Permission is granted to use, copy and share this software, with or without changes, provided this notice is kept in every copy.',
      'The software is provided "as is", without warranty of any kind. In no event shall the authors be liable for any claim or damages.',
    ]);
    expect(doc.paragraphs.at(-1)?.heading).toBe('License: Harbour-2.0');
  });
});

describe('a book as DocBook writes it in HTML', () => {
  const headings = (doc: Awaited<ReturnType<typeof load>>) => doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text);

  it('reads every chapter without its tables of contents, on one page or a page per chapter', async () => {
    const single = await loadDocumentBytes('handbook.html', fixture('puffin/handbook.html'));
    if (!single.ok) throw new Error(single.skipped.reason);
    expect(single.document).toMatchObject({ title: 'Puffin Burrow Survey Handbook', author: 'Ines Calder' });
    expect(headings(single.document)).toEqual(['Chapter 1. Survey methods', 'Equipment', 'Note', 'Chapter 2. Recording results']);
    expect(single.document.text).not.toMatch(/Table of Contents|List of Tables/);
    expect(body(single.document)).toContain('Code | Meaning\nO | occupied\nE | empty');

    const chapter = await loadDocumentBytes('ch01.html', fixture('puffin/ch01.html'));
    if (!chapter.ok) throw new Error(chapter.skipped.reason);
    expect(chapter.document.text).not.toMatch(/Table of Contents|Prev|Next|Home/);
    expect(body(chapter.document)[0]).toMatch(/^Each burrow is checked by hand between 20 April and 10 May/);
  });

  it("says a chunked book's index page holds nothing to quote", async () => {
    expect(await loadDocumentBytes('index.html', fixture('puffin/index.html'))).toEqual({
      ok: false,
      skipped: { file: 'index.html', reason: 'no readable text (the page holds only navigation, scripts, styles or markup)' },
    });
  });
});

describe('a page as pandoc writes it', () => {
  it("takes the date from its title block, and leaves out its table of contents", async () => {
    const result = await loadDocumentBytes('heron-watch.html', fixture('heron-watch.html'));
    if (!result.ok) throw new Error(result.skipped.reason);
    expect(result.document).toMatchObject({ title: 'HERON-WATCH', date: '2025-04' });
    expect(result.document.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'BUGS']);
  });
});
