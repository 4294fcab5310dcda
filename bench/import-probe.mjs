// Startup benchmark probe: how long importing the heavy native libraries takes on its own
// (run under plain node and under tsx), printed as one JSON line.
const started = performance.now();
await import('@huggingface/transformers');
await import('hnswlib-node');
await import('minisearch');
console.log(JSON.stringify({ importMs: performance.now() - started }));
