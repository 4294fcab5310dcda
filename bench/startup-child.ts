// Spawned by the startup section: opens the engine over an index that is already built and prints
// one JSON line of timings, measured from this process's time origin (its start). Only Node
// built-ins are imported statically, so the import of the engine's module graph is timed too.
import { performance } from 'node:perf_hooks';

const [corpusDir, embeddingsDir] = process.argv.slice(2);
if (!corpusDir || !embeddingsDir) {
  process.stderr.write('usage: startup-child.ts <corpusDir> <embeddingsDir>\n');
  process.exit(2);
}

const mainStartedMs = performance.now();
const { openTestEngine } = await import('../test/support/workspace.js');
const importedMs = performance.now();
const engine = await openTestEngine({ corpusDir, embeddingsDir });
const readyMs = performance.now();
const indexLoadMs = engine.startup.seconds * 1000;
process.stdout.write(
  `${JSON.stringify({
    mainStartedMs,
    importMs: importedMs - mainStartedMs,
    openMs: readyMs - importedMs,
    indexLoadMs,
    modelLoadMs: readyMs - importedMs - indexLoadMs,
    readyMs,
    reason: engine.startup.reason,
    embedded: engine.startup.embedded,
  })}\n`,
);
await engine.close();
