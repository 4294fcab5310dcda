// Documentation as software ships it: licence and readme files named by convention without a
// format extension (COPYING, GPL-3, LGPL-2.1, README.Debian), and documents gzip-compressed the
// way Debian installs /usr/share/doc (NEWS.gz, guide.html.gz). Each is read, and each file that
// cannot be gets one reason, the rest of the folder still read.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFileName } from '../../../src/core/documents/corpus-files.js';
import { loadCorpus } from '../../../src/core/documents/load-corpus.js';
import { isSupportedFile, maxBytesFor } from '../../../src/core/documents/registry.js';

const LICENCE = 'THE LANTERN PUBLIC LICENCE\nVersion 3\n\n1. Definitions.\n\n"Licensor" means the person who offers the Work under this Licence.\n';
const NEWS = '# lanternd news\n\n## 2.1\n\nThe dark-after counter now resets when a heartbeat arrives.\n\n## 2.0\n\nStations are read from station.conf.\n';
const PAGE = '<!doctype html><html><head><title>Lanternd guide</title></head><body><main><h1>Lanternd guide</h1><p>Heartbeats are sent every thirty seconds to UDP port 4711.</p></main></body></html>';

describe('documents named by convention, and compressed', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-names-'));
    const files: Record<string, Uint8Array | string> = {
      COPYING: LICENCE.replace('Version 3', 'Version 2'),
      'LGPL-2.1': LICENCE.replace('PUBLIC', 'LESSER PUBLIC'),
      'README.Debian': 'lanternd for Debian\n\nThe daemon runs as the lantern user, created when the package is installed.\n',
      'NEWS.md.gz': gzipSync(NEWS),
      'guide.html.gz': gzipSync(PAGE),
      'changelog.gz': gzipSync('lanternd (2.1-1) unstable; urgency=low\n\n  * New upstream release.\n'),
      'broken.txt.gz': gzipSync('cut short in the middle of the stream, as a partial download is').subarray(0, 20),
      'plain.txt.gz': 'this file was never compressed',
      'figures.csv': 'a,b\n1,2\n',
      program: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]),
    };
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reads licences, readmes and changelogs without an extension, and compressed documents by the name inside', async () => {
    const { documents, skipped } = await loadCorpus(dir);
    const byId = new Map(documents.map((d) => [d.id, d]));
    expect([...byId.keys()].sort()).toEqual(['COPYING', 'LGPL-2.1', 'NEWS.md.gz', 'README.Debian', 'changelog.gz', 'guide.html.gz']);
    expect(byId.get('LGPL-2.1')?.text).toContain('"Licensor" means the person who offers the Work');
    expect(byId.get('NEWS.md.gz')).toMatchObject({ format: 'markdown', title: 'lanternd news' });
    expect(byId.get('guide.html.gz')).toMatchObject({ format: 'html', title: 'Lanternd guide' });
    expect(byId.get('guide.html.gz')?.text).toContain('UDP port 4711');
    expect(Object.fromEntries(skipped.map((s) => [s.file, s.reason]))).toEqual({
      'broken.txt.gz': 'corrupt gzip file (it cannot be decompressed)',
      'plain.txt.gz': 'not a gzip file (the name ends in .gz)',
      'figures.csv': expect.stringMatching(/^unsupported file type \(only \.txt, \.md.*without an extension.*gzip-compressed\)$/),
      program: 'binary file (contains NUL bytes)',
    });
  });

  it('refuses a small file that decompresses past its format limit', async () => {
    const bomb = path.join(dir, 'bomb');
    await rm(bomb, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(bomb);
    const limit = maxBytesFor('x.html');
    await writeFile(path.join(bomb, 'zeros.html.gz'), gzipSync(Buffer.alloc(limit + 1, 0x20)));
    const { documents, skipped } = await loadCorpus(bomb);
    expect(documents).toEqual([]);
    expect(skipped).toEqual([{ file: 'zeros.html.gz', reason: `too large once decompressed (limit ${Math.round(limit / 2 ** 20)} MB for this file type)` }]);
  });

  it('knows which names it reads, and names an upload after its format', () => {
    for (const name of ['COPYING', 'GPL-3', 'Apache-2.0', 'README.Debian', 'NEWS.gz', 'notes.txt.gz', 'guide.HTML.GZ']) expect(isSupportedFile(name), name).toBe(true);
    for (const name of ['figures.csv', 'photo.png', 'archive.tar.gz', 'data.json', 'install.sh', 'license.json', 'CHANGES.in']) expect(isSupportedFile(name), name).toBe(false);
    expect(uploadFileName('meeting notes', 'minutes.pdf')).toBe('meeting notes.pdf');
    expect(uploadFileName('COPYING', 'licence.txt')).toBe('COPYING.txt');
  });
});
