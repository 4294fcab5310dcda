// A signal during start-up: the real entry point (`npm start` = src/cli/main.ts), building its
// index from scratch, gets SIGTERM. It says so in one line, exits 0 at once, leaves no build lock
// behind, and the next start builds the index as usual. Then the signal handler's rules alone.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleSignals } from '../../src/cli/shutdown.js';
import type { Engine } from '../../src/core/engine.js';
import type { CorpusWatcher } from '../../src/core/watch/corpus-watcher.js';
import type { Logger } from '../../src/log.js';
import { killIfRunning, runNode, type ChildRun } from '../discord/fixtures/child-bot.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const stopLine = 'SIGTERM received during start-up: stopping before the bot went online';
/** A stack frame as Node prints it ("    at fn (file:line:col)"). */
const stackFrame = /^\s+at .+:\d+/m;

describe('SIGTERM while npm start builds the index', () => {
  let workspace: TempWorkspace | undefined;
  let run: ChildRun | undefined;
  afterEach(async () => {
    killIfRunning(run);
    await workspace?.cleanup();
  });

  it('stops the start-up, exits 0 without a stack trace, and the next start builds the index', { timeout: 120_000 }, async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    // Terminal mode (no token, stdin closed): were the signal ignored, it would exit 0 too, but
    // only after "engine ready", which the assertions below rule out.
    const env = { CORPUS_DIR: workspace.corpusDir, EMBEDDINGS_DIR: workspace.embeddingsDir, DATA_DIR: path.join(workspace.dir, 'data'), LOG_LEVEL: 'info' };
    run = runNode('src/cli/main.ts', env);
    await run.waitForOutput(/building the index \(missing/);
    expect(await readdir(workspace.embeddingsDir)).toContain('.build.lock');

    const sent = Date.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    const output = run.output();
    expect(exit, output.slice(-3000)).toEqual({ code: 0, signal: null });
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(output.split(stopLine)).toHaveLength(2);
    expect(output).not.toContain('engine ready');
    expect(run.stderr()).not.toMatch(stackFrame);
    expect(await readdir(workspace.embeddingsDir)).not.toContain('.build.lock');

    run = runNode('src/cli/main.ts', env);
    const again = await run.exited;
    expect(again, run.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(run.output()).toMatch(/building the index \(missing/);
    expect(run.output()).toMatch(/engine ready: 5 documents/);
    expect(run.output()).not.toMatch(/waiting for another index build/);
    expect(await readdir(workspace.embeddingsDir)).toContain('CURRENT');
  });
});

describe('signal handling before the bot is online', () => {
  const exit = vi.fn();
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  let signals: ReturnType<typeof handleSignals> | undefined;
  let listener: ((signal: NodeJS.Signals) => void) | undefined;
  const send = (signal: NodeJS.Signals) => listener?.(signal);

  function install() {
    vi.spyOn(process, 'exit').mockImplementation(exit as unknown as typeof process.exit);
    const before = new Set(process.listeners('SIGTERM'));
    signals = handleSignals();
    listener = process.listeners('SIGTERM').find((l) => !before.has(l));
    signals.logTo(logger as unknown as Logger);
    return signals;
  }
  afterEach(() => {
    signals?.release();
    vi.restoreAllMocks();
    exit.mockReset();
    for (const level of Object.values(logger)) level.mockReset();
    process.exitCode = undefined;
  });

  it('exits 0 at once when no engine is open yet', () => {
    install();
    send('SIGINT');
    expect(logger.info).toHaveBeenCalledWith('SIGINT received during start-up: stopping before the bot went online');
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('closes an open engine first, and a second signal exits 1 without waiting', async () => {
    install();
    let closed!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (closed = resolve)));
    signals?.closeOnStop({ close } as unknown as Engine);
    send('SIGTERM');
    expect(close).toHaveBeenCalledOnce();
    expect(exit).not.toHaveBeenCalled();
    expect(signals?.stopping).toBe(true);

    send('SIGTERM');
    expect(logger.warn).toHaveBeenCalledWith('SIGTERM received again: exiting without waiting');
    expect(exit).toHaveBeenCalledWith(1);

    exit.mockClear();
    closed();
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(process.exitCode).toBe(0);
  });

  it('stops the corpus watcher first, and abandons a rebuild in flight instead of waiting for it', async () => {
    install();
    const watcherClose = vi.fn(async () => undefined);
    const engineClose = vi.fn(async () => undefined);
    signals?.stopWatcher({ close: watcherClose } as unknown as CorpusWatcher);
    signals?.closeOnStop({ close: engineClose, rebuilding: true } as unknown as Engine);
    send('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(watcherClose).toHaveBeenCalledOnce();
    expect(engineClose).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith('an index rebuild in flight is abandoned; the previous index stays live and the next start catches up');
    expect(process.exitCode).toBe(0);
  });
});
