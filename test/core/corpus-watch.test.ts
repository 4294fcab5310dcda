// The corpus watcher on a running engine (real model, real index, real file system events):
// files added, changed, renamed into a subfolder and deleted show in answers within seconds;
// hidden, temporary and unsupported files cost nothing; a burst of 100 files is one rebuild.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { type CorpusWatcher, startCorpusWatcher, type WatchRebuild } from '../../src/core/watch/corpus-watcher.js';
import { capturingLogger, eventually, type CapturedLine } from '../support/log-capture.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';

/** How long a change may take to become answerable here: debounce + a rebuild on a loaded 2-core machine. */
const ANSWERABLE_WITHIN_MS = 45_000;
const INFO = 30;

describe('the corpus watcher keeps a running engine current', () => {
  let workspace: TempWorkspace;
  let engine: Engine;
  let watcher: CorpusWatcher;
  let lines: CapturedLine[];
  const rebuilds: WatchRebuild[] = [];

  beforeAll(async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const captured = capturingLogger();
    lines = captured.lines;
    engine = await openTestEngine(workspace, { logger: captured.logger });
    watcher = await startCorpusWatcher({ corpusDir: workspace.corpusDir, exclude: [workspace.embeddingsDir], logger: captured.logger, onRebuild: (r) => rebuilds.push(r) });
    watcher.attach(engine);
  });
  afterAll(async () => {
    await watcher?.close();
    await engine?.close();
    await workspace?.cleanup();
  });

  /** The document the top excerpt of an answer cites, once the question is answered from `docId`. */
  const answeredFrom = (question: string, docId: string) =>
    eventually(async () => {
      const answer = await engine.ask(question);
      return answer.answered && answer.excerpts[0]?.citation.docId === docId ? answer : undefined;
    }, ANSWERABLE_WITHIN_MS, `"${question}" answered from ${docId}`);

  const rebuildLines = () => lines.filter((line) => line.level === INFO && line.msg.startsWith('corpus changed:'));

  it('a new file is answerable within seconds, with one line saying what changed', async () => {
    const written = performance.now();
    await writeFile(path.join(workspace.corpusDir, 'lighthouse.txt'), 'The Zephyrine Lighthouse\n\nThe Zephyrine lighthouse was built in 1874 by the engineer Ottoline Marchbanks on a granite reef.\n');
    const answer = await answeredFrom('Who built the Zephyrine lighthouse?', 'lighthouse.txt');
    const seconds = (performance.now() - written) / 1000;
    console.log(`file written → answerable: ${seconds.toFixed(1)} s`);
    expect(answer.excerpts[0]?.text).toContain('Ottoline Marchbanks');
    const line = await eventually(() => rebuildLines().find((l) => l.msg.includes('lighthouse.txt')), 5000, 'the rebuild line');
    expect(line.msg).toMatch(/^corpus changed: 1 added \(lighthouse\.txt\); \d+ chunks? embedded; index now 6 documents, \d+ chunks \(\d+\.\d s\)$/);
    expect(line).toMatchObject({ added: ['lighthouse.txt'], changed: [], removed: [], embedded: expect.any(Number) });
  });

  it('a changed file answers with its new text; renamed into a subfolder it is cited there; deleted it is gone', async () => {
    const file = path.join(workspace.corpusDir, 'lighthouse.txt');
    await writeFile(file, 'The Zephyrine Lighthouse\n\nThe Zephyrine lighthouse was built in 1874 by the engineer Ottoline Marchbanks on a granite reef.\n\nIts lamp was electrified in 1931 and can be seen from 22 nautical miles away.\n');
    const changed = await answeredFrom('From how far away can the Zephyrine lamp be seen?', 'lighthouse.txt');
    expect(changed.excerpts[0]?.text).toContain('22 nautical miles');

    await mkdir(path.join(workspace.corpusDir, 'coast'));
    await rename(file, path.join(workspace.corpusDir, 'coast', 'zephyrine.txt'));
    const moved = await answeredFrom('Who built the Zephyrine lighthouse?', 'coast/zephyrine.txt');
    expect(moved.excerpts[0]?.text).toContain('Ottoline Marchbanks');
    expect(engine.documents().map((d) => d.id)).not.toContain('lighthouse.txt');
    const renameLine = await eventually(() => rebuildLines().find((l) => l.msg.includes('lighthouse.txt → coast/zephyrine.txt')), 5000, 'the rename line');
    // Same bytes under a new name: the vectors come from the cache.
    expect(renameLine.msg).toMatch(/1 renamed \(lighthouse\.txt → coast\/zephyrine\.txt\); 0 chunks embedded/);

    await rm(path.join(workspace.corpusDir, 'coast'), { recursive: true });
    await eventually(() => !engine.documents().some((d) => d.id === 'coast/zephyrine.txt'), ANSWERABLE_WITHIN_MS, 'the deleted document to leave the index');
    const gone = await engine.ask('Who built the Zephyrine lighthouse?');
    expect(gone.excerpts.some((e) => e.text.includes('Marchbanks'))).toBe(false);
    expect(engine.stats().documents).toBe(5);
  });

  it('hidden files, editor temp files, unsupported types and the index folder cause no rebuild', async () => {
    const before = watcher.stats();
    const dir = workspace.corpusDir;
    await writeFile(path.join(dir, '.notes.txt'), 'hidden');
    await writeFile(path.join(dir, '.report.md.swp'), 'vim swap');
    await writeFile(path.join(dir, 'report.md~'), 'backup');
    await writeFile(path.join(dir, '~$minutes.docx'), 'office owner file');
    await writeFile(path.join(dir, 'draft.txt.part'), 'partial download');
    await writeFile(path.join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await mkdir(path.join(dir, '.git'), { recursive: true });
    await writeFile(path.join(dir, '.git', 'HEAD.txt'), 'ref');
    // Wait past the debounce: anything relevant would have started a rebuild by now.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(watcher.stats()).toEqual(before);
    expect(engine.stats().documents).toBe(5);
  });

  it('a burst of 100 files is one rebuild, after which all of them answer', { timeout: 180_000 }, async () => {
    const before = rebuilds.length;
    const written = performance.now();
    for (let i = 0; i < 100; i++) {
      await writeFile(path.join(workspace.corpusDir, `ferry-${String(i).padStart(3, '0')}.txt`), `Ferry timetable ${i}\n\nThe ferry numbered ${i} to Quillon Island leaves pier ${(i % 7) + 1} at ${6 + (i % 12)}:${String(i % 60).padStart(2, '0')} every day.\n`);
    }
    await eventually(() => rebuilds.length > before, 120_000, 'the burst to be rebuilt');
    const burst = rebuilds.slice(before);
    expect(burst).toHaveLength(1);
    expect(burst[0]?.summary?.changes?.added).toHaveLength(100);
    console.log(`burst of 100 files → ${burst.length} rebuild, answerable after ${((performance.now() - written) / 1000).toFixed(1)} s (rebuild ${((burst[0]?.ms ?? 0) / 1000).toFixed(1)} s)`);
    expect(engine.stats().documents).toBe(105);
    const answer = await engine.ask('When does the ferry numbered 42 to Quillon Island leave?');
    expect(answer.excerpts[0]?.citation.docId).toBe('ferry-042.txt');
    // Nothing was left over for a second rebuild.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(rebuilds.length - before).toBe(1);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
