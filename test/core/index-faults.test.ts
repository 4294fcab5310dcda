// Index faults: failed writes, a build killed mid-way, concurrent builds. The previous good
// index must stay live, and a new one is only ever swapped in whole.
import { spawn } from 'node:child_process';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Atomic from '../../src/core/index/atomic.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';
import { PROJECT_CORPUS, PROJECT_ROOT } from '../support/paths.js';

const writeFault = vi.hoisted(() => ({ code: undefined as string | undefined }));
vi.mock('../../src/core/index/atomic.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Atomic>();
  return {
    ...actual,
    writeFileAtomic: async (file: string, data: string | Uint8Array) => {
      if (writeFault.code) throw Object.assign(new Error(`simulated ${writeFault.code}`), { code: writeFault.code });
      return actual.writeFileAtomic(file, data);
    },
  };
});

let workspace: TempWorkspace | undefined;
afterEach(async () => {
  writeFault.code = undefined;
  await workspace?.cleanup();
  workspace = undefined;
});

const current = async (dir: string) => (await readFile(path.join(dir, 'CURRENT'), 'utf8')).trim();
const generations = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith('gen-'));
const changeCorpus = (w: TempWorkspace) => appendFile(path.join(w.corpusDir, '001_d4979c34144fa7d8.txt'), '\n\nA late paragraph about kite festivals in Lahore.\n');

describe('index faults', () => {
  it.each(['ENOSPC', 'EACCES'])('keeps answering from the previous index when a write fails with %s', async (code) => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const engine = await openTestEngine(workspace);
    const live = await current(workspace.embeddingsDir);
    await changeCorpus(workspace);
    writeFault.code = code;
    await expect(engine.reindex()).rejects.toMatchObject({ code });
    // Same live generation, no half-written one left behind, and the engine still answers.
    expect(await current(workspace.embeddingsDir)).toBe(live);
    expect(await generations(workspace.embeddingsDir)).toEqual([live]);
    expect((await engine.ask('What is CPEC?')).answered).toBe(true);
    writeFault.code = undefined;
    const summary = await engine.reindex();
    expect(summary.reason).toMatch(/^stale: corpus changed/);
    expect((await engine.ask('Where are the kite festivals?')).excerpts[0]?.text).toMatch(/kite festivals/);
    await engine.close();
  });

  it('survives a build killed with SIGKILL: the old index stays live and the lock is taken over', { timeout: 120_000 }, async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    (await openTestEngine(workspace)).close();
    const live = await current(workspace.embeddingsDir);
    await changeCorpus(workspace);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/index-corpus.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CORPUS_DIR: workspace.corpusDir, EMBEDDINGS_DIR: workspace.embeddingsDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it as soon as it is embedding: lock held, new generation not yet written.
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        if (chunk.toString().includes('Embedding chunks')) {
          child.kill('SIGKILL');
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => reject(new Error('index build finished before it could be killed')));
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await current(workspace.embeddingsDir)).toBe(live);
    expect((await readdir(workspace.embeddingsDir)).includes('.build.lock')).toBe(true);
    const engine = await openTestEngine(workspace);
    expect(engine.startup.reason).toMatch(/^stale: corpus changed/);
    expect(await generations(workspace.embeddingsDir)).toHaveLength(1);
    expect((await readdir(workspace.embeddingsDir)).includes('.build.lock')).toBe(false);
    await engine.close();
  });

  it('serialises two builds of one index and never answers from a half-built one', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const first = await openTestEngine(workspace);
    const second = await openTestEngine(workspace);
    await changeCorpus(workspace);
    const asking = (async () => {
      const answers = [];
      for (let i = 0; i < 20; i++) answers.push(await first.ask('Which is the largest regional organization?'));
      return answers;
    })();
    const [a, b, answers] = await Promise.all([first.reindex(), second.reindex(), asking]);
    // One built; the other waited for the lock, then found the index already up to date.
    expect([a.reason, b.reason].sort()).toEqual(['stale: corpus changed (1 changed, 0 added, 0 removed)', 'up to date']);
    expect(answers.every((answer) => answer.answered && answer.excerpts[0]?.citation.docId === '003_b2617dd9899413f7.txt')).toBe(true);
    // Two reindex calls on one engine share one build.
    const [c, d] = await Promise.all([first.reindex(), first.reindex()]);
    expect(c).toBe(d);
    await first.close();
    await second.close();
  });
});
