// The AnswerEngine a shard process uses: every question and search goes to the answer service
// over HTTP (loopback), so the bot code is the same whether the engine is in this process or
// shared. Listing documents and showing passages come from a local catalogue copy
// (catalogue-replica.ts), refreshed whenever the service reports a new index generation — in
// every answer it sends, and through a long poll that wakes the moment a generation is swapped in.
// The service refusing a question (its queue is full) becomes UserError 'engine-busy', which the
// bot answers with its "busy" reply; an unreachable service becomes 'engine-unavailable'.
import { UserError } from '../core/errors.js';
import type { DailyPassage, DailyPassageOptions, QuizItem, QuizMode, QuizOptions, QuizResult } from '../core/study/types.js';
import type {
  AddDocumentOptions, AddedDocument, Answer, AnswerEngine, AskOptions, DocumentSummary, IndexStatus, IndexSummary, PassageView, ProgressEvent,
  MoreLikeThisOptions,
  RelatedPassages, RemovedDocument, SearchOptions, SearchPage,
} from '../core/types.js';
import type { Logger } from '../log.js';
import { CatalogueReplica } from './catalogue-replica.js';
import {
  type AskResponse, type CatalogueSnapshot, type GenerationResponse, MAX_GENERATION_WAIT_MS, type MoreLikeThisResponse, type ReindexResponse, type SearchResponse,
  SERVICE_ROUTES,
} from './protocol.js';
import { fromWireError, isWireError } from './wire-errors.js';

export interface RemoteEngineOptions {
  logger: Logger;
  /** How long one answer or search may take (ANSWER_SERVICE_TIMEOUT_SECONDS). */
  timeoutMs: number;
  /** How long connect() keeps retrying while the service starts. */
  connectTimeoutMs?: number;
}

const CONNECT_RETRY_MS = 250;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** After a failed long poll (service restarting), wait this long before the next. */
const WATCH_RETRY_MS = 1000;
/** The long poll's own timeout: longer than the service holds it. */
const WATCH_TIMEOUT_MS = MAX_GENERATION_WAIT_MS + 5000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export class RemoteAnswerEngine implements AnswerEngine {
  private replica: CatalogueReplica;
  private refreshing: Promise<void> | undefined;
  private readonly closed = new AbortController();
  private watching: Promise<void> | undefined;

  private constructor(
    readonly url: string,
    private readonly options: RemoteEngineOptions,
    snapshot: CatalogueSnapshot,
  ) {
    this.replica = new CatalogueReplica(snapshot);
  }

  /** Connects (retrying while the service starts), loads the catalogue and starts following generations. */
  static async connect(url: string, options: RemoteEngineOptions): Promise<RemoteAnswerEngine> {
    const deadline = Date.now() + (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    for (;;) {
      try {
        const snapshot = await request<CatalogueSnapshot>(url, 'GET', SERVICE_ROUTES.catalogue, undefined, AbortSignal.timeout(options.timeoutMs));
        const engine = new RemoteAnswerEngine(url, options, snapshot);
        engine.watching = engine.watchGenerations();
        return engine;
      } catch (error) {
        if (Date.now() > deadline || !(error instanceof UserError && error.code === 'engine-unavailable')) throw error;
        await sleep(CONNECT_RETRY_MS);
      }
    }
  }

  /** The index generation of the local catalogue copy. */
  get generation(): string {
    return this.replica.generation;
  }

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const response = await this.call<AskResponse>('POST', SERVICE_ROUTES.ask, { question, options });
    return response.answer;
  }

  async moreLikeThis(chunkId: string, options: MoreLikeThisOptions = {}): Promise<RelatedPassages | undefined> {
    const collections = options.collections ? [...options.collections] : undefined;
    return (await this.call<MoreLikeThisResponse>('POST', SERVICE_ROUTES.moreLikeThis, { chunkId, ...(collections ? { collections } : {}) })).related ?? undefined;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchPage> {
    const response = await this.call<SearchResponse>('POST', SERVICE_ROUTES.search, { query, options });
    return response.page;
  }

  documents(): DocumentSummary[] {
    return this.replica.documents();
  }

  findDocuments(text: string, limit: number): DocumentSummary[] {
    return this.replica.findDocuments(text, limit);
  }

  passage(docId: string, paragraph?: number, context?: number): PassageView | undefined {
    return this.replica.passage(docId, paragraph, context);
  }

  /** As of the catalogue copy's generation (the copy follows every new generation). */
  indexStatus(): IndexStatus {
    return this.replica.status;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return Float32Array.from((await this.call<{ generation: string; vector: number[] }>('POST', SERVICE_ROUTES.embed, { text })).vector);
  }

  readingPage(docId: string, paragraph: number): PassageView | undefined {
    return this.replica.readingPage(docId, paragraph);
  }

  stats(): { documents: number; chunks: number } {
    return this.replica.stats();
  }

  async quiz(options: QuizOptions): Promise<QuizResult> {
    return (await this.call<{ generation: string; result: QuizResult }>('POST', SERVICE_ROUTES.quiz, options)).result;
  }

  async passageQuiz(docId: string, paragraph: number, options: { count: number; mode: QuizMode; seed: number }): Promise<QuizItem[]> {
    return (await this.call<{ generation: string; items: QuizItem[] }>('POST', SERVICE_ROUTES.passageQuiz, { docId, paragraph, options })).items;
  }

  async dailyPassage(options: DailyPassageOptions): Promise<DailyPassage | undefined> {
    const body = { exclude: [...options.exclude], seed: options.seed, ...(options.collection ? { collection: options.collection } : {}) };
    return (await this.call<{ generation: string; passage: DailyPassage | null }>('POST', SERVICE_ROUTES.dailyPassage, body)).passage ?? undefined;
  }

  /** Adds at the service (which owns the corpus folder); resolves once the new catalogue is here too. */
  async addDocument(fileName: string, bytes: Uint8Array, options: AddDocumentOptions = {}): Promise<AddedDocument> {
    const body = { fileName, bytes: Buffer.from(bytes).toString('base64'), options };
    const response = await request<{ generation: string; added: AddedDocument }>(this.url, 'POST', SERVICE_ROUTES.addDocument, body, this.closed.signal);
    await this.follow(response.generation);
    return response.added;
  }

  async removeDocument(docId: string): Promise<RemovedDocument> {
    const response = await request<{ generation: string; removed: RemovedDocument }>(this.url, 'POST', SERVICE_ROUTES.removeDocument, { docId }, this.closed.signal);
    await this.follow(response.generation);
    return response.removed;
  }

  /** Rebuilds at the service (progress is not forwarded); resolves once the new catalogue is here too. */
  async reindex(_onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary> {
    // No timeout: a rebuild takes as long as embedding the changed documents does.
    const response = await request<ReindexResponse>(this.url, 'POST', SERVICE_ROUTES.reindex, {}, this.closed.signal);
    await this.follow(response.generation);
    return response.summary;
  }

  /** Stops following generations. Questions in flight finish on their own. */
  async close(): Promise<void> {
    this.closed.abort();
    await this.watching;
  }

  private async call<T extends { generation: string }>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.closed.signal]);
    const response = await request<T>(this.url, method, route, body, signal);
    // A generation we have not seen: the catalogue copy follows (in the background; the answer is already new).
    if (response.generation !== this.replica.generation) void this.follow(response.generation);
    return response;
  }

  /** Brings the catalogue copy to `generation` (one refresh at a time; failures are logged, retried by the watcher). */
  private follow(generation: string): Promise<void> {
    if (generation === this.replica.generation) return Promise.resolve();
    this.refreshing ??= (async () => {
      try {
        const snapshot = await request<CatalogueSnapshot>(this.url, 'GET', SERVICE_ROUTES.catalogue, undefined, AbortSignal.timeout(this.options.timeoutMs));
        if (snapshot.generation !== this.replica.generation) {
          this.replica = new CatalogueReplica(snapshot);
          this.options.logger.info({ generation: snapshot.generation, documents: snapshot.documents.length }, 'catalogue copy follows the new index generation');
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'could not refresh the catalogue copy from the answer service');
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** Long poll: the service answers as soon as the live generation differs from ours. */
  private async watchGenerations(): Promise<void> {
    const signal = this.closed.signal;
    while (!signal.aborted) {
      try {
        const route = `${SERVICE_ROUTES.generation}?after=${encodeURIComponent(this.replica.generation)}&waitMs=${MAX_GENERATION_WAIT_MS}`;
        const { generation } = await request<GenerationResponse>(this.url, 'GET', route, undefined, AbortSignal.any([signal, AbortSignal.timeout(WATCH_TIMEOUT_MS)]));
        await this.follow(generation);
      } catch {
        if (!signal.aborted) await sleep(WATCH_RETRY_MS, signal);
      }
    }
  }
}

/** One JSON request; service errors come back as the errors a local engine would have thrown. */
async function request<T>(base: string, method: 'GET' | 'POST', route: string, body: unknown, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${route}`, {
      method,
      signal,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
    const causeCode = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    const reason = timedOut ? 'no answer in time' : (causeCode ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
    throw new UserError('engine-unavailable', { where: base, reason }, { cause: error });
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isWireError(payload)) throw fromWireError(payload.error);
    throw new UserError('engine-unavailable', { where: base, reason: `HTTP ${response.status}` });
  }
  return payload as T;
}
