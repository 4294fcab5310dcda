// npm run export -- feedback [--out FILE] — the state database's 👍/👎 votes as JSON lines (the
// format the bot once appended to data/feedback.jsonl), on stdout or into FILE.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createLogger } from '../log.js';
import { formatFeedbackJsonl, openStateStore } from '../state/index.js';
import { bootstrap, runCli, UsageError } from './bootstrap.js';

const usage = 'Usage: npm run export -- feedback [--out FILE]';

runCli(async () => {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1 || positionals[0] !== 'feedback') throw new UsageError(usage);
  const { config } = bootstrap();
  // stdout carries the export: log lines go to stderr.
  const logger = createLogger(config.logLevel, pino.destination(2));
  const state = await openStateStore({ dataDir: config.dataDir, databaseUrl: config.stateDatabaseUrl, logger });
  try {
    const entries = await state.feedback.exportAll();
    const text = formatFeedbackJsonl(entries);
    if (values.out) {
      await writeFile(values.out, text, 'utf8');
      console.error(`wrote ${entries.length} feedback votes to ${values.out}`);
    } else {
      await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
    }
  } finally {
    await state.close();
  }
}, { usage });
