// `npm run index -- --watch`: build or refresh the index, then keep it current as files in the
// corpus folder change (with the progress bar for each rebuild) until Ctrl-C or SIGTERM, which
// exit 0. A rebuild in flight at that moment is abandoned safely: a generation only goes live
// whole, and the build lock is released as the process exits (core/index/build-lock.ts).
import type { Config } from '../config.js';
import type { Engine } from '../core/engine.js';
import { type CorpusWatcher, startCorpusWatcher } from '../core/watch/corpus-watcher.js';
import type { Logger } from '../log.js';
import { openEngineForCli, printStartup } from './open-engine.js';
import { createProgressReporter } from './progress.js';

/** How long an idle stop waits for the engine to close before exiting anyway. */
const CLOSE_TIMEOUT_MS = 5000;

export interface WatchParts {
  watcher?: CorpusWatcher;
  engine?: Engine;
  logger?: Logger;
}

/** SIGINT/SIGTERM stop the watch and exit 0 (a second signal: 1, at once). `parts` fills in as start-up goes on. */
export function stopOnSignals(parts: WatchParts): void {
  let stopping = false;
  const say = (message: string) => (parts.logger ? parts.logger.info(message) : console.error(message));
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} received again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    const { watcher, engine } = parts;
    // Before the engine is open (the first build), or while it rebuilds, there is nothing to wait for.
    const abandon = !engine || engine.rebuilding;
    say(abandon && engine ? `${signal} received: stopped watching; the rebuild in flight is abandoned and the previous index stays live` : `${signal} received: stopped watching`);
    const closing = (async () => {
      await watcher?.close();
      if (!abandon) await engine.close();
    })();
    setTimeout(() => process.exit(0), CLOSE_TIMEOUT_MS).unref();
    void closing.catch(() => undefined).finally(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Builds or loads the index, then watches the folder; returns only through a signal (process exit). */
export async function watchCorpus(config: Config, logger: Logger, parts: WatchParts): Promise<void> {
  // Watch first: a file that arrives while the index is being built is not missed.
  parts.watcher = await startCorpusWatcher({
    corpusDir: config.corpusDir,
    exclude: [config.embeddingsDir, config.dataDir],
    logger,
    progress: () => createProgressReporter(),
  });
  try {
    parts.engine = await openEngineForCli(config, logger);
  } catch (error) {
    // The watcher's handles would keep a failed start-up alive.
    await parts.watcher.close();
    throw error;
  }
  printStartup(parts.engine.startup);
  parts.watcher.attach(parts.engine);
  console.log(`Watching ${config.corpusDir} for changes (Ctrl-C stops).`);
  await new Promise<never>(() => undefined);
}
