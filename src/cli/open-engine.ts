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
