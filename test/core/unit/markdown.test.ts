// Markdown through marked and the shared HTML → blocks walk: what a README or a docs page holds
// (badges, fenced and indented code, GitHub tables, lists) read as blocks, front matter as metadata.
import { describe, expect, it } from 'vitest';
import { markdownLoader } from '../../../src/core/documents/loaders/markdown.js';

async function load(text: string) {
  const outcome = await markdownLoader.load({ id: 'readme.md', bytes: new TextEncoder().encode(text), contentHash: 'h' });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.document;
}

const README = `---
title: lanternd manual
date: 2024-03-05
author: Kit Marlow
---
# lanternd

[![build](https://ci.example/badge.svg)](https://ci.example) [![licence](https://img.shields.io/badge/licence-MIT-blue)](LICENSE)

A small daemon that watches *Lantern* heartbeats and tells you when one goes **dark**.
It is written in [Rust](https://www.rust-lang.org/).

## Install

\`\`\`sh
sudo apt install lanternd
systemctl enable --now lanternd
\`\`\`

## Configuration

| Option | Default | Meaning |
|--------|---------|---------|
| \`interval\` | \`30\` | seconds between heartbeats |
| \`dark_after\` | \`3\` | missed heartbeats &lt;b&gt; before dark |

Options go in \`/etc/lantern/station.conf\`:

    interval = 10
    dark_after = 5

* [Changelog](CHANGELOG.md)
* [Contributing](CONTRIBUTING.md)
`;

describe('Markdown', () => {
  it('reads code, tables and lists as blocks, without badge images or link targets', async () => {
    const doc = await load(README);
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toEqual([
      'lanternd',
      'A small daemon that watches Lantern heartbeats and tells you when one goes dark. It is written in Rust.',
      'Install',
      'sudo apt install lanternd\nsystemctl enable --now lanternd',
      'Configuration',
      'Option | Default | Meaning\ninterval | 30 | seconds between heartbeats\ndark_after | 3 | missed heartbeats <b> before dark',
      'Options go in /etc/lantern/station.conf:',
      'interval = 10\ndark_after = 5',
      '• Changelog\n• Contributing',
    ]);
    expect(doc.paragraphs.filter((p) => p.isHeading).map((p) => p.text)).toEqual(['lanternd', 'Install', 'Configuration']);
  });

  it('takes front matter as declared metadata, over what the text suggests', async () => {
    const doc = await load(README);
    expect(doc).toMatchObject({ title: 'lanternd manual', date: '2024-03-05', author: 'Kit Marlow', format: 'markdown' });
    expect((await load('# Plain title\n\nBody text here.')).title).toBe('Plain title');
  });

  it('takes a marked heading of any level as the title, the lowest too, but not one after a paragraph', async () => {
    // Level 6 is also the level of headings told by shape alone, which never title a document.
    const text = 'Lanternd, a heartbeat daemon\n\n###### Release notes\n\nVersion 2 fixes the counter.';
    expect((await load(text)).title).toBe('Release notes');
    expect((await load(text.replace('######', '#'))).title).toBe('Release notes');
    expect((await load('A preface that runs on for well over sixty characters, as prefaces do.\n\n## Install\n\nRun make.')).title).not.toBe('Install');
  });

  it('says so when nothing is left to read', async () => {
    const outcome = await markdownLoader.load({ id: 'empty.md', bytes: new TextEncoder().encode('<!-- only a comment -->\n'), contentHash: 'h' });
    expect(outcome).toEqual({ ok: false, reason: 'no text after cleaning' });
  });
});
