// Questions repeat (the same /ask from several people, "more passages" pages, retries):
// a small LRU of their vectors saves a model call each time.

export class QueryEmbeddingCache {
  private readonly entries = new Map<string, Promise<Float32Array>>();

  constructor(
    private readonly embed: (text: string) => Promise<Float32Array>,
    /** Entries kept (EngineSettings.embedding.queryCacheEntries). */
    private readonly capacity: number,
  ) {}

  get(text: string): Promise<Float32Array> {
    const hit = this.entries.get(text);
    if (hit) {
      // Re-insert to mark as most recently used.
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    const pending = this.embed(text);
    this.entries.set(text, pending);
    // A failed embedding must not stay cached.
    pending.catch(() => this.entries.delete(text));
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return pending;
  }
}
