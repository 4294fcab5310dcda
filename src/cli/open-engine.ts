// Opens the engine for a command-line entry point, with progress on stderr and a summary line.
import type { Config } from '../config.js';
import { type Engine, engineOptionsFromConfig, openEngine } from '../core/engine.js';
import type { IndexSummary } from '../core/types.js';
import type { Logger } from '../log.js';
import { createProgressReporter } from './progress.js';

export async function openEngineForCli(config: Config, logger: Logger, overrides: { corpusDir?: string; embeddingsDir?: string } = {}): Promise<Engine> {
  return openEngine({ ...engineOptionsFromConfig(config, logger), ...overrides, onProgress: createProgressReporter() });
}

export function formatSummary(summary: IndexSummary): string {
  const skipped = summary.skipped.length ? `, ${summary.skipped.length} skipped` : '';
  return `${summary.documents} documents, ${summary.chunks} chunks (${summary.embedded} embedded, ${summary.reused} reused${skipped}) in ${summary.seconds.toFixed(1)} s`;
}

/** The start-up line of `npm run index`: built or up to date, the counts, and every skipped file. */
export function printStartup(summary: IndexSummary): void {
  console.log(`Index ${summary.reason === 'up to date' ? 'is up to date' : `built (${summary.reason})`}: ${formatSummary(summary)}`);
  for (const skipped of summary.skipped) console.log(`  skipped ${skipped.file}: ${skipped.reason}`);
  for (const partial of summary.warnings ?? []) console.log(`  indexed in part ${partial.file}: ${partial.reason}`);
}
