// The corpus watcher: time from a file appearing in corpus/ to its first answer, split into the
// wait before the rebuild starts (the debounce and the file system event), the rebuild itself
// (the reference: the same `refresh()` the engine would run if asked directly) and the rest
// (the swap and the next question); and how many rebuilds a burst of files costs (target: one).
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_WATCH } from '../../src/core/settings.js';
import { startCorpusWatcher, type WatchRebuild } from '../../src/core/watch/corpus-watcher.js';
import { createLogger } from '../../src/log.js';
import { PROJECT_CORPUS } from '../../test/support/paths.js';
import { openTestEngine } from '../../test/support/workspace.js';
import { type BenchContext, createWorkspace } from '../context.js';
import { median, round } from '../stats.js';

/** How often the question is asked while waiting for the file to be answerable (cached embedding: cheap). */
const POLL_MS = 20;
/** Longest a trial may wait before the section fails (a lost event, a stuck rebuild). */
const TRIAL_TIMEOUT_MS = 120_000;

export interface WatchTrial {
  /** File written → the question is answered from it. */
  fileToAnswerMs: number;
  /** File written → the rebuild started (debounce + event delivery). */
  waitMs: number;
  /** The rebuild (engine.refresh) alone. */
  rebuildMs: number;
  embedded: number;
}

export interface WatchResult {
  debounceMs: number;
  trials: WatchTrial[];
  /** Medians over the trials. */
  fileToAnswerMs: number;
  waitMs: number;
  rebuildMs: number;
  /** What is left: the swap, and the poll that asked next. */
  restMs: number;
  burst: { files: number; rebuilds: number; fileToAllAnswerableMs: number; rebuildMs: number; embedded: number };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runWatchSection(ctx: BenchContext): Promise<WatchResult> {
  const workspace = await createWorkspace(ctx.tempDir, 'watch', PROJECT_CORPUS);
  // The main workspace's index matches this corpus: the engine opens without a build.
  await cp(ctx.workspace.embeddingsDir, workspace.embeddingsDir, { recursive: true });
  const engine = await openTestEngine(workspace);
  const rebuilds: Array<WatchRebuild & { endedAt: number }> = [];
  const watcher = await startCorpusWatcher({
    corpusDir: workspace.corpusDir,
    exclude: [workspace.embeddingsDir],
    logger: createLogger('silent'),
    onRebuild: (rebuild) => rebuilds.push({ ...rebuild, endedAt: performance.now() }),
  });
  watcher.attach(engine);

  /** Writes files and waits until `ready()` (the first answer from them); the rebuilds it took. */
  const writeAndWait = async (files: Array<{ name: string; text: string }>, ready: () => Promise<boolean>, docId: string) => {
    const before = rebuilds.length;
    const written = performance.now();
    for (const file of files) await writeFile(path.join(workspace.corpusDir, file.name), file.text);
    for (;;) {
      if (await ready()) break;
      if (performance.now() - written > TRIAL_TIMEOUT_MS) throw new Error(`watch: ${docId} not answerable after ${TRIAL_TIMEOUT_MS / 1000} s`);
      await sleep(POLL_MS);
    }
    const fileToAnswerMs = performance.now() - written;
    // A rebuild can end a moment after the answer shows (its callback runs after the swap).
    await sleep(DEFAULT_WATCH.debounceMs * 2);
    return { written, fileToAnswerMs, taken: rebuilds.slice(before) };
  };

  try {
    const trials: WatchTrial[] = [];
    for (let i = 0; i < ctx.sizes.watch.trials; i++) {
      ctx.log(`watch: trial ${i + 1}/${ctx.sizes.watch.trials}`);
      const name = `watch-trial-${i}.txt`;
      const text = `Harbour Log ${i}\n\nOn trial day ${i} the harbourmaster of Velmora counted ${100 + i * 7} fishing boats moored at the eastern quay.\n`;
      const question = `How many fishing boats did the harbourmaster of Velmora count on trial day ${i}?`;
      const answered = async () => (await engine.ask(question)).excerpts[0]?.citation.docId === name;
      const { written, fileToAnswerMs, taken } = await writeAndWait([{ name, text }], answered, name);
      const rebuild = taken.find((r) => r.summary?.changes?.added.includes(name)) ?? taken[0];
      if (!rebuild?.summary) throw new Error(`watch: no rebuild recorded for ${name}`);
      const startedAt = rebuild.endedAt - rebuild.ms;
      trials.push({ fileToAnswerMs: round(fileToAnswerMs, 1), waitMs: round(startedAt - written, 1), rebuildMs: round(rebuild.ms, 1), embedded: rebuild.summary.embedded });
    }

    const files = ctx.sizes.watch.burstFiles;
    ctx.log(`watch: a burst of ${files} files`);
    const burstFiles = Array.from({ length: files }, (_, i) => ({
      name: `watch-burst-${String(i).padStart(3, '0')}.txt`,
      text: `Mooring ${i}\n\nMooring buoy ${i} of the Velmora outer harbour is painted ${['red', 'green', 'yellow', 'white'][i % 4]} and holds vessels up to ${10 + (i % 30)} metres.\n`,
    }));
    const last = burstFiles.at(-1);
    if (!last) throw new Error('watch: the burst needs at least one file');
    // All of them are answerable once the last one is in the live index (one generation holds them all).
    const burst = await writeAndWait(burstFiles, async () => engine.documents().some((d) => d.id === last.name), last.name);
    const median1 = (values: number[]) => round(median(values), 1);
    const fileToAnswerMs = median1(trials.map((t) => t.fileToAnswerMs));
    const waitMs = median1(trials.map((t) => t.waitMs));
    const rebuildMs = median1(trials.map((t) => t.rebuildMs));
    return {
      debounceMs: DEFAULT_WATCH.debounceMs,
      trials,
      fileToAnswerMs,
      waitMs,
      rebuildMs,
      restMs: round(Math.max(0, fileToAnswerMs - waitMs - rebuildMs), 1),
      burst: {
        files,
        rebuilds: burst.taken.length,
        fileToAllAnswerableMs: round(burst.fileToAnswerMs, 1),
        rebuildMs: round(burst.taken.reduce((sum, r) => sum + r.ms, 0), 1),
        embedded: burst.taken.reduce((sum, r) => sum + (r.summary?.embedded ?? 0), 0),
      },
    };
  } finally {
    await watcher.close();
    await engine.close();
  }
}
