// Server-side state behind buttons (a question can be far longer than a custom id). Bounded in
// count and age so a busy bot cannot grow without limit; a click on an evicted entry is told the
// question expired.
import { randomBytes } from 'node:crypto';

interface Entry<T> {
  value: T;
  storedAtMs: number;
}

export class ConversationStore<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores `value` and returns its new short id (lower-case base-36, safe in custom ids). */
  add(value: T): string {
    let id = newConversationId();
    while (this.#entries.has(id)) id = newConversationId();
    this.set(id, value);
    return id;
  }

  /** Stores `value` under a key the caller chose (replacing what was there, its age starting again). */
  set(id: string, value: T): void {
    this.#entries.delete(id);
    this.#entries.set(id, { value, storedAtMs: this.now() });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** The value, refreshed as recently used; undefined when unknown or expired. */
  get(id: string): T | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.storedAtMs > this.ttlMs) {
      this.#entries.delete(id);
      return undefined;
    }
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    return entry.value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

function newConversationId(): string {
  return BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36);
}
