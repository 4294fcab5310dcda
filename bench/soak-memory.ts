// Reading memory in the soak without the reading's own noise: the live heap after V8's latest
// mark-compact, and a full GC before each sample.
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The heap after the latest full GC: V8's own mark-compacts (or the forced ones) report the live
 * heap without --expose-gc. The profiler is restarted at every read so it holds one interval's GCs.
 */
export class MajorGcWatch {
  #profiler = new GCProfiler();
  #latest: number | undefined;
  majorGcs = 0;

  constructor() {
    this.#profiler.start();
  }

  /** Heap used after the latest mark-compact so far, bytes (undefined before the first). */
  read(): number | undefined {
    const { statistics } = this.#profiler.stop();
    this.#profiler = new GCProfiler();
    this.#profiler.start();
    for (const gc of statistics) {
      if (gc.gcType !== 'MarkSweepCompact') continue;
      this.majorGcs++;
      this.#latest = gc.afterGC.heapStatistics.usedHeapSize;
    }
    return this.#latest;
  }

  stop(): void {
    this.#profiler.stop();
  }
}

/**
 * A full GC before each sample, so RSS is read without a varying load of garbage (between samples
 * the heap swings by 150 MiB, which hides a 1 MiB/min trend). `--expose-gc` given by the user is
 * used as is; otherwise the flag is set at run time and V8 hands `gc` to a new context.
 */
export function fullGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
