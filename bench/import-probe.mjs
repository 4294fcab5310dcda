// Startup benchmark probe: how long importing the heavy native libraries takes on its own
// (run under plain node and under tsx), printed as one JSON line.
import { performance } from 'node:perf_hooks';
const started = performance.now();
await import('@huggingface/transformers');
await import('hnswlib-node');
await import('minisearch');
console.log(JSON.stringify({ importMs: performance.now() - started }));
