// Measurements behind the optimisation proposals (not targets): what micro-batching concurrent
// query embeddings would gain, how the ONNX Runtime thread count changes query latency and chunk
// throughput on this machine, and how the build's batch size trades throughput against how long a
// question asked during a build waits behind one batch in the embedding worker. Each variant is
// measured beside the others, order rotating.
import { type Embedder, loadEmbedder } from '../../src/core/embed/embedder.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';

const EMBED_BATCH_SIZE = DEFAULT_SETTINGS.embedding.batchSize;
import type { BenchContext } from '../context.js';
import { embeddedTexts, readLiveIndex } from '../live-index.js';
import { median, round, timeAsync } from '../stats.js';

export interface MicroBatchPoint {
  questions: number;
  /** One `embedOne` after another: what N asks cost without the worker's batching of questions that wait together. */
  oneByOneMs: number;
  /** One `embed` call with all N questions. */
  batchedMs: number;
  speedup: number;
}

export interface ThreadsPoint {
  threads: number | 'default';
  embedOneMs: number;
  chunkBatchMs: number;
  chunks: number;
}

export interface BatchSizePoint {
  batchSize: number;
  /** Whether the index build uses this size. */
  inUse: boolean;
  chunksPerS: number;
  /** The longest single batch: a question asked meanwhile waits this long (the worker runs one batch at a time). */
  longestBatchMs: number;
}

export interface ExperimentsResult {
  repetitions: number;
  microBatching: MicroBatchPoint[];
  onnxThreads: ThreadsPoint[];
  batchSizes: BatchSizePoint[];
}

/** Chunk throughput and the longest main-thread block per build batch size, sizes rotating. */
async function measureBatchSizes(ctx: BenchContext, embedder: Embedder, texts: string[], repetitions: number): Promise<BatchSizePoint[]> {
  const sizes = [...new Set([4, EMBED_BATCH_SIZE, 16, 32])].sort((a, b) => a - b);
  const rate = new Map<number, number[]>(sizes.map((size) => [size, []]));
  const longest = new Map<number, number>(sizes.map((size) => [size, 0]));
  for (let r = 0; r < repetitions; r++) {
    ctx.log(`experiments: build batch sizes, repetition ${r + 1}/${repetitions}`);
    for (let v = 0; v < sizes.length; v++) {
      const size = sizes[(v + r) % sizes.length] ?? EMBED_BATCH_SIZE;
      let last = performance.now();
      const started = last;
      await embedder.embed(
        texts,
        () => {
          const now = performance.now();
          longest.set(size, Math.max(longest.get(size) ?? 0, now - last));
          last = now;
        },
        size,
      );
      rate.get(size)?.push((texts.length / (performance.now() - started)) * 1000);
    }
  }
  return sizes.map((batchSize) => ({
    batchSize,
    inUse: batchSize === EMBED_BATCH_SIZE,
    chunksPerS: round(median(rate.get(batchSize) ?? []), 1),
    longestBatchMs: round(longest.get(batchSize) ?? 0, 0),
  }));
}

export async function runExperimentsSection(ctx: BenchContext): Promise<ExperimentsResult> {
  const { repetitions, batchSizes, chunkTexts: chunkCount } = ctx.sizes.experiments;
  const questions = ctx.questions.all.map((q) => q.question);
  const { data } = await readLiveIndex(ctx.workspace);
  const chunkTexts = embeddedTexts(data).slice(0, chunkCount);

  const reference = await loadEmbedder(ctx.model);
  const microBatching: MicroBatchPoint[] = [];
  let buildBatches: BatchSizePoint[];
  try {
    buildBatches = await measureBatchSizes(ctx, reference, chunkTexts, repetitions);
    for (const size of batchSizes) {
      const texts = Array.from({ length: size }, (_, i) => questions[i % questions.length] ?? '');
      const oneByOne: number[] = [];
      const batched: number[] = [];
      for (let r = 0; r < repetitions; r++) {
        const sequential = () =>
          timeAsync(async () => {
            for (const text of texts) await reference.embedOne(text);
          });
        if (r % 2 === 0) {
          oneByOne.push((await sequential()).ms);
          batched.push((await timeAsync(() => reference.embed(texts))).ms);
        } else {
          batched.push((await timeAsync(() => reference.embed(texts))).ms);
          oneByOne.push((await sequential()).ms);
        }
      }
      ctx.log(`experiments: micro-batching ${size} questions`);
      const oneByOneMs = median(oneByOne);
      const batchedMs = median(batched);
      microBatching.push({ questions: size, oneByOneMs: round(oneByOneMs, 1), batchedMs: round(batchedMs, 1), speedup: round(oneByOneMs / batchedMs, 2) });
    }
  } finally {
    await reference.dispose();
  }

  const variants: Array<number | 'default'> = ['default', 1, 2];
  const embedders = new Map<number | 'default', Embedder>();
  try {
    // A number sets both sessions (questions and document batches); 'default' is as deployed.
    for (const threads of variants) embedders.set(threads, await loadEmbedder({ ...ctx.model, ...(threads === 'default' ? {} : { threads, queryThreads: threads }) }));
    const oneMs = new Map<number | 'default', number[]>(variants.map((v) => [v, []]));
    const batchMs = new Map<number | 'default', number[]>(variants.map((v) => [v, []]));
    const probeQuestions = questions.slice(0, Math.max(4, chunkCount));
    for (let r = 0; r < repetitions; r++) {
      ctx.log(`experiments: ONNX threads, repetition ${r + 1}/${repetitions}`);
      for (let v = 0; v < variants.length; v++) {
        const threads = variants[(v + r) % variants.length] ?? 'default';
        const embedder = embedders.get(threads);
        if (!embedder) continue;
        for (const q of probeQuestions) oneMs.get(threads)?.push((await timeAsync(() => embedder.embedOne(q))).ms);
        batchMs.get(threads)?.push((await timeAsync(() => embedder.embed(chunkTexts))).ms);
      }
    }
    return {
      repetitions,
      microBatching,
      batchSizes: buildBatches,
      onnxThreads: variants.map((threads) => ({
        threads,
        embedOneMs: round(median(oneMs.get(threads) ?? []), 2),
        chunkBatchMs: round(median(batchMs.get(threads) ?? []), 1),
        chunks: chunkTexts.length,
      })),
    };
  } finally {
    for (const embedder of embedders.values()) await embedder.dispose();
  }
}
