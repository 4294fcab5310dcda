// Whatever lands in corpus/, the build completes for everything readable, names each skipped
// file with a reason, and the index matches what was read.
import type * as FsPromises from 'node:fs/promises';
import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';
import { PROJECT_CORPUS } from '../support/paths.js';

// Running as root, chmod cannot make a file unreadable: simulate EACCES for one file name.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const readFileMock = (async (file: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    if (String(file).endsWith('locked.txt')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
    return (actual.readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
  }) as typeof actual.readFile;
  return { ...actual, readFile: readFileMock, default: { ...actual, readFile: readFileMock } };
});

let workspace: TempWorkspace | undefined;
afterEach(async () => {
  await workspace?.cleanup();
  workspace = undefined;
});

describe('corpus faults', () => {
  it('indexes every readable file and skips the rest with one reason each', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const dir = workspace.corpusDir;
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 Report\n\nThe caf\xe9 on the corner serves cr\xe8me br\xfbl\xe9e every day.\n', 'latin1'));
    await writeFile(path.join(dir, 'bom.md'), '\uFEFF# Bom Title\n\nA document saved with a byte order mark.\n');
    await writeFile(path.join(dir, 'crlf.txt'), 'Windows Line Endings\r\n\r\nThis file was written\r\non Windows with hard wraps.\r\n');
    await writeFile(path.join(dir, 'locked.txt'), 'secret');
    await writeFile(path.join(dir, 'notes.pdf'), '%PDF-1.4');
    await writeFile(path.join(dir, 'copy-of-000.txt'), await readFile(path.join(dir, '000_33a834d042079b7a.txt')));
    await symlink('loop-b.txt', path.join(dir, 'loop-a.txt'));
    await symlink('loop-a.txt', path.join(dir, 'loop-b.txt'));
    await mkdir(path.join(dir, 'sub'));
    await symlink('..', path.join(dir, 'sub', 'up'));

    const engine = await openTestEngine(workspace);
    const skipped = Object.fromEntries(engine.startup.skipped.map((s) => [s.file, s.reason]));
    expect(skipped).toMatchObject({
      'empty.txt': 'empty file',
      'picture.txt': expect.stringMatching(/binary/),
      'locked.txt': expect.stringMatching(/EACCES/),
      // PDF is supported now: eight bytes of header are a corrupt, truncated PDF.
      'notes.pdf': expect.stringMatching(/corrupt or truncated PDF/),
      'copy-of-000.txt': 'identical to 000_33a834d042079b7a.txt',
      'loop-a.txt': expect.stringMatching(/link loop/),
      'loop-b.txt': expect.stringMatching(/link loop/),
      'sub/up': expect.stringMatching(/loop/),
    });
    expect(engine.startup.skipped).toHaveLength(8);
    const ids = engine.documents().map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['latin1.txt', 'bom.md', 'crlf.txt']));
    expect(ids).toHaveLength(8);
    expect(engine.documents().find((d) => d.id === 'bom.md')?.title).toBe('Bom Title');
    expect(engine.passage('latin1.txt', 2, 0)?.paragraphs[0]?.text).toBe('The café on the corner serves crème brûlée every day.');
    expect(engine.passage('crlf.txt', 2, 0)?.paragraphs[0]?.text).toBe('This file was written on Windows with hard wraps.');
    await engine.close();
  });

  it('forgets deleted and renamed documents: no orphan passages', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    (await openTestEngine(workspace)).close();
    await rename(path.join(workspace.corpusDir, '003_b2617dd9899413f7.txt'), path.join(workspace.corpusDir, 'sco.txt'));
    const engine = await openTestEngine(workspace);
    expect(engine.startup.reason).toMatch(/1 added, 1 removed/);
    expect(engine.startup.embedded).toBe(0);
    const ids = new Set(engine.documents().map((d) => d.id));
    expect(ids.has('sco.txt') && !ids.has('003_b2617dd9899413f7.txt')).toBe(true);
    const answer = await engine.ask('When was the SCO founded?');
    expect(answer.excerpts.every((e) => ids.has(e.citation.docId))).toBe(true);
    expect(answer.excerpts[0]?.citation.docId).toBe('sco.txt');
    await engine.close();
  });

  it('indexes what it read when a file changes during the build, and catches up next time', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const file = path.join(workspace.corpusDir, '000_33a834d042079b7a.txt');
    let changed = false;
    const engine = await openTestEngine(workspace, {
      onProgress: (event) => {
        if (event.phase === 'embed' && !changed) {
          changed = true;
          void writeFile(file, 'Replaced While Indexing\n\nThe whole article was replaced by a short note about kites.\n');
        }
      },
    });
    expect(changed).toBe(true);
    // The live index is consistent with the bytes it read (the original article).
    expect(engine.documents().find((d) => d.id === '000_33a834d042079b7a.txt')?.title).toMatch(/convergence/);
    await engine.close();
    const next = await openTestEngine(workspace);
    expect(next.startup.reason).toMatch(/stale: corpus changed \(1 changed/);
    expect(next.documents().find((d) => d.id === '000_33a834d042079b7a.txt')?.title).toBe('Replaced While Indexing');
    await next.close();
  });

  it('indexes 2,000 small documents', { timeout: 240_000 }, async () => {
    workspace = await tempWorkspace();
    await mkdir(workspace.corpusDir, { recursive: true });
    const topics = ['harbour', 'railway', 'school', 'clinic', 'bridge', 'market', 'library', 'power plant'];
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        writeFile(
          path.join(workspace!.corpusDir, `note-${String(i).padStart(4, '0')}.txt`),
          `Note ${i}\n\nThe ${topics[i % topics.length]} in district ${i} opened in year ${1900 + (i % 120)} with ${i * 7} visitors.\n`,
        ),
      ),
    );
    const engine = await openTestEngine(workspace);
    expect(engine.startup).toMatchObject({ documents: 2000, chunks: 2000, skipped: [] });
    const answer = await engine.ask('Which harbour is in district 1208?');
    expect(answer.excerpts[0]?.citation.docId).toBe('note-1208.txt');
    await engine.close();
  });

  it('indexes a 20 MB document', { timeout: 300_000 }, async () => {
    workspace = await tempWorkspace();
    await mkdir(workspace.corpusDir, { recursive: true });
    const paragraph = 'Officials said the corridor links ports, roads and power plants across the region. Trade grew by 12 percent in the first half.';
    const count = Math.ceil(20_000_000 / (paragraph.length + 2));
    await writeFile(path.join(workspace.corpusDir, 'huge.txt'), `A Very Large Report\n\n${Array(count).fill(paragraph).join('\n\n')}\n\nThe final paragraph mentions a lighthouse keeper named Ostrowski.\n`);
    const engine = await openTestEngine(workspace);
    expect(engine.startup.documents).toBe(1);
    expect(engine.startup.chunks).toBeGreaterThan(10_000);
    const answer = await engine.ask('Who is the lighthouse keeper?');
    expect(answer.excerpts[0]?.text).toMatch(/Ostrowski/);
    await engine.close();
  });
});
