// The dashboard's Reindex: one rebuild at a time, in the background (the POST answers at once and
// the index page shows it running, then its result). Questions keep being answered from the
// previous index meanwhile; the swap is atomic (core/index/lifecycle.ts).
import type { IndexSummary } from '../core/types.js';
import type { DashboardDeps } from './deps.js';

export interface ReindexState {
  running?: { startedAt: number };
  last?: { startedAt: number; finishedAt: number; summary?: IndexSummary; error?: string };
}

export class ReindexRunner {
  readonly state: ReindexState = {};
  private current: Promise<void> | undefined;

  constructor(private readonly deps: Pick<DashboardDeps, 'engine' | 'logger' | 'now'>) {}

  /** False when a rebuild started here is still running. */
  start(): boolean {
    if (this.state.running) return false;
    const startedAt = this.deps.now();
    this.state.running = { startedAt };
    this.deps.logger.info('reindex requested from the dashboard');
    this.current = this.deps.engine.reindex().then(
      (summary) => {
        this.state.last = { startedAt, finishedAt: this.deps.now(), summary };
        this.deps.logger.info({ summary }, 'dashboard reindex finished');
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message.split('\n')[0] ?? 'failed' : String(error);
        this.state.last = { startedAt, finishedAt: this.deps.now(), error: message };
        this.deps.logger.error({ err: error }, 'dashboard reindex failed');
      },
    ).finally(() => {
      this.state.running = undefined;
    });
    return true;
  }

  /** Resolves when the running rebuild (if any) has ended. */
  settled(): Promise<void> {
    return this.current ?? Promise.resolve();
  }
}
