// Long operations that are not questions (adding or removing a document: a download and a
// rebuild), counted so that a shutdown waits for them as it waits for answers in flight.
export class InFlight {
  #count = 0;
  readonly #idle: (() => void)[] = [];

  get size(): number {
    return this.#count;
  }

  /** Runs `work`, counted until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.#count += 1;
    try {
      return await work();
    } finally {
      this.#count -= 1;
      if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  /** Resolves when nothing is in flight. */
  drained(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
