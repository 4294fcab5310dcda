// npm run ask -- "question" [--json] — one answer from the terminal.
import { parseArgs } from 'node:util';
import { bootstrap, runCli, UsageError } from './bootstrap.js';
import { openEngineForCli } from './open-engine.js';
import { renderAnswerText } from './render-text.js';

const USAGE = 'Usage: npm run ask -- "your question" [--json]';

runCli(async () => {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const question = positionals.join(' ').trim();
  if (!question) throw new UsageError(USAGE);
  const { config, logger } = bootstrap();
  const engine = await openEngineForCli(config, logger);
  const answer = await engine.ask(question);
  console.log(values.json ? JSON.stringify(answer, null, 2) : renderAnswerText(answer));
  await engine.close();
}, { usage: USAGE });
