// npm run index — build or refresh the index of corpus/, with progress and a summary.
import { bootstrap, runCli } from './bootstrap.js';
import { formatSummary, openEngineForCli } from './open-engine.js';

runCli(async () => {
  const { config, logger } = bootstrap();
  const engine = await openEngineForCli(config, logger);
  const summary = engine.startup;
  console.log(`Index ${summary.reason === 'up to date' ? 'is up to date' : `built (${summary.reason})`}: ${formatSummary(summary)}`);
  for (const skipped of summary.skipped) console.log(`  skipped ${skipped.file}: ${skipped.reason}`);
  for (const partial of summary.warnings ?? []) console.log(`  indexed in part ${partial.file}: ${partial.reason}`);
  await engine.close();
});
