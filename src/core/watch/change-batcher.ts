// Turns a stream of file changes into as few rebuilds as can be correct: changes are gathered
// until the folder has been quiet for `debounceMs` (at most `maxDelayMs` after the first), then
// handed over as one batch; while a batch is being handled, new changes wait and become the next
// batch once it is done. So a burst of 100 files is one rebuild, and a change that arrives during
// a rebuild (which may already have read the folder) is never lost.
import type { WatchSettings } from '../settings.js';

export type ChangeKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

export interface FileChange {
  kind: ChangeKind;
  /** Relative to the watched folder, forward slashes. */
  path: string;
}

/** The changes of one batch: the latest kind per path, in the order paths first changed. */
export type ChangeBatch = ReadonlyMap<string, ChangeKind>;

export class ChangeBatcher {
  private pending = new Map<string, ChangeKind>();
  private firstAt = 0;
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private held: boolean;
  private closed = false;

  /**
   * `handle` gets each batch; its failure is its own to report (it is caught here so one failed
   * rebuild never stops the batches after it). `held`: gather, but hand nothing over until `release()`.
   */
  constructor(
    private readonly handle: (batch: ChangeBatch) => Promise<void>,
    private readonly settings: WatchSettings,
    options: { held?: boolean; now?: () => number } = {},
  ) {
    this.held = options.held ?? false;
    if (options.now) this.now = options.now;
  }

  private now: () => number = () => performance.now();

  /** Changes gathered and not yet handed over. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** True while a batch is being handled. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  add(change: FileChange): void {
    if (this.closed) return;
    const now = this.now();
    if (this.pending.size === 0) this.firstAt = now;
    this.lastAt = now;
    // Delete first so a path that changes again moves to the end, with its latest kind.
    this.pending.delete(change.path);
    this.pending.set(change.path, change.kind);
    this.schedule();
  }

  /** Starts handing batches over (changes gathered while held go first). */
  release(): void {
    this.held = false;
    this.schedule();
  }

  /**
   * Stops: pending changes are dropped and nothing more is handed over. A batch being handled
   * finishes on its own (the engine's close waits for its rebuild; a process that exits abandons
   * it safely, since a generation only ever goes live whole).
   */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private schedule(): void {
    if (this.closed || this.held || this.running || this.pending.size === 0) return;
    clearTimeout(this.timer);
    const due = Math.min(this.lastAt + this.settings.debounceMs, this.firstAt + this.settings.maxDelayMs);
    this.timer = setTimeout(() => this.flush(), Math.max(0, due - this.now()));
  }

  private flush(): void {
    this.timer = undefined;
    if (this.closed || this.held || this.running || this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.running = this.handle(batch)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }
}
