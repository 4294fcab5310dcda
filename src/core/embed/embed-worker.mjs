// The embedding model in its own thread (started by worker-embedder.ts). ONNX Runtime's Node
// binding runs each inference synchronously on the thread that calls it: on the main thread that
// stalled everything else the process does (the bot's gateway, REST and JSON work) for as long as
// the model ran. Here it stalls only this thread, and the main thread keeps working beside it.
//
// Plain JavaScript so it needs no TypeScript loader under tsx, vitest or node alone.
//
// Two ONNX sessions of the one model, each with its own thread pool. Questions run on `queries`
// (`queryThreads`, by default one core fewer than the machine has): a question is a few tokens, so
// under load they come batched and a second intra-op thread adds little, while the core it would
// take is the one the main thread needs for the gateway, REST and ranking (bench "discord": 200
// concurrent /ask through the bot on 2 cores, 88.6 answers/s with 2 threads vs 159.8 with 1, the
// engine alone 181 vs 178). Document batches (index builds) are long and gain from every core
// (`threads`, EMBEDDING_THREADS; 32 chunks in 1.46 s with 2 threads vs 2.58 s with 1), so they get
// their own session, loaded on the first build and kept.
//
// Protocol (structured-clone messages):
//   → { type: 'embed', id, texts, kind: 'query' | 'documents' }
//                                         ← { type: 'vectors', id, data: Float32Array, dim,
//                                             tokens?: Array<{ states: Float32Array, wordTokens: number[] } | null> }
//     (a question's reply also carries, per text, its tokens' hidden states row by row ([CLS]
//     first) and how many rows each whitespace-separated word has: the answer check pools the
//     words it keeps from them instead of a second model call; null when the rows cannot be
//     matched to the words or the text is over `maxPooledTokens`)
//                                         ← { type: 'failed', id, reason }
//   once, after start-up:                 ← { type: 'ready', dimension } | { type: 'load-failed', reason }
// Questions (kind 'query') waiting together run as one batch of up to `maxQueryBatch`: under
// load, questions arrive faster than the model answers them one at a time. Document batches (an
// index build's, sized by the caller) run as they are.
import { setImmediate } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';

const { model, dtype, modelsDir, allowRemote, threads, queryThreads, maxQueryBatch, maxPooledTokens } = workerData;
const POOLING = { pooling: 'mean', normalize: true };

const firstLine = (error) => (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error';

env.allowLocalModels = true;
env.allowRemoteModels = allowRemote;
env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
env.cacheDir = modelsDir;

/** A session of the model with `intraOp` threads (undefined: ONNX Runtime's default, one per core). */
const loadSession = (intraOp) =>
  pipeline('feature-extraction', model, {
    dtype,
    ...(intraOp ? { session_options: { intraOpNumThreads: intraOp, interOpNumThreads: 1 } } : {}),
  });

let extractor;
/** The documents session, once a build asked for it (the queries session when both want the same threads). */
let documentsSession;
function documentsExtractor() {
  documentsSession ??=
    threads === queryThreads
      ? Promise.resolve(extractor)
      : loadSession(threads).catch((error) => {
          documentsSession = undefined; // the next build tries again
          throw error;
        });
  return documentsSession;
}
try {
  extractor = await loadSession(queryThreads);
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

/** The next requests to run together: one batch of documents, or up to maxQueryBatch questions. */
function takeBatch() {
  const first = queue.shift();
  const jobs = [first];
  if (first.kind === 'query') {
    while (jobs.length < maxQueryBatch && queue[0]?.kind === 'query') jobs.push(queue.shift());
  }
  return jobs;
}

/** Document batches: pooled by the pipeline, as sentence-transformers does. */
async function embedDocuments(jobs, session) {
  const tensor = await session(jobs.flatMap((job) => job.texts), POOLING);
  const dim = tensor.dims.at(-1) ?? 0;
  let row = 0;
  for (const job of jobs) {
    const data = tensor.data.slice(row * dim, (row + job.texts.length) * dim);
    row += job.texts.length;
    parentPort.postMessage({ type: 'vectors', id: job.id, data, dim }, [data.buffer]);
  }
}

/**
 * Questions: the tokens' hidden states come back beside the vector, which is their mean,
 * normalised (what POOLING computes). Tokenized once and run through the model here (what the
 * pipeline does inside) so the attention mask gives each text's own row count: the batch pads on
 * the right, so a text's own tokens are its first rows.
 */
async function embedQuestions(jobs) {
  const texts = jobs.flatMap((job) => job.texts);
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
  const outputs = await extractor.model(inputs);
  const tensor = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  const [, padded = 0, dim = 0] = tensor.dims;
  const mask = inputs.attention_mask.data;
  let item = 0;
  for (const job of jobs) {
    const data = new Float32Array(job.texts.length * dim);
    const tokens = job.texts.map((text, j) => {
      const start = (item + j) * padded * dim;
      const rows = ownRows(mask, (item + j) * padded, padded);
      const own = tensor.data.subarray(start, start + rows * dim);
      data.set(meanNormalised(own, dim), j * dim);
      const wordTokens = rows <= maxPooledTokens ? wordTokensOf(text, rows) : undefined;
      return wordTokens ? { states: own.slice(), wordTokens } : null;
    });
    item += job.texts.length;
    const transfer = [data.buffer, ...tokens.flatMap((t) => (t ? [t.states.buffer] : []))];
    parentPort.postMessage({ type: 'vectors', id: job.id, data, dim, tokens }, transfer);
  }
}

/** How many of a padded row's `length` mask entries (from `offset`) are the text's own tokens. */
function ownRows(mask, offset, length) {
  let rows = 0;
  for (let i = 0; i < length; i++) rows += Number(mask[offset + i]);
  return rows;
}

let specialTokens;
/**
 * How many tokens a word has, by word: questions repeat their words ("what", "the", a topic's
 * names), and a word tokenized alone always has the same count. Bounded: cleared when full.
 */
const wordTokenCounts = new Map();
const MAX_CACHED_WORDS = 50_000;
function tokensOfWord(tokenizer, word) {
  let count = wordTokenCounts.get(word);
  if (count === undefined) {
    count = tokenizer.encode(word, { add_special_tokens: false }).length;
    if (wordTokenCounts.size >= MAX_CACHED_WORDS) wordTokenCounts.clear();
    wordTokenCounts.set(word, count);
  }
  return count;
}

/**
 * The rows of each word: a word tokenized alone has the tokens it has in the whole (the
 * tokenizer splits on spaces before it splits words). Undefined when the counts do not tile the
 * text's rows (it was truncated), so the caller never pools the wrong rows.
 */
function wordTokensOf(text, rows) {
  const tokenizer = extractor.tokenizer;
  // The special tokens the model wraps every text in ([CLS] and [SEP]): an empty text has only them.
  specialTokens ??= tokenizer.encode('').length;
  const wordTokens = text.split(/\s+/).filter(Boolean).map((word) => tokensOfWord(tokenizer, word));
  return wordTokens.reduce((sum, n) => sum + n, specialTokens) === rows ? wordTokens : undefined;
}

/** The mean of `rows` (dim values each), L2-normalised. */
function meanNormalised(rows, dim) {
  const out = new Float32Array(dim);
  const count = rows.length / dim;
  for (let r = 0; r < count; r++) for (let d = 0; d < dim; d++) out[d] += rows[r * dim + d];
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += out[d] * out[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) out[d] /= norm;
  return out;
}

async function drain() {
  while (queue.length) {
    const jobs = takeBatch();
    try {
      if (jobs[0].kind === 'query') await embedQuestions(jobs);
      else await embedDocuments(jobs, await documentsExtractor());
    } catch (error) {
      const reason = firstLine(error);
      for (const job of jobs) parentPort.postMessage({ type: 'failed', id: job.id, reason });
    }
    // Let requests that arrived during that run in before choosing the next batch.
    await new Promise((resolve) => setImmediate(resolve));
  }
  draining = false;
}
