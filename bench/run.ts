// npm run bench [-- --json] [--quick] [--smallest] [--ann-budget-min=N] [--no-write]
// npm run bench -- --soak MINUTES [--json] [--no-write]
// Runs every section (or, with --soak, only the soak); prints a Markdown report, or with --json
// exactly one JSON object on stdout (progress goes to stderr). Writes BENCHMARKS.md (its own block)
// except with --smallest or --no-write.
import path from 'node:path';
import { PROJECT_ROOT } from '../test/support/paths.js';
import { runBench } from './bench.js';
import { type BenchOptions, parseArgs } from './options.js';
import { renderMarkdown, renderSoakMarkdown, updateBenchmarksBlock, updateBenchmarksFile } from './report.js';
import { runSoak } from './sections/soak.js';

let options: BenchOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  // A bad option: its message alone, no stack.
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
if (options.json) {
  // stdout must carry only the JSON: anything a library logs goes to stderr meanwhile.
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  console.log = toStderr;
  console.info = toStderr;
}
const benchmarksFile = path.join(PROJECT_ROOT, 'BENCHMARKS.md');
try {
  let text: string;
  if (options.soakMinutes !== undefined) {
    const result = await runSoak(options, options.soakMinutes);
    const markdown = renderSoakMarkdown(result);
    if (options.writeReport) await updateBenchmarksBlock(benchmarksFile, 'soak', markdown);
    text = options.json ? `${JSON.stringify(result)}\n` : `${markdown}\n`;
  } else {
    const result = await runBench(options);
    if (options.writeReport) await updateBenchmarksFile(benchmarksFile, result);
    text = options.json ? `${JSON.stringify(result)}\n` : `${renderMarkdown(result)}\n`;
  }
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  // Native handles (ONNX runtime threads) can outlive their JS owners; the report is out, so end.
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
