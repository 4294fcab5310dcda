// One bounded queue for every question, whatever asked it: at most `maxConcurrent` engine calls
// at once, at most `maxConcurrent + maxQueued` questions admitted (running, waiting for a slot,
// or sending their reply). Anything beyond is refused at once — the caller answers "busy" — so a
// flood costs one short reply per extra question instead of memory that grows with the flood.
// Shutdown closes the queue (new questions are refused with 'closing') and waits for it to drain.

export interface AnswerQueueLimits {
  maxConcurrent: number;
  maxQueued: number;
}

export type Refusal = 'busy' | 'closing';

export interface AnswerQueueStats {
  /** Admitted questions not yet released (running, waiting, or replying). */
  inFlight: number;
  /** Engine calls running now. */
  running: number;
  /** Admitted questions waiting for an engine slot. */
  waiting: number;
  /** The largest values seen since the queue was created. */
  peakInFlight: number;
  peakRunning: number;
  peakWaiting: number;
  /** Questions refused because the queue was full, and because it was closing. */
  refusedBusy: number;
  refusedClosing: number;
}

/** One admitted question. `release()` ends it (idempotent); it must be called, or the capacity leaks. */
export interface Ticket {
  /** Runs `work` once an engine slot is free (first come, first served). */
  run<T>(work: () => Promise<T>): Promise<T>;
  release(): void;
}

export class AnswerQueue {
  readonly #waiters: (() => void)[] = [];
  readonly #idle: (() => void)[] = [];
  #inFlight = 0;
  #running = 0;
  #closing = false;
  #stats = { peakInFlight: 0, peakRunning: 0, peakWaiting: 0, refusedBusy: 0, refusedClosing: 0 };

  constructor(readonly limits: AnswerQueueLimits) {}

  get capacity(): number {
    return this.limits.maxConcurrent + this.limits.maxQueued;
  }

  get closing(): boolean {
    return this.#closing;
  }

  stats(): AnswerQueueStats {
    return { inFlight: this.#inFlight, running: this.#running, waiting: this.#waiters.length, ...this.#stats };
  }

  /** A ticket for one question, or why there is none. Synchronous, so a refusal can be sent at once. */
  admit(): Ticket | Refusal {
    if (this.#closing) {
      this.#stats.refusedClosing += 1;
      return 'closing';
    }
    if (this.#inFlight >= this.capacity) {
      this.#stats.refusedBusy += 1;
      return 'busy';
    }
    this.#inFlight += 1;
    this.#stats.peakInFlight = Math.max(this.#stats.peakInFlight, this.#inFlight);
    let released = false;
    return {
      run: (work) => {
        if (released) return Promise.reject(new Error('answer queue: run() after release()'));
        return this.#run(work);
      },
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight -= 1;
        if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
      },
    };
  }

  /** Refuses new questions from now on ('closing'); those already admitted carry on. */
  close(): void {
    this.#closing = true;
  }

  /** Resolves when no admitted question is left. */
  drained(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limits.maxConcurrent) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        this.#stats.peakWaiting = Math.max(this.#stats.peakWaiting, this.#waiters.length);
      });
    } else {
      this.#running += 1;
    }
    // The slot was handed over (running already counts it) or taken above.
    this.#stats.peakRunning = Math.max(this.#stats.peakRunning, this.#running);
    try {
      return await work();
    } finally {
      const next = this.#waiters.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}
