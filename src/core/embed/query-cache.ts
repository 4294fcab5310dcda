// Questions repeat (the same /ask from several people, "more passages" pages, retries):
// a small LRU of their embeddings (vector and token states) saves a model call each time.
import type { QuestionEmbedding } from './embedder.js';

export class QueryEmbeddingCache {
  private readonly entries = new Map<string, Promise<QuestionEmbedding>>();

  constructor(
    private readonly embed: (text: string) => Promise<QuestionEmbedding>,
    /** Entries kept (EngineSettings.embedding.queryCacheEntries). */
    private readonly capacity: number,
  ) {}

  get(text: string): Promise<QuestionEmbedding> {
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
