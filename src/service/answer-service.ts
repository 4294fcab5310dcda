// The answer service: one Engine (model, index, retrieval) served over HTTP on the loopback
// interface to every shard process, so N shards share one model and one index instead of loading
// N. Backpressure holds end to end: each shard keeps its own bounded queue ("busy" at once when
// full), and the service keeps one more in front of the engine — at most MAX_CONCURRENT_ANSWERS
// engine calls at once and ANSWER_SERVICE_MAX_QUEUED waiting; beyond that a question is refused at
// once with 503 engine-busy, which the shard turns into the same "busy" reply. Reindexing happens
// here only (a shard's /reindex is forwarded; a corpus watcher calls engine.reindex() in this
// process), and since every question is answered here, every shard answers from the new
// generation the moment it is swapped in; shards refresh their catalogue copy through a long poll.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { ZodType } from 'zod';
import type { AnswerEngine, Paragraph } from '../core/types.js';
import { AnswerQueue, type AnswerQueueLimits } from '../discord/answer-queue.js';
import type { Logger } from '../log.js';
import {
  addDocumentRequestSchema,
  askRequestSchema,
  type CatalogueDocument,
  type CatalogueSnapshot,
  dailyPassageRequestSchema,
  embedRequestSchema,
  MAX_GENERATION_WAIT_MS,
  moreLikeThisRequestSchema,
  passageQuizRequestSchema,
  quizRequestSchema,
  removeDocumentRequestSchema,
  searchRequestSchema,
  SERVICE_ROUTES,
  type WireError,
} from './protocol.js';
import { toWireError } from './wire-errors.js';

/** What the service needs beyond answering: which generation is live, and when it changes. */
export interface ServedEngine extends AnswerEngine {
  readonly generation: string;
  onGenerationChange(listener: (generation: string) => void): () => void;
}

export interface AnswerServiceOptions {
  logger: Logger;
  /** Engine calls at once (MAX_CONCURRENT_ANSWERS) and waiting ones (ANSWER_SERVICE_MAX_QUEUED). */
  limits: AnswerQueueLimits;
}

export interface RunningAnswerService {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly queue: AnswerQueue;
  /** Refuses new questions, waits for those admitted, closes the listener. */
  close(): Promise<void>;
}

/** All paragraphs of a document: the largest window `passage()` can give. */
const WHOLE_DOCUMENT = Number.MAX_SAFE_INTEGER;

function catalogueSnapshot(engine: ServedEngine): CatalogueSnapshot {
  const generation = engine.generation;
  const documents = engine.documents().map((summary): CatalogueDocument => {
    const paragraphs = engine.passage(summary.id, 1, WHOLE_DOCUMENT)?.paragraphs ?? [];
    const pageLabels = summary.pages ? printedPageLabels(engine, summary.id, paragraphs) : undefined;
    return { summary, paragraphs, ...(pageLabels ? { pageLabels } : {}) };
  });
  return { generation, chunks: engine.stats().chunks, status: engine.indexStatus(), documents };
}

/**
 * The printed label of every page a paragraph begins or ends on, read through the engine's own
 * citations (one paragraph view each), so a shard cites PDF pages exactly as the service does.
 * Undefined when the document has no labels (its pages are cited by position).
 */
function printedPageLabels(engine: ServedEngine, docId: string, paragraphs: readonly Paragraph[]): Record<number, string> | undefined {
  const labels: Record<number, string> = {};
  for (const [i, paragraph] of paragraphs.entries()) {
    const cited = paragraph.pages ? engine.passage(docId, i + 1, 0)?.pages : undefined;
    if (!cited || !paragraph.pages) continue;
    if (cited.numbering !== 'label') return undefined;
    labels[paragraph.pages.start] = cited.start;
    labels[paragraph.pages.end] = cited.end;
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

export function createAnswerServiceApp(engine: ServedEngine, queue: AnswerQueue, options: AnswerServiceOptions): { app: Hono; stop(): void } {
  const { logger } = options;
  const app = new Hono();
  const fail = (c: Context, status: 400 | 409 | 500 | 503, error: WireError) => c.json({ error }, status);
  let snapshot: { generation: string; json: string } | undefined;
  const waiters = new Set<() => void>();
  const unsubscribe = engine.onGenerationChange((generation) => {
    logger.info({ generation }, 'answer service: new index generation live; notifying shards');
    for (const wake of [...waiters]) wake();
  });

  async function parse<T>(c: Context, schema: ZodType<T>): Promise<T | undefined> {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : undefined;
  }

  /** Runs one engine call through the service's queue, or refuses it at once. */
  async function admitted(c: Context, work: () => Promise<object>): Promise<Response> {
    const ticket = queue.admit();
    if (ticket === 'busy') return fail(c, 503, { message: 'answer service busy', code: 'engine-busy', details: { where: 'answer service' } });
    if (ticket === 'closing') {
      return fail(c, 503, { message: 'answer service shutting down', code: 'engine-unavailable', details: { where: 'answer service', reason: 'it is shutting down' } });
    }
    try {
      const result = await ticket.run(work);
      return c.json({ generation: engine.generation, ...result });
    } catch (error) {
      logger.error({ err: error }, 'answer service: engine call failed');
      return fail(c, 500, toWireError(error));
    } finally {
      ticket.release();
    }
  }

  app.post(SERVICE_ROUTES.ask, async (c) => {
    const request = await parse(c, askRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad ask request' });
    return admitted(c, async () => ({ answer: await engine.ask(request.question, request.options) }));
  });

  app.post(SERVICE_ROUTES.search, async (c) => {
    const request = await parse(c, searchRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad search request' });
    return admitted(c, async () => ({ page: await engine.search(request.query, request.options) }));
  });

  app.post(SERVICE_ROUTES.moreLikeThis, async (c) => {
    const request = await parse(c, moreLikeThisRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad more-like-this request' });
    return admitted(c, async () => ({ related: (await engine.moreLikeThis(request.chunkId, request.collections ? { collections: request.collections } : {})) ?? null }));
  });

  app.post(SERVICE_ROUTES.embed, async (c) => {
    const request = await parse(c, embedRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad embed request' });
    return admitted(c, async () => ({ vector: Array.from(await engine.embedQuery(request.text)) }));
  });

  // Study: quiz items and the passage of the day come from the service's one study table.
  app.post(SERVICE_ROUTES.quiz, async (c) => {
    const request = await parse(c, quizRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad quiz request' });
    return admitted(c, async () => ({ result: await engine.quiz(request) }));
  });

  app.post(SERVICE_ROUTES.passageQuiz, async (c) => {
    const request = await parse(c, passageQuizRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad passage quiz request' });
    return admitted(c, async () => ({ items: await engine.passageQuiz(request.docId, request.paragraph, request.options) }));
  });

  app.post(SERVICE_ROUTES.dailyPassage, async (c) => {
    const request = await parse(c, dailyPassageRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad daily passage request' });
    const options = { exclude: new Set(request.exclude), seed: request.seed, ...(request.collection ? { collection: request.collection } : {}) };
    return admitted(c, async () => ({ passage: (await engine.dailyPassage(options)) ?? null }));
  });

  // Documents change here only, where the corpus folder and the index are; shards follow the new generation.
  app.post(SERVICE_ROUTES.addDocument, async (c) => {
    const request = await parse(c, addDocumentRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad add-document request' });
    try {
      const added = await engine.addDocument(request.fileName, Buffer.from(request.bytes, 'base64'), request.options);
      return c.json({ generation: engine.generation, added });
    } catch (error) {
      return fail(c, 409, toWireError(error));
    }
  });

  app.post(SERVICE_ROUTES.removeDocument, async (c) => {
    const request = await parse(c, removeDocumentRequestSchema);
    if (!request) return fail(c, 400, { message: 'bad remove-document request' });
    try {
      const removed = await engine.removeDocument(request.docId);
      return c.json({ generation: engine.generation, removed });
    } catch (error) {
      return fail(c, 409, toWireError(error));
    }
  });

  app.get(SERVICE_ROUTES.catalogue, (c) => {
    if (snapshot?.generation !== engine.generation) {
      const fresh = catalogueSnapshot(engine);
      snapshot = { generation: fresh.generation, json: JSON.stringify(fresh) };
    }
    return c.body(snapshot.json, 200, { 'content-type': 'application/json' });
  });

  app.post(SERVICE_ROUTES.reindex, async (c) => {
    try {
      // Not through the question queue: a rebuild runs beside the questions (they keep being
      // answered from the previous generation until the swap), and concurrent requests share it.
      const summary = await engine.reindex();
      return c.json({ generation: engine.generation, summary });
    } catch (error) {
      logger.error({ err: error }, 'answer service: reindex failed');
      return fail(c, error instanceof Error && 'code' in error && error.code === 'index-locked' ? 409 : 500, toWireError(error));
    }
  });

  app.get(SERVICE_ROUTES.generation, async (c) => {
    const after = c.req.query('after');
    const waitMs = Math.min(MAX_GENERATION_WAIT_MS, Math.max(0, Number(c.req.query('waitMs') ?? 0) || 0));
    if (after === engine.generation && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        waiters.add(wake);
      });
    }
    return c.json({ generation: engine.generation });
  });

  app.get(SERVICE_ROUTES.health, (c) => {
    const { inFlight, running, waiting, refusedBusy } = queue.stats();
    return c.json({ generation: engine.generation, ...engine.stats(), queue: { inFlight, running, waiting, refusedBusy } });
  });

  return {
    app,
    stop: () => {
      unsubscribe();
      for (const wake of [...waiters]) wake();
    },
  };
}

/** Starts the service on 127.0.0.1 (`port` 0: any free port). Only local processes can reach it. */
export async function startAnswerService(engine: ServedEngine, options: AnswerServiceOptions & { port: number }): Promise<RunningAnswerService> {
  const queue = new AnswerQueue(options.limits);
  const { app, stop } = createAnswerServiceApp(engine, queue, options);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  options.logger.info({ url, ...options.limits }, `answer service listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    queue,
    close: () => {
      closing ??= (async () => {
        queue.close();
        stop();
        await queue.drained();
        // Every answer is out and every long poll woken: keep-alive connections can go now.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
