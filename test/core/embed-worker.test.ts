// The embedding worker's lifetime: the real model's vectors through the worker (batched questions
// equal to one at a time), dispose() failing what is in flight, a process that never closes the
// embedder still exiting, and a worker that dies or fails to load surfacing as one error, not a hang.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedder, loadEmbedder } from '../../src/core/embed/embedder.js';
import { pooledWords } from '../../src/core/embed/token-pooling.js';
import { defaultQueryThreads, WorkerEmbedder } from '../../src/core/embed/worker-embedder.js';
import { isUserError } from '../../src/core/errors.js';
import { MODELS_DIR, PROJECT_ROOT } from '../support/paths.js';

const run = promisify(execFile);
const MODEL = { model: 'onnx-community/all-MiniLM-L6-v2-ONNX', dtype: 'q4', modelsDir: MODELS_DIR, allowRemote: false };
const FAULTY_WORKER = new URL('./fixtures/faulty-embed-worker.mjs', import.meta.url);
/** Cosine between the same text embedded alone and within a batch: equal up to float rounding. */
const SAME_VECTOR = 0.9999;

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

function faulty(load: 'ok' | 'fail' | 'exit', onWorkerStopped?: (reason: string) => void): Promise<WorkerEmbedder> {
  // The faulty worker reads only the dtype (how to load); the tokenizer (main thread) is the real one.
  return WorkerEmbedder.load({ ...MODEL, dtype: load, maxQueryBatch: 16, workerScript: FAULTY_WORKER, ...(onWorkerStopped ? { onWorkerStopped } : {}) });
}

describe('the embedding worker with the real model', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadEmbedder(MODEL);
  }, 60_000);
  afterAll(() => embedder.dispose());

  it('gives each of many concurrent questions the vector it gets alone', async () => {
    const questions = Array.from({ length: 24 }, (_, i) => `How does clause ${i + 1} of the agreement apply${'?'.repeat((i % 3) + 1)}`);
    const together = await Promise.all(questions.map((q) => embedder.embedOne(q)));
    for (const [i, q] of questions.entries()) {
      const alone = await embedder.embedOne(q);
      expect(alone).toHaveLength(embedder.dimension);
      expect(cosine(alone, together[i] ?? new Float32Array())).toBeGreaterThan(SAME_VECTOR);
    }
    // Distinct questions, distinct vectors: the batch did not hand one answer to everyone.
    expect(cosine(together[0] ?? new Float32Array(), together[1] ?? new Float32Array())).toBeLessThan(SAME_VECTOR);
  });

  it("returns a question's token states, matched to its words, whose pooled mean is its vector", async () => {
    const question = 'How much does the HX-Mesh satellite cost?';
    const { vector, tokens } = await embedder.embedQuestion(question);
    expect(tokens?.wordTokens).toHaveLength(7);
    // "HX-Mesh" is several word pieces; the counts tile every row but [CLS] and [SEP].
    expect(tokens && tokens.states.length / tokens.dim).toBe((tokens?.wordTokens.reduce((s, n) => s + n, 0) ?? 0) + 2);
    const every = tokens && pooledWords(tokens, tokens.wordTokens.map(() => true));
    expect(cosine(every ?? new Float32Array(), vector)).toBeGreaterThan(SAME_VECTOR);
    // Without "cost?" the pooled rows say less about prices: closer to the question that never asked.
    const rest = tokens && pooledWords(tokens, [true, true, true, true, true, true, false]);
    const never = await embedder.embedOne('How much does the HX-Mesh satellite');
    expect(cosine(rest ?? new Float32Array(), never)).toBeGreaterThan(cosine(vector, never));
    // A pasted page is no question: its vector comes back, its rows are not kept.
    const pasted = await embedder.embedQuestion('the reading group meets on Tuesdays '.repeat(20));
    expect(pasted.vector).toHaveLength(embedder.dimension);
    expect(pasted.tokens).toBeUndefined();
  });

  it('embeds batches in input order and reports progress', async () => {
    const texts = ['a long passage about the weather in the mountains during winter', 'short', 'a medium length sentence'];
    const progress: number[] = [];
    const vectors = await embedder.embed(texts, (done) => progress.push(done), 2);
    expect(progress).toEqual([2, 3]);
    for (const [i, text] of texts.entries()) expect(cosine(vectors[i] ?? new Float32Array(), await embedder.embedOne(text))).toBeGreaterThan(SAME_VECTOR);
  });

  it('answers a question asked while a build batch runs, each on its own session, with the same model', async () => {
    const passages = Array.from({ length: 16 }, (_, i) => `passage ${i} on the rules of the reading group `.repeat(12));
    const build = embedder.embed(passages, undefined, 8);
    const question = await embedder.embedOne(passages[3] ?? '');
    const built = await build;
    // The documents session (every core) and the questions session (one fewer) agree on a text.
    expect(cosine(question, built[3] ?? new Float32Array())).toBeGreaterThan(SAME_VECTOR);
  }, 60_000);

  it('fails what is in flight when disposed, and refuses work afterwards', async () => {
    const own = await loadEmbedder(MODEL);
    const inFlight = own.embed(Array.from({ length: 64 }, (_, i) => `passage number ${i} `.repeat(20)), undefined, 8);
    // Handled before disposing: the rejection comes while dispose() runs.
    const failed = expect(inFlight).rejects.toThrow('closed');
    await own.dispose();
    await failed;
    await expect(own.embedOne('after close')).rejects.toThrow('closed');
  }, 60_000);

  it('lets a process that never closes the embedder exit by itself', async () => {
    const child = path.join(PROJECT_ROOT, 'test/core/fixtures/embed-then-exit.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child], { cwd: PROJECT_ROOT, timeout: 60_000 });
    expect(stdout.trim()).toBe(`embedded ${embedder.dimension}`);
  }, 70_000);
});

describe('threads for questions', () => {
  it('leaves one core to the main thread, and never goes below one', () => {
    expect([1, 2, 4, 16].map((cores) => defaultQueryThreads(cores))).toEqual([1, 1, 3, 15]);
  });
});

describe('a faulty embedding worker', () => {
  it('fails the requests of a worker that dies with embedder-stopped, says why once, and restarts', async () => {
    const reasons: string[] = [];
    const embedder = await faulty('ok', (reason) => reasons.push(reason));
    try {
      expect(await embedder.embedOne('fine')).toEqual(new Float32Array(4).fill(4));
      const dying = embedder.embedOne('exit');
      const error = await dying.catch((e: unknown) => e);
      expect(isUserError(error) && error.code).toBe('embedder-stopped');
      expect(String((error as Error).message)).toContain('exited with code 3');
      expect(reasons).toEqual(['exited with code 3']);
      // The next request starts a new worker.
      expect(await embedder.embedOne('again')).toEqual(new Float32Array(4).fill(5));
    } finally {
      await embedder.dispose();
    }
  });

  it('reports an uncaught error in the worker the same way', async () => {
    const reasons: string[] = [];
    const embedder = await faulty('ok', (reason) => reasons.push(reason));
    try {
      const results = await Promise.allSettled([embedder.embedOne('throw'), embedder.embedOne('queued behind it')]);
      for (const result of results) {
        expect(result.status).toBe('rejected');
        const reason = result.status === 'rejected' ? (result.reason as unknown) : undefined;
        expect(isUserError(reason) && reason.code).toBe('embedder-stopped');
      }
      expect(reasons).toEqual(['simulated fault in the worker']);
    } finally {
      await embedder.dispose();
    }
  });

  it.each([
    ['reports a load failure', 'fail', 'model file is corrupt'],
    ['exits while loading', 'exit', 'exited with code 5 while loading'],
  ] as const)('turns a worker that %s into model-load-failed', async (_name, load, reason) => {
    const error = await faulty(load).catch((e: unknown) => e);
    expect(isUserError(error) && error.code).toBe('model-load-failed');
    expect(String((error as Error).message)).toContain(reason);
  });
});
