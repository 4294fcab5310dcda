// The main thread's side of the embedding worker (embed-worker.mjs): requests go out as messages,
// vectors come back as transferred buffers. A tokenizer stays here too, because the chunker counts
// tokens synchronously and often; a question's tokens are counted in the worker, beside the model.
//
// Lifetime: the worker holds the process open only while a request is in flight (unref'd when
// idle), so a CLI that forgets to close still exits and `npm start` ends on SIGTERM. dispose()
// terminates it. If the thread dies (out of memory, a native fault), every request in flight fails
// at once with `embedder-stopped`, the owner hears why once, and the next request starts a new worker.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { UserError } from '../errors.js';
import { DEFAULT_EMBEDDING } from '../settings.js';
import type { Embedder, EmbedderOptions, QuestionEmbedding, TokenStates } from './embedder.js';
import { configureModelEnv, loadTokenizer, modelLoadFailed } from './model.js';

const WORKER_SCRIPT = new URL('./embed-worker.mjs', import.meta.url);

export interface WorkerEmbedderOptions extends EmbedderOptions {
  maxQueryBatch: number;
  /** Another worker script speaking the same protocol (the failure tests' faulty workers). */
  workerScript?: URL;
}

/**
 * Cores left to the main thread when questions are embedded: it parses the gateway, sends the
 * replies and ranks the candidates while the worker runs the model (see embed-worker.mjs).
 */
const CORES_KEPT_FOR_MAIN_THREAD = 1;

/**
 * Token states kept for a question of at most this many tokens (about 45 words; questions are
 * mostly under 25): each row is a vector, and the query cache holds them, so a pasted page must not
 * fill it. A longer text's answer check reads its gain as not measured (absent-words.ts).
 */
const MAX_POOLED_TOKENS = 64;

/** ONNX threads for questions unless EMBEDDING_QUERY_THREADS says otherwise: every core but the main thread's. */
export function defaultQueryThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - CORES_KEPT_FOR_MAIN_THREAD);
}

type FromWorker =
  | { type: 'ready'; dimension: number }
  | { type: 'load-failed'; reason: string }
  | { type: 'vectors'; id: number; data: Float32Array; dim: number; tokens?: Array<WorkerTokens | null> }
  | { type: 'failed'; id: number; reason: string };

/** A question's rows and their words, as the worker matched them. */
interface WorkerTokens {
  states: Float32Array;
  wordTokens: number[];
}

/** What a request's reply holds: its vectors and, for questions, their token states. */
interface Reply {
  vectors: Float32Array[];
  tokens?: Array<WorkerTokens | null>;
}

interface Pending {
  count: number;
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

export class WorkerEmbedder implements Embedder {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly options: WorkerEmbedderOptions,
    private readonly tokenizer: PreTrainedTokenizer,
    readonly modelKey: string,
    public dimension: number,
  ) {}

  static async load(options: WorkerEmbedderOptions): Promise<WorkerEmbedder> {
    configureModelEnv(options);
    const tokenizer = await loadTokenizer(options);
    const embedder = new WorkerEmbedder(options, tokenizer, `${options.model}@${options.dtype}`, 0);
    await embedder.ensureWorker();
    return embedder;
  }

  countTokens(text: string): number {
    return this.tokenizer.encode(text).length;
  }

  async embed(texts: string[], onBatch?: (done: number) => void, batchSize = DEFAULT_EMBEDDING.batchSize): Promise<Float32Array[]> {
    const out = new Array<Float32Array>(texts.length);
    let done = 0;
    // One batch at a time: questions asked during an index build wait behind one batch, not all.
    for (const batch of lengthSortedBatches(texts, batchSize)) {
      const { vectors } = await this.request(batch.map((index) => texts[index] ?? ''), 'documents');
      batch.forEach((index, j) => {
        out[index] = vectors[j] ?? new Float32Array(this.dimension);
      });
      done += batch.length;
      onBatch?.(done);
    }
    return out;
  }

  async embedOne(text: string): Promise<Float32Array> {
    return (await this.embedQuestion(text)).vector;
  }

  async embedQuestion(text: string): Promise<QuestionEmbedding> {
    const { vectors, tokens } = await this.request([text], 'query');
    const vector = vectors[0] ?? new Float32Array(this.dimension);
    const own = tokens?.[0];
    const tokenStates: TokenStates | undefined = own && vector.length ? { states: own.states, dim: vector.length, wordTokens: own.wordTokens } : undefined;
    return tokenStates ? { vector, tokens: tokenStates } : { vector };
  }

  async dispose(): Promise<void> {
    this.closed = true;
    const worker = this.worker ?? (await this.starting?.catch(() => undefined));
    this.worker = undefined;
    this.failPending(new Error('the embedder was closed'));
    if (worker) {
      detach(worker);
      await worker.terminate();
    }
  }

  private async request(texts: string[], kind: 'query' | 'documents'): Promise<Reply> {
    if (this.closed) throw new Error('the embedder was closed');
    const worker = await this.ensureWorker();
    // Closed, or the worker died, while this request waited for it: nothing would ever answer.
    if (this.closed) throw new Error('the embedder was closed');
    if (this.worker !== worker) return this.request(texts, kind);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { count: texts.length, resolve, reject });
      worker.postMessage({ type: 'embed', id, texts, kind });
    });
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** A new worker, resolved once its model is loaded (or rejected with `model-load-failed`). */
  private start(): Promise<Worker> {
    const { model, dtype, modelsDir, allowRemote, threads, maxQueryBatch } = this.options;
    const queryThreads = this.options.queryThreads ?? defaultQueryThreads();
    const workerData = { model, dtype, modelsDir, allowRemote, threads, queryThreads, maxQueryBatch, maxPooledTokens: MAX_POOLED_TOKENS };
    const worker = new Worker(this.options.workerScript ?? WORKER_SCRIPT, { workerData });
    return new Promise<Worker>((resolve, reject) => {
      const failed = (reason: string, cause?: unknown) => {
        detach(worker);
        void worker.terminate();
        reject(modelLoadFailed(this.options, reason, cause));
      };
      on(worker, 'error', (error: Error) => failed(error.message, error));
      on(worker, 'exit', (code: number) => failed(`the embedding worker exited with code ${code} while loading`));
      on(worker, 'message', (message: FromWorker) => {
        detach(worker);
        if (message.type !== 'ready') return failed(message.type === 'load-failed' ? message.reason : `unexpected "${message.type}" message`);
        if (this.closed) {
          void worker.terminate();
          return reject(new Error('the embedder was closed'));
        }
        this.dimension = message.dimension;
        this.worker = worker;
        on(worker, 'message', (m: FromWorker) => this.receive(worker, m));
        on(worker, 'error', (error: Error) => this.stopped(worker, error.message));
        on(worker, 'exit', (code: number) => this.stopped(worker, `exited with code ${code}`));
        worker.unref();
        resolve(worker);
      });
    });
  }

  private receive(worker: Worker, message: FromWorker): void {
    if (message.type !== 'vectors' && message.type !== 'failed') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) worker.unref();
    if (message.type === 'failed') return pending.reject(new Error(`embedding failed: ${message.reason}`));
    const { data, dim, tokens } = message;
    const vectors: Float32Array[] = [];
    for (let i = 0; i < pending.count; i++) vectors.push(data.subarray(i * dim, (i + 1) * dim));
    pending.resolve({ vectors, ...(tokens ? { tokens } : {}) });
  }

  /** The worker died: its requests fail now, once; the next request starts a new one. */
  private stopped(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    detach(worker);
    this.failPending(new UserError('embedder-stopped', { reason }));
    this.options.onWorkerStopped?.(reason);
  }

  private failPending(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }
}

// Our own listeners, so they can be taken off again: Worker.removeAllListeners() would also take
// off Node's internal ones that keep its message port referenced, and replies would stop arriving.
type Listener = Parameters<Worker['off']>[1];
const OWN_LISTENERS = new WeakMap<Worker, Array<[string, Listener]>>();

function on(worker: Worker, event: 'message' | 'error' | 'exit', listener: Listener): void {
  const list = OWN_LISTENERS.get(worker) ?? [];
  list.push([event, listener]);
  OWN_LISTENERS.set(worker, list);
  worker.on(event, listener);
}

/** Our listeners off; a late 'error' event must not become an uncaught exception. */
function detach(worker: Worker): void {
  for (const [event, listener] of OWN_LISTENERS.get(worker) ?? []) worker.off(event, listener);
  OWN_LISTENERS.delete(worker);
  worker.once('error', () => undefined);
}

/**
 * Indices of `texts` sorted by length, then cut into batches: each batch pads to a similar
 * length, and the model's cost is tokens × batch, so padding is pure waste.
 */
export function lengthSortedBatches(texts: readonly string[], batchSize: number): number[][] {
  const order = texts.map((text, index) => ({ index, length: text.length })).sort((a, b) => a.length - b.length);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize).map((item) => item.index));
  return batches;
}
