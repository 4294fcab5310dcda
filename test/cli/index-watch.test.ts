// `npm run index -- --watch` as an operator runs it (the real entry point in a child process):
// it builds the index, picks up a file written into the corpus folder with one line saying so,
// and Ctrl-C (SIGINT) exits 0 with the build lock released and no stack trace.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killIfRunning, runNode, type ChildRun } from '../discord/fixtures/child-bot.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const stackFrame = /^\s+at .+:\d+/m;

describe('npm run index -- --watch', () => {
  let workspace: TempWorkspace | undefined;
  let run: ChildRun | undefined;
  afterEach(async () => {
    killIfRunning(run);
    await workspace?.cleanup();
  });

  it('builds, picks up a new file, and exits 0 on SIGINT with the lock released', { timeout: 120_000 }, async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const env = { CORPUS_DIR: workspace.corpusDir, EMBEDDINGS_DIR: workspace.embeddingsDir, DATA_DIR: path.join(workspace.dir, 'data'), LOG_LEVEL: 'info' };
    run = runNode('src/cli/index-corpus.ts', env, ['--watch']);
    await run.waitForOutput(/Watching .* for changes \(Ctrl-C stops\)\./);
    expect(run.output()).toMatch(/Index built \(missing: no index has been built yet\): 5 documents/);
    // The progress bar (plain lines off a terminal) showed the build.
    expect(run.stderr()).toMatch(/Embedding chunks: \d+\/\d+ \(100%\)/);

    await writeFile(path.join(workspace.corpusDir, 'kites.txt'), 'Kite Notes\n\nThe Basant kite festival in Lahore marks the arrival of spring.\n');
    await run.waitForOutput(/corpus changed: 1 added \(kites\.txt\); 1 chunk embedded; index now 6 documents/, 60_000);

    run.child.kill('SIGINT');
    const exit = await run.exited;
    expect(exit, run.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('SIGINT received: stopped watching');
    expect(run.stderr()).not.toMatch(stackFrame);
    expect(await readdir(workspace.embeddingsDir)).not.toContain('.build.lock');
  });

  it('SIGINT during the first build also exits 0 at once, and leaves no lock for the next run', { timeout: 120_000 }, async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const env = { CORPUS_DIR: workspace.corpusDir, EMBEDDINGS_DIR: workspace.embeddingsDir, DATA_DIR: path.join(workspace.dir, 'data'), LOG_LEVEL: 'info' };
    run = runNode('src/cli/index-corpus.ts', env, ['--watch']);
    await run.waitForOutput(/building the index \(missing/);
    expect(await readdir(workspace.embeddingsDir)).toContain('.build.lock');
    run.child.kill('SIGINT');
    const exit = await run.exited;
    expect(exit, run.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('SIGINT received: stopped watching');
    expect(run.output()).not.toContain('Watching ');
    expect(run.stderr()).not.toMatch(stackFrame);
    expect(await readdir(workspace.embeddingsDir)).not.toContain('.build.lock');
  });
});
