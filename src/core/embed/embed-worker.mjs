// The embedding model in its own thread (started by worker-embedder.ts). ONNX Runtime's Node
// binding runs each inference synchronously on the thread that calls it: on the main thread that
// stalled everything else the process does (the bot's gateway, REST and JSON work) for as long as
// the model ran. Here it stalls only this thread, and the main thread keeps working beside it.
//
// Plain JavaScript so it needs no TypeScript loader under tsx, vitest or node alone.
//
// Protocol (structured-clone messages):
//   → { type: 'embed', id, texts }        ← { type: 'vectors', id, data: Float32Array, dim }
//                                         ← { type: 'failed', id, reason }
//   once, after start-up:                 ← { type: 'ready', dimension } | { type: 'load-failed', reason }
// Single-text requests (questions) waiting together run as one batch of up to `maxQueryBatch`:
// under load, questions arrive faster than the model answers them one at a time. Requests of
// several texts (an index build's batches, sized by the caller) run as they are.
import { setImmediate } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';

const { model, dtype, modelsDir, allowRemote, threads, maxQueryBatch } = workerData;
const POOLING = { pooling: 'mean', normalize: true };

const firstLine = (error) => (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error';

env.allowLocalModels = true;
env.allowRemoteModels = allowRemote;
env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
env.cacheDir = modelsDir;

let extractor;
try {
  extractor = await pipeline('feature-extraction', model, {
    dtype,
    ...(threads ? { session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } } : {}),
  });
  const probe = await extractor('dimension probe', POOLING);
  parentPort.postMessage({ type: 'ready', dimension: probe.dims.at(-1) ?? 0 });
} catch (error) {
  parentPort.postMessage({ type: 'load-failed', reason: firstLine(error) });
  parentPort.close();
}

const queue = [];
let draining = false;

if (extractor) {
  parentPort.on('message', (message) => {
    if (message.type !== 'embed') return;
    queue.push(message);
    if (!draining) {
      draining = true;
      // After the messages already waiting have been delivered: they join this batch.
      setImmediate(drain);
    }
  });
}

/** The next requests to run together: one request of several texts, or up to maxQueryBatch single texts. */
function takeBatch() {
  const first = queue.shift();
  const jobs = [first];
  if (first.texts.length === 1) {
    while (jobs.length < maxQueryBatch && queue[0]?.texts.length === 1) jobs.push(queue.shift());
  }
  return jobs;
}

async function drain() {
  while (queue.length) {
    const jobs = takeBatch();
    try {
      const tensor = await extractor(jobs.flatMap((job) => job.texts), POOLING);
      const dim = tensor.dims.at(-1) ?? 0;
      let row = 0;
      for (const job of jobs) {
        const data = tensor.data.slice(row * dim, (row + job.texts.length) * dim);
        row += job.texts.length;
        parentPort.postMessage({ type: 'vectors', id: job.id, data, dim }, [data.buffer]);
      }
    } catch (error) {
      const reason = firstLine(error);
      for (const job of jobs) parentPort.postMessage({ type: 'failed', id: job.id, reason });
    }
    // Let requests that arrived during that run in before choosing the next batch.
    await new Promise((resolve) => setImmediate(resolve));
  }
  draining = false;
}
