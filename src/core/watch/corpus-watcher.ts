// Keeps the index current while the process runs: watches the corpus folder (subfolders
// included) and, after a burst of changes has settled, asks for one rebuild that reads the folder
// afresh (`refresh`), logging one line of what changed. Hidden files, editors' temporary files,
// the index and data folders, and files no loader reads are ignored.
//
// chokidar rather than Node's own `fs.watch(dir, { recursive: true })`: on Linux, Node 20's
// recursive watch stops reporting changes inside a folder once that folder has been renamed
// (measured: a file written into a renamed subfolder gave no event at all), and it misnames the
// folder in later events. chokidar re-watches renamed and new folders and reported every case.
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'pino';
import { isIgnoredPath } from '../documents/ignored-names.js';
import { isSupportedFile } from '../documents/registry.js';
import { describeUserError, errnoCode } from '../errors.js';
import { DEFAULT_WATCH, type WatchSettings } from '../settings.js';
import type { IndexSummary, ProgressEvent } from '../types.js';
import { type ChangeBatch, ChangeBatcher, type ChangeKind } from './change-batcher.js';
import { changeCount, rebuildLine } from './change-report.js';

/** What the watcher rebuilds: the engine (`Engine.refresh`). */
export interface RefreshTarget {
  refresh(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary>;
}

/** One rebuild the watcher asked for, and what came of it. */
export interface WatchRebuild {
  /** Changed paths (relative to the corpus folder) that led to it. */
  paths: string[];
  summary?: IndexSummary;
  error?: unknown;
  ms: number;
}

export interface CorpusWatcherOptions {
  corpusDir: string;
  /** Folders never watched even when inside the corpus folder (the index, runtime data). */
  exclude?: string[];
  logger: Logger;
  settings?: WatchSettings;
  /** A fresh progress reporter for each rebuild (the terminal's progress bar). */
  progress?: () => (event: ProgressEvent) => void;
  /** Called after every rebuild the watcher asked for (tests and the benchmark count them). */
  onRebuild?: (rebuild: WatchRebuild) => void;
}

export interface WatcherStats {
  /** Relevant changes seen (after ignoring). */
  changes: number;
  rebuilds: number;
  failedRebuilds: number;
}

export class CorpusWatcher {
  private target: RefreshTarget | undefined;
  private readonly batcher: ChangeBatcher;
  private readonly reportedErrors = new Set<string>();
  private readonly counts: WatcherStats = { changes: 0, rebuilds: 0, failedRebuilds: 0 };

  private constructor(
    private readonly options: CorpusWatcherOptions,
    private readonly watcher: FSWatcher,
    private readonly root: string,
  ) {
    this.batcher = new ChangeBatcher((batch) => this.rebuild(batch), options.settings ?? DEFAULT_WATCH, { held: true });
  }

  /**
   * Starts watching (resolves once the folder's current contents are known). Changes are gathered
   * from now on but only acted on after `attach(engine)`, so a file that arrives while the engine
   * is still opening is not missed.
   */
  static async start(options: CorpusWatcherOptions): Promise<CorpusWatcher> {
    // A folder that does not exist yet cannot be watched (nor would it be noticed later).
    await mkdir(options.corpusDir, { recursive: true });
    const root = await realpath(options.corpusDir);
    const excluded = (options.exclude ?? []).map((dir) => path.resolve(dir));
    const ignored = (file: string) => {
      const relative = path.relative(root, file);
      if (!relative || relative.startsWith('..')) return false;
      return isIgnoredPath(relative) || excluded.some((dir) => file === dir || file.startsWith(dir + path.sep));
    };
    // Links are not followed: a link back up the tree would be watched forever (the scan follows
    // each link once; changes behind a linked folder are picked up by the next rebuild).
    const fsWatcher = watch(root, { ignoreInitial: true, followSymlinks: false, ignored });
    const corpusWatcher = new CorpusWatcher(options, fsWatcher, root);
    fsWatcher.on('all', (event, file) => corpusWatcher.onEvent(event, file));
    fsWatcher.on('error', (error) => corpusWatcher.onError(error));
    await new Promise<void>((resolve) => fsWatcher.once('ready', () => resolve()));
    options.logger.info({ corpusDir: root }, `watching ${root} for changes`);
    return corpusWatcher;
  }

  /** The engine to rebuild; changes gathered so far are handled now. */
  attach(target: RefreshTarget): void {
    this.target = target;
    this.batcher.release();
  }

  stats(): WatcherStats {
    return { ...this.counts };
  }

  /** True while a rebuild the watcher asked for is running. */
  get rebuilding(): boolean {
    return this.batcher.busy;
  }

  /** Stops watching. A rebuild in flight finishes on its own (`engine.close()` waits for it). */
  async close(): Promise<void> {
    this.batcher.close();
    await this.watcher.close();
  }

  private onEvent(event: string, file: string): void {
    if (!isChangeKind(event)) return;
    const relative = path.relative(this.root, file).split(path.sep).join('/');
    // Folders matter (their files come and go with them); files only when a loader reads them.
    const relevant = event === 'addDir' || event === 'unlinkDir' ? relative !== '' : isSupportedFile(relative);
    if (!relevant) {
      this.options.logger.debug({ file: relative, event }, `ignored ${event} of ${relative}`);
      return;
    }
    this.counts.changes += 1;
    this.batcher.add({ kind: event, path: relative });
  }

  private onError(error: unknown): void {
    const code = errnoCode(error) ?? 'unknown';
    // One line per kind of problem: a limit that is hit once is hit for every further folder.
    if (this.reportedErrors.has(code)) return;
    this.reportedErrors.add(code);
    const hint =
      code === 'ENOSPC'
        ? "the system's limit on watched folders is reached (raise fs.inotify.max_user_watches); changes in some folders go unnoticed until the next rebuild"
        : `${error instanceof Error ? error.message : String(error)}; changes there go unnoticed until the next rebuild`;
    this.options.logger.warn({ code }, `watching the corpus folder: ${hint}`);
  }

  private async rebuild(batch: ChangeBatch): Promise<void> {
    const target = this.target;
    if (!target) return;
    const paths = [...batch.keys()];
    const started = performance.now();
    const { logger } = this.options;
    try {
      const summary = await target.refresh(this.options.progress?.());
      this.counts.rebuilds += 1;
      const changes = summary.changes;
      if (changes && changeCount(changes) > 0) {
        logger.info({ ...changes, embedded: summary.embedded, documents: summary.documents, chunks: summary.chunks, seconds: summary.seconds }, rebuildLine(summary, changes));
      } else {
        logger.debug({ paths: paths.length }, `corpus folder changed (${paths.length} paths); the index already matches it`);
      }
      // A file of this batch that could not be read says so once, here, naming it and why.
      const touched = new Set(paths);
      for (const skipped of summary.skipped) if (touched.has(skipped.file)) logger.warn({ file: skipped.file }, `skipped ${skipped.file}: ${skipped.reason}`);
      this.options.onRebuild?.({ paths, summary, ms: performance.now() - started });
    } catch (error) {
      this.counts.failedRebuilds += 1;
      const plain = describeUserError(error);
      const line = `rebuilding after a corpus change failed${plain ? `: ${plain}` : ''}; questions are still answered from the previous index, and the next change tries again`;
      if (plain) logger.warn(line);
      else logger.error({ err: error }, line);
      this.options.onRebuild?.({ paths, error, ms: performance.now() - started });
    }
  }
}

function isChangeKind(event: string): event is ChangeKind {
  return event === 'add' || event === 'change' || event === 'unlink' || event === 'addDir' || event === 'unlinkDir';
}

export function startCorpusWatcher(options: CorpusWatcherOptions): Promise<CorpusWatcher> {
  return CorpusWatcher.start(options);
}
