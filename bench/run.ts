// npm run bench [-- --json] [--quick] [--smallest] [--ann-budget-min=N]
// Runs every section; prints a Markdown report, or with --json exactly one JSON object on stdout
// (progress goes to stderr). Writes BENCHMARKS.md except with --smallest.
import path from 'node:path';
import { PROJECT_ROOT } from '../test/helpers/engine.js';
import { runBench } from './bench.js';
import { parseArgs } from './options.js';
import { renderMarkdown, updateBenchmarksFile } from './report.js';

const options = parseArgs(process.argv.slice(2));
if (options.json) {
  // stdout must carry only the JSON: anything a library logs goes to stderr meanwhile.
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  console.log = toStderr;
  console.info = toStderr;
}
try {
  const result = await runBench(options);
  if (options.writeReport) await updateBenchmarksFile(path.join(PROJECT_ROOT, 'BENCHMARKS.md'), result);
  const text = options.json ? `${JSON.stringify(result)}\n` : `${renderMarkdown(result)}\n`;
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  // Native handles (ONNX runtime threads) can outlive their JS owners; the report is out, so end.
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
