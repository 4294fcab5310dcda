import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/core/documents/build-document.js';
import { findDate } from '../../src/core/documents/dates.js';
import { decodeText } from '../../src/core/documents/decode.js';

const doc = (text: string, id = 'doc.txt') => buildDocument(id, text, 'hash');

describe('cleaning', () => {
  it('repairs a sentence broken across a blank line, but not a heading', () => {
    const d = doc('A Title For Tests\n\nChina has always upheld the principles of the United\n\nNations Charter, which encourages dialogue.\n\nGoals and Vision\n\nThe next paragraph.');
    const texts = d.paragraphs.map((p) => p.text);
    expect(texts).toContain('China has always upheld the principles of the United Nations Charter, which encourages dialogue.');
    expect(texts).toContain('Goals and Vision');
    expect(d.paragraphs.find((p) => p.text === 'The next paragraph.')?.heading).toBe('Goals and Vision');
  });

  it('joins hard-wrapped lines and keeps list items on their own lines', () => {
    const d = doc('Headline here\n\nThis line was wrapped\nat a fixed width by an editor.\n\n- first item\n- second item');
    expect(d.paragraphs.map((p) => p.text)).toContain('This line was wrapped at a fixed width by an editor.');
    expect(d.text).toContain('- first item\n- second item');
  });

  it('removes boilerplate, markup and title repeats, and normalises Unicode', () => {
    const d = doc(
      'Big News Today\n\nMain Menu\n\nBig News Today My Site\n\nThe 23<sup>rd</sup> meeting was held\u00a0in ﬁne weather.\n\nRead more: Something else entirely\n\nShare this article\n\nComments are Closed',
    );
    expect(d.text).toBe('Big News Today\n\nThe 23rd meeting was held in fine weather.');
  });

  it('extracts title, date and source from datelines and title prefixes', () => {
    const d = doc('CGTN:Leaders vow to deepen their partnership\n\nBEIJING, Nov. 3, 2022 /PRNewswire/ — Leaders met on Wednesday.');
    expect(d).toMatchObject({ title: 'Leaders vow to deepen their partnership', date: '2022-11-03', source: 'CGTN' });
    const wire = doc('Leaders meet in the capital city\n\nBEIJING, JAN 20 /DNA/ – At the beginning of 2026, leaders met.');
    expect(wire.source).toBe('DNA');
  });

  it('takes a date line above the title as the date, and drops it from the text', () => {
    const d = doc('Tuesday, January 20, 2026\nMain Menu\n\nA Headline About Cooperation\n\nBody text here.');
    expect(d).toMatchObject({ title: 'A Headline About Cooperation', date: '2026-01-20' });
    expect(d.text.startsWith('A Headline About Cooperation')).toBe(true);
  });

  it('reads Markdown headings, emphasis and "Published on" dates', () => {
    const d = doc('## Vision for Security:\n\n### A New Initiative\n\nMr. Jane Doe, Chair, Some Centre\n\n*Published on 23<sup>rd</sup> September 2023*\n\n## **Goals**\n\nThe **primary** objective is peace.', 'v.md');
    expect(d).toMatchObject({ title: 'Vision for Security: A New Initiative', date: '2023-09-23', author: 'Jane Doe' });
    expect(d.text).toContain('Published on 23rd September 2023');
    expect(d.text).toContain('The primary objective is peace.');
  });

  it('uses front matter when present', () => {
    const d = doc('---\ntitle: "Front Title"\ndate: 2024-03-05\nsource: The Gazette\nurl: https://example.org/a\n---\n# Heading\n\nBody.', 'f.md');
    expect(d).toMatchObject({ title: 'Front Title', date: '2024-03-05', source: 'The Gazette', url: 'https://example.org/a' });
  });

  it('finds dates in the forms news pages use', () => {
    expect(findDate('Nov. 3, 2022')?.iso).toBe('2022-11-03');
    expect(findDate('Published on 23rd September 2023')?.iso).toBe('2023-09-23');
    expect(findDate('Tuesday, January 20, 2026')?.iso).toBe('2026-01-20');
    expect(findDate('February 30, 2024')).toBeUndefined();
  });

  it('decodes UTF-8 with BOM, falls back to Latin-1, refuses binary and empty files', () => {
    expect(decodeText(Buffer.from('\uFEFFhello', 'utf8'))).toMatchObject({ ok: true, text: 'hello' });
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toMatchObject({ ok: true, text: 'café', encoding: 'windows-1252' });
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toMatchObject({ ok: false });
    expect(decodeText(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty file' });
  });
});
