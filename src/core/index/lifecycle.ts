// The index's life: open (load the live generation, or build/repair it when missing, corrupt or
// stale), rebuild on request while questions keep being answered from the current generation,
// and swap the new one in whole. One build at a time, across processes (the build lock).
import type { Logger } from 'pino';
import { loadCorpus } from '../documents/load-corpus.js';
import type { Embedder } from '../embed/embedder.js';
import type { CleanDocument, IndexSummary, ProgressEvent } from '../types.js';
import { buildIndex, type BuildSettings } from './build-index.js';
import { withBuildLock } from './build-lock.js';
import { type IndexData, IndexUnavailable, readCurrentGeneration, readGeneration, readManifest } from './generations.js';
import type { Manifest } from './manifest.js';
import { staleness } from './staleness.js';

export interface LifecycleOptions {
  corpusDir: string;
  build: BuildSettings;
  logger: Logger;
}

type Progress = (event: ProgressEvent) => void;

export class IndexLifecycle {
  private live: IndexData;
  private rebuilding: Promise<IndexSummary> | undefined;
  private readonly swapListeners = new Set<(generation: string) => void>();

  private constructor(
    private readonly options: LifecycleOptions,
    private readonly embedder: Embedder,
    live: IndexData,
    /** How the index at open() came to be: loaded as is, or built and why. */
    readonly startup: IndexSummary,
  ) {
    this.live = live;
  }

  static async open(options: LifecycleOptions, embedder: Embedder, onProgress?: Progress): Promise<IndexLifecycle> {
    const { data, summary } = await loadOrBuild(options, embedder, onProgress);
    return new IndexLifecycle(options, embedder, data, summary);
  }

  /** The generation answering now. Read it once per question: a swap may happen meanwhile. */
  get current(): IndexData {
    return this.live;
  }

  /** Builds from the current corpus folder and swaps it in; concurrent calls share one build. */
  rebuild(onProgress?: Progress): Promise<IndexSummary> {
    this.rebuilding ??= (async () => {
      try {
        const { data, summary } = await loadOrBuild(this.options, this.embedder, onProgress, 'requested');
        const swapped = data.generation !== this.live.generation;
        this.live = data;
        if (swapped) for (const listener of this.swapListeners) listener(data.generation);
        return summary;
      } finally {
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  /** Calls `listener` with the new generation's name each time one goes live; returns an unsubscriber. */
  onSwap(listener: (generation: string) => void): () => void {
    this.swapListeners.add(listener);
    return () => this.swapListeners.delete(listener);
  }

  /** Waits for a rebuild in flight (its failure is the caller's who asked for it). */
  async settle(): Promise<void> {
    await this.rebuilding?.catch(() => undefined);
  }
}

/**
 * Reads the corpus, then loads the live index if it matches the corpus, model and settings;
 * otherwise (missing, corrupt or stale) builds a new generation and says why in one log line.
 */
async function loadOrBuild(
  options: LifecycleOptions,
  embedder: Embedder,
  onProgress?: Progress,
  requested?: 'requested',
): Promise<{ data: IndexData; summary: IndexSummary }> {
  const { logger, build } = options;
  const started = performance.now();
  const corpus = await loadCorpus(options.corpusDir, (done, total) => onProgress?.({ phase: 'read', done, total }));
  for (const skipped of corpus.skipped) logger.warn({ file: skipped.file }, `skipped ${skipped.file}: ${skipped.reason}`);

  const upToDate = (data: IndexData): { data: IndexData; summary: IndexSummary } => {
    if (requested) logger.info('index is up to date; nothing to rebuild');
    const summary: IndexSummary = {
      documents: data.documents.length,
      chunks: data.chunks.length,
      embedded: 0,
      reused: data.chunks.length,
      skipped: corpus.skipped,
      removedDocuments: 0,
      seconds: (performance.now() - started) / 1000,
      reason: 'up to date',
    };
    return { data, summary };
  };
  const first = await tryLoad(build, corpus.documents);
  if ('data' in first) return upToDate(first.data);

  return withBuildLock(
    build.embeddingsDir,
    async () => {
      // Another process may have built exactly this index while we waited for the lock.
      const again = await tryLoad(build, corpus.documents);
      if ('data' in again) return upToDate(again.data);
      const { reason, previous } = again;
      if (reason.startsWith('missing')) logger.info(`building the index (${reason})`);
      else logger.warn(`rebuilding the index (${reason})`);
      const built = await buildIndex(corpus.documents, corpus.skipped, embedder, build, reason, logger, onProgress);
      const removed = previous ? Object.keys(previous.documents).filter((id) => !built.data.manifest.documents[id]).length : 0;
      return { data: built.data, summary: { ...built.summary, removedDocuments: removed, seconds: (performance.now() - started) / 1000 } };
    },
    { onWait: (pid) => logger.info(`waiting for another index build (pid ${pid ?? 'unknown'}) to finish`) },
  );
}

/** The live generation if it matches corpus and settings; otherwise why not. */
async function tryLoad(build: BuildSettings, documents: CleanDocument[]): Promise<{ data: IndexData } | { reason: string; previous?: Manifest }> {
  let previous: Manifest | undefined;
  try {
    const generation = await readCurrentGeneration(build.embeddingsDir);
    const manifest = await readManifest(build.embeddingsDir, generation);
    previous = manifest;
    const stale = staleness(manifest, build, documents);
    if (stale) return { reason: `stale: ${stale}`, previous };
    return { data: await readGeneration(build.embeddingsDir, generation, manifest, build.hnsw, build.vectorBackend) };
  } catch (error) {
    if (!(error instanceof IndexUnavailable)) throw error;
    return { reason: `${error.kind}: ${error.message}`, ...(previous ? { previous } : {}) };
  }
}
