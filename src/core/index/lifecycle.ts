// The index's life: open (load the live generation, or build/repair it when missing, corrupt or
// stale), rebuild on request while questions keep being answered from the current generation,
// and swap the new one in whole. One build at a time, across processes (the build lock).
import type { Logger } from 'pino';
import { loadCorpus } from '../documents/load-corpus.js';
import type { Embedder } from '../embed/embedder.js';
import type { CleanDocument, DocumentChanges, IndexSummary, ProgressEvent } from '../types.js';
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
  /** The build that starts once the one in flight ends, shared by every `refresh()` meanwhile. */
  private queued: Promise<IndexSummary> | undefined;
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
    return this.start('requested', onProgress);
  }

  /**
   * A rebuild that reads the corpus folder after this call: the build in flight may have read it
   * before a change the caller just made, so one more is queued behind it and shared by everyone
   * who asks meanwhile (a burst of changes costs at most one build in flight and one queued).
   * Logs less than `rebuild`: changes to the folder are expected here, not a repair.
   */
  refresh(onProgress?: Progress): Promise<IndexSummary> {
    if (!this.rebuilding) return this.start('refresh', onProgress);
    this.queued ??= this.rebuilding
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start('refresh', onProgress);
      });
    return this.queued;
  }

  /** True while a rebuild runs or waits to run. */
  get busy(): boolean {
    return this.rebuilding !== undefined || this.queued !== undefined;
  }

  /** Waits for the rebuilds in flight and queued (their failures are the callers' who asked for them). */
  async settle(): Promise<void> {
    while (this.rebuilding || this.queued) {
      await Promise.all([this.rebuilding?.catch(() => undefined), this.queued?.catch(() => undefined)]);
    }
  }

  private start(mode: BuildMode, onProgress?: Progress): Promise<IndexSummary> {
    this.rebuilding ??= (async () => {
      try {
        const { data, summary } = await loadOrBuild(this.options, this.embedder, onProgress, mode);
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

}

/** Why a build runs: opening the engine, an explicit request (/reindex), or a corpus change. */
type BuildMode = 'open' | 'requested' | 'refresh';

/**
 * Reads the corpus, then loads the live index if it matches the corpus, model and settings;
 * otherwise (missing, corrupt or stale) builds a new generation and says why in one log line.
 */
async function loadOrBuild(
  options: LifecycleOptions,
  embedder: Embedder,
  onProgress?: Progress,
  mode: BuildMode = 'open',
): Promise<{ data: IndexData; summary: IndexSummary }> {
  const { logger, build } = options;
  const started = performance.now();
  const corpus = await loadCorpus(options.corpusDir, (done, total) => onProgress?.({ phase: 'read', done, total }));
  // A refresh reads the same folder again and again: its skipped files were reported at open.
  const skipLevel = mode === 'refresh' ? 'debug' : 'warn';
  for (const skipped of corpus.skipped) logger[skipLevel]({ file: skipped.file }, `skipped ${skipped.file}: ${skipped.reason}`);
  for (const partial of corpus.warnings) logger.warn({ file: partial.file }, `${partial.file}: ${partial.reason}`);

  const upToDate = (data: IndexData): { data: IndexData; summary: IndexSummary } => {
    if (mode === 'requested') logger.info('index is up to date; nothing to rebuild');
    const summary: IndexSummary = {
      documents: data.documents.length,
      chunks: data.chunks.length,
      embedded: 0,
      reused: data.chunks.length,
      skipped: corpus.skipped,
      ...(corpus.warnings.length ? { warnings: corpus.warnings } : {}),
      removedDocuments: 0,
      seconds: (performance.now() - started) / 1000,
      reason: 'up to date',
      changes: { added: [], changed: [], removed: [], renamed: [] },
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
      else if (mode === 'refresh' && reason.startsWith('stale: corpus changed')) logger.debug(`rebuilding the index (${reason})`);
      else logger.warn(`rebuilding the index (${reason})`);
      const built = await buildIndex(corpus.documents, corpus.skipped, embedder, build, reason, logger, onProgress, previous);
      const changes = previous ? documentChanges(previous, built.data.manifest) : undefined;
      const removed = changes ? changes.removed.length + changes.renamed.length : 0;
      const warnings = corpus.warnings.length ? { warnings: corpus.warnings } : {};
      const summary = { ...built.summary, ...warnings, removedDocuments: removed, seconds: (performance.now() - started) / 1000, ...(changes ? { changes } : {}) };
      return { data: built.data, summary };
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

/** Documents added, changed, removed or renamed from one manifest to the next (ids sorted). */
export function documentChanges(before: Pick<Manifest, 'documents'>, after: Pick<Manifest, 'documents'>): DocumentChanges {
  const added = Object.keys(after.documents).filter((id) => !before.documents[id]);
  const removed = Object.keys(before.documents).filter((id) => !after.documents[id]);
  const changed = Object.keys(after.documents).filter((id) => before.documents[id] && before.documents[id]?.contentHash !== after.documents[id]?.contentHash);
  // A removed and an added document with the same bytes: the file was renamed (or moved).
  const renamed: DocumentChanges['renamed'] = [];
  const addedByHash = new Map(added.map((id) => [after.documents[id]?.contentHash, id]));
  for (const from of removed) {
    const to = addedByHash.get(before.documents[from]?.contentHash);
    if (to === undefined) continue;
    addedByHash.delete(before.documents[from]?.contentHash);
    renamed.push({ from, to });
  }
  const renamedFrom = new Set(renamed.map((r) => r.from));
  const renamedTo = new Set(renamed.map((r) => r.to));
  const sort = (ids: string[]) => ids.sort((a, b) => a.localeCompare(b));
  return {
    added: sort(added.filter((id) => !renamedTo.has(id))),
    changed: sort(changed),
    removed: sort(removed.filter((id) => !renamedFrom.has(id))),
    renamed: renamed.sort((a, b) => a.to.localeCompare(b.to)),
  };
}
