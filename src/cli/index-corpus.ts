// npm run index [-- --watch] — build or refresh the index of corpus/, with progress and a summary;
// with --watch, keep it current as the folder changes until Ctrl-C (src/cli/watch-corpus.ts).
import { parseArgs } from 'node:util';
import type { Engine } from '../core/engine.js';
import type { CorpusWatcher } from '../core/watch/corpus-watcher.js';
import type { Logger } from '../log.js';

const { values } = parseArgs({ options: { watch: { type: 'boolean', default: false } }, strict: false });
const watching = values.watch === true;
const running: { watcher?: CorpusWatcher; engine?: Engine; logger?: Logger } = {};
// Signals first when watching: the modules below take seconds to load, and Ctrl-C meanwhile must
// already stop cleanly.
if (watching) (await import('./watch-corpus.js')).stopOnSignals(running);
const { bootstrap, runCli, UsageError } = await import('./bootstrap.js');
const { openEngineForCli, printStartup } = await import('./open-engine.js');

const USAGE = 'Usage: npm run index [-- --watch]';

runCli(async () => {
  const unknown = process.argv.slice(2).find((arg) => arg !== '--watch');
  if (unknown) throw new UsageError(`Unknown argument ${unknown}. ${USAGE}`);
  const { config, logger } = bootstrap();
  running.logger = logger;
  if (watching) {
    const { watchCorpus } = await import('./watch-corpus.js');
    await watchCorpus(config, logger, running);
    return;
  }
  const engine = await openEngineForCli(config, logger);
  printStartup(engine.startup);
  await engine.close();
}, { usage: USAGE });
