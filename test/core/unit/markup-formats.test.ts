// HTML, DOCX and EPUB pieces, pure: charset declarations, page metadata (meta tags, JSON-LD),
// the shared HTML → blocks walk, ZIP limits while inflating (zip bombs), and telling an EPUB
// from a DOCX by its first bytes.
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeHtml } from '../../../src/core/documents/html/charset.js';
import { htmlToBlocks } from '../../../src/core/documents/html/html-blocks.js';
import { DOM_TREE, type DomNode, PARSED_TREE, parseMarkup } from '../../../src/core/documents/html/markup-trees.js';
import { htmlMetadata as metadataOf, type MetadataNode } from '../../../src/core/documents/html/html-metadata.js';

const htmlMetadata = (document: unknown) => metadataOf(document as MetadataNode);
import { readablePage } from '../../../src/core/documents/html/readable-page.js';
import { docxLoader } from '../../../src/core/documents/loaders/docx.js';
import { epubLoader, isEpubHead } from '../../../src/core/documents/loaders/epub.js';
import { htmlLoader } from '../../../src/core/documents/loaders/html.js';
import { readZip } from '../../../src/core/documents/zip/safe-unzip.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../src/core/settings.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('charset', () => {
  it('honours <meta charset>, http-equiv and XML declarations, and falls back without one', () => {
    expect(declaredCharset(latin1('<html><head><meta charset="ISO-8859-1">'))).toBe('iso-8859-1');
    expect(declaredCharset(latin1('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'))).toBe('windows-1252');
    expect(declaredCharset(latin1('<?xml version="1.0" encoding="ISO-8859-15"?><html>'))).toBe('iso-8859-15');
    expect(declaredCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]))).toBe('utf-8');
    expect(declaredCharset(latin1('<html><p>none</p>'))).toBeUndefined();
    const page = latin1('<meta charset="iso-8859-1"><p>Caf\xe9 M\xfcller, cr\xe8me br\xfbl\xe9e</p>');
    expect(decodeHtml(page)).toMatchObject({ ok: true, text: expect.stringContaining('Café Müller, crème brûlée') });
    // Declared UTF-8 wins over the Latin-1 fallback; undeclared bytes that are not UTF-8 are Windows-1252.
    expect(decodeHtml(Buffer.from('<meta charset="utf-8"><p>Søren</p>'))).toMatchObject({ ok: true, text: expect.stringContaining('Søren') });
    expect(decodeHtml(latin1('<p>na\xefve</p>'))).toMatchObject({ ok: true, text: '<p>naïve</p>' });
    expect(decodeHtml(latin1('<meta charset="no-such-charset"><p>text</p>'))).toMatchObject({ ok: true });
  });
});

describe('page metadata', () => {
  it('reads JSON-LD, Open Graph, citation_* and <title>, first declared wins', () => {
    const { document } = parseHTML(`<html><head><title>Site | A page</title>
      <meta property="og:site_name" content="The Courier"><meta property="og:title" content="OG title">
      <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"LD headline","datePublished":"2024-11-08T06:30:00Z","author":[{"@type":"Person","name":"Priya Castellane"}]}]}</script>
      <script type="application/ld+json">{ broken json</script>
      <link rel="canonical" href="https://example.org/a"></head><body></body></html>`);
    expect(htmlMetadata(document)).toEqual({ title: 'LD headline', date: '2024-11-08', author: 'Priya Castellane', source: 'The Courier', url: 'https://example.org/a' });
    const scholarly = parseHTML('<head><meta name="citation_title" content="Paper"><meta name="citation_author" content="A. First"><meta name="citation_author" content="B. Second"><meta name="citation_publication_date" content="2021/03/04"></head>').document;
    expect(htmlMetadata(scholarly)).toEqual({ title: 'Paper', author: 'A. First', date: '2021-03-04' });
    expect(htmlMetadata(parseHTML('<head><title>Only a title</title></head>').document)).toEqual({ title: 'Only a title' });
  });
});

// The same walk over linkedom's DOM (web pages, through Readability) and htmlparser2's tree
// (EPUB chapters, DOCX): both must read markup alike.
const TREES = {
  'linkedom DOM': (html: string, dropPageChrome = false) => htmlToBlocks(parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as DomNode, DOM_TREE, { dropPageChrome }),
  'htmlparser2 tree': (html: string, dropPageChrome = false) => htmlToBlocks(parseMarkup(`<html><body>${html}</body></html>`), PARSED_TREE, { dropPageChrome }),
};

describe.each(Object.entries(TREES))('HTML → blocks over the %s', (_, blocksOf) => {
  it('keeps headings, code with its lines, lists and tables as blocks; drops scripts and styles', () => {
    const blocks = blocksOf(`<h2>Section <em>two</em></h2><p>Some <b>bold</b>
      text<sup>3</sup>.</p><script>alert(1)</script><style>p{}</style><pre>  indented()\n    more()</pre>
      <ol start="3"><li>third</li><li>fourth<ul><li>nested</li></ul></li></ol>
      <table><caption>Bays</caption><tr><th>Bay</th><th>Ready</th></tr><tr><td>First</td><td>never</td></tr></table><div>tail<br>line</div>`);
    expect(blocks).toEqual([
      { text: 'Section two', headingLevel: 2 },
      { text: 'Some bold text3.', headingLevel: 0 },
      { text: '  indented()\n    more()', headingLevel: 0, kind: 'code' },
      { text: '3. third\n4. fourth\n  • nested', headingLevel: 0, kind: 'list' },
      { text: 'Bays', headingLevel: 0 },
      { text: 'Bay | Ready\nFirst | never', headingLevel: 0, kind: 'table' },
      { text: 'tail line', headingLevel: 0 },
    ]);
  });

  it('drops navigation, headers, footers and asides only from web pages', () => {
    const html = '<nav>Home News</nav><header><h1>Chapter One</h1></header><p>Body.</p><aside>Most read</aside><footer>Copyright</footer>';
    expect(blocksOf(html, true).map((b) => b.text)).toEqual(['Body.']);
    expect(blocksOf(html, false).map((b) => b.text)).toEqual(['Home News', 'Chapter One', 'Body.', 'Most read', 'Copyright']);
  });

  it('opens a definition with its term, drops permalink signs and the links between a manual\'s pages', () => {
    const html = `<div class="nav-panel"><p>Next: <a href="b.html">Configuration</a>, Previous: <a href="a.html">Overview</a>, Up: <a href="/">Manual</a></p></div>
      <h3>2.1 Invoking lanternd<sup>[n 1]</sup><a class="copiable-link" href="#x"> ¶</a></h3>
      <dl><dt><code>--foreground</code></dt><dd><p>Stay in the foreground.</p><p>Useful when debugging.</p></dd>
      <dt>-q</dt><dt>--quiet</dt><dd>Print nothing.</dd><dt>--orphan¶</dt></dl>
      <p>See the next section: <a href="c.html">Up: the station</a> explains it.</p>`;
    expect(blocksOf(html).map((b) => b.text)).toEqual([
      '2.1 Invoking lanternd',
      '--foreground: Stay in the foreground.',
      'Useful when debugging.',
      '-q, --quiet: Print nothing.',
      '--orphan',
      'See the next section: Up: the station explains it.',
    ]);
  });

  it('decodes entities, skips hidden elements, and reads XHTML-style empty anchors and prefixed tags', () => {
    const html = '<p hidden="">secret</p><p>Caf&eacute; &amp; tea&#160;at <a id="p12"/>four</p><epub:switch><p>Inside</p></epub:switch>';
    expect(blocksOf(html).map((b) => b.text)).toEqual(['Café & tea at four', 'Inside']);
  });
});

describe('the two trees', () => {
  // Seeded markup of every kind the walk treats apart, nested, some tags left unclosed (the
  // parser's implied closes must land the same in both trees), entities, comments, CDATA.
  const TAGS = ['p', 'div', 'span', 'b', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'tbody', 'h1', 'h3', 'pre', 'section', 'a', 'script', 'nav', 'caption', 'dl', 'dd', 'svg', 'epub:switch'];
  const TEXTS = ['alpha', 'beta &amp; gamma', 'caf&eacute;', 'x&nbsp;y', '3 &lt; 4', 'line\n  two', '<!-- note -->', '<br>', '<a id="z"/>', '<![CDATA[raw]]>', '&unknown;'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const markup = (depth: number): string =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      if (depth > 4 || random() < 0.35) return `${pick(TEXTS)} `;
      const tag = pick(TAGS);
      const attributes = random() < 0.1 ? ' hidden' : random() < 0.1 ? ' start="4"' : '';
      return `<${tag}${attributes}>${markup(depth + 1)}${random() < 0.85 ? `</${tag}>` : ''}`;
    }).join('');

  it('read the same blocks from the same markup', () => {
    let blocks = 0;
    for (let i = 0; i < 300; i++) {
      const html = markup(0);
      const expected = TREES['linkedom DOM'](html);
      blocks += expected.length;
      expect(TREES['htmlparser2 tree'](html), html).toEqual(expected);
    }
    expect(blocks).toBeGreaterThan(300);
  });
});

describe('web pages', () => {
  it('reads a page that Readability finds no article in from its body, chrome removed', () => {
    const page = readablePage('<html><head><title>Tiny</title></head><body><nav><a href="/">Home</a></nav><p>Just one short line.</p><footer>© 2024</footer></body></html>');
    expect(page.blocks.map((b) => b.text)).toEqual(['Just one short line.']);
    expect(page.hints.title).toBe('Tiny');
    expect(readablePage('<html><body><script>render()</script><div id="root"></div></body></html>').blocks).toEqual([]);
  });

  it('reads a wiki article without its footnote markers and section edit links', async () => {
    const page = `<html><head><title>River Senn</title></head><body><div id="content"><h1>River Senn</h1>
      <p>The River Senn flows 412 kilometres from the Marl Hills to the Grey Sea.<sup class="reference"><a href="#n1">[1]</a></sup> It is the longest river in the region.<sup><i>[<a href="/cn">citation needed</a>]</i></sup></p>
      <div class="mw-heading"><h2>Course</h2><span class="mw-editsection">[<a href="?action=edit">edit</a>]</span></div>
      <p>The Senn rises at 640 metres<sup>2</sup> on the southern slope of the Marl Hills and flows east through Aldwick and Harlow to its estuary.</p></div></body></html>`;
    const loaded = await htmlLoader.load({ id: 'senn.html', bytes: new TextEncoder().encode(page), contentHash: 'h' });
    expect(loaded.ok && loaded.document.paragraphs.map((p) => p.text)).toEqual([
      'The River Senn flows 412 kilometres from the Marl Hills to the Grey Sea. It is the longest river in the region.',
      'Course',
      // A superscript that is not a bracketed marker stays (as "metres²" would).
      'The Senn rises at 640 metres2 on the southern slope of the Marl Hills and flows east through Aldwick and Harlow to its estuary.',
    ]);
  });

  it('never takes the paragraph above a page\'s first heading for its source when the title comes from the markup', async () => {
    const page = `<html><head><title>Configuration - Lantern docs</title></head><body><main>
      <p>The station reads its settings from station.conf when it starts, and changes take effect after a restart of the daemon.</p>
      <h2>Options</h2><p>Every option has a default, listed below with what it does and the range of values it accepts.</p>
      <p>The interval option sets the seconds between two heartbeats; it must be at least five and defaults to thirty.</p></main></body></html>`;
    const loaded = await htmlLoader.load({ id: 'configuration.html', bytes: new TextEncoder().encode(page), contentHash: 'h' });
    expect(loaded.ok && loaded.document.title).toBe('Configuration - Lantern docs');
    expect(loaded.ok && loaded.document.source).toBeUndefined();
  });
});

describe('ZIP limits', () => {
  const limits = { maxEntries: 100, maxInflatedBytes: 1024 * 1024 };

  it('refuses a zip bomb before inflating it, wanted entry or not', async () => {
    // 64 MB of zeros deflate to ~64 kB: far past the 1 MB limit.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await readZip(bomb, limits)).toMatchObject({ ok: false, reason: expect.stringMatching(/inflates to more than 1 MB.*maxInflatedBytes/) });
    expect(await readZip(bomb, limits, () => false)).toMatchObject({ ok: false, reason: expect.stringMatching(/maxInflatedBytes/) });
  });

  it('stops an entry whose declared size lies, one byte past what it declares', async () => {
    const honest = zipSync({ 'word/document.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    const lying = Buffer.from(honest);
    // Declare 1,000 bytes in both the local header (+22) and the central directory (+24).
    for (const [signature, at] of [[0x04034b50, 22], [0x02014b50, 24]] as const) {
      const header = lying.indexOf(Buffer.from(new Uint32Array([signature]).buffer));
      lying.writeUInt32LE(1000, header + at);
    }
    expect(await readZip(lying, limits)).toMatchObject({ ok: false, reason: expect.stringMatching(/inflates past its declared size/) });
  });

  it('stops an archive with too many entries, and reads a normal one', async () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}.txt`, strToU8('x')])));
    expect(await readZip(many, limits)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than 100 entries.*maxZipEntries/) });
    const small = zipSync({ 'a.txt': strToU8('hello'), 'b/c.xml': strToU8('<x/>') });
    const read = await readZip(small, limits, (name) => name === 'a.txt');
    expect(read.ok && new TextDecoder().decode(read.files.get('a.txt'))).toBe('hello');
    expect(read.ok && read.files.has('b/c.xml')).toBe(false);
    expect(await readZip(small.subarray(0, 40), limits)).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated|damaged/) });
  });

  it('refuses a DOCX and an EPUB that are zip bombs, naming the limit', async () => {
    // Streamed, so the test never holds the inflated bytes: 40 MB of zeros against a 10 MB limit.
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    const entry = new ZipDeflate('word/document.xml', { level: 9 });
    zip.add(entry);
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 40; i++) entry.push(zeros, i === 39);
    zip.end();
    const bytes = Buffer.concat(chunks);
    const small = { ...DEFAULT_DOCUMENT_LIMITS, maxInflatedBytes: 10 * 1024 * 1024 };
    expect(await docxLoader.load({ id: 'bomb.docx', bytes, contentHash: 'h', limits: small })).toMatchObject({ ok: false, reason: expect.stringMatching(/zip bomb/) });
    expect(await epubLoader.load({ id: 'bomb.epub', bytes, contentHash: 'h', limits: small })).toMatchObject({ ok: false, reason: expect.stringMatching(/zip bomb/) });
  });

  it('tells an EPUB from a DOCX by the mimetype entry the spec puts first', () => {
    const epub = zipSync({ mimetype: [strToU8('application/epub+zip'), { level: 0 }], 'META-INF/container.xml': strToU8('<container/>') });
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(isEpubHead(epub.subarray(0, 64))).toBe(true);
    expect(isEpubHead(docx.subarray(0, 64))).toBe(false);
    expect(docxLoader.sniff?.(epub.subarray(0, 64))).toBe(false);
    expect(docxLoader.sniff?.(docx.subarray(0, 64))).toBe(true);
  });
});
