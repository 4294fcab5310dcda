// The seam for dense vectors: the smallest interface a backend must fill (build, load, save,
// search, similarity). hnswlib-node (hnsw-store.ts) is the default; the manifest names the
// backend a generation was built with, so a different backend is chosen by configuration and a
// mismatch is detected on load, never by editing callers.
import type { HnswSettings } from '../settings.js';

export interface VectorHit {
  /** The chunk's position in the generation (0-based). */
  label: number;
  /** Cosine similarity with the query (vectors are L2-normalised). */
  score: number;
}

/** Restricts a search to some chunks: as a predicate (in-process backends) and as document ids (backends that filter in a query). */
export interface VectorFilter {
  accepts(label: number): boolean;
  docIds: ReadonlySet<string>;
}

export interface VectorStore {
  readonly backend: string;
  readonly dimension: number;
  readonly size: number;
  /** The `k` nearest vectors by cosine, best first. */
  search(query: Float32Array, k: number, filter?: VectorFilter): Promise<VectorHit[]>;
  /** Exact cosines of the query with some stored vectors (fills gaps left by top-k search). */
  similarity(query: Float32Array, labels: readonly number[]): Promise<number[]>;
  /** The stored vector of one chunk ("more like this" searches with it); undefined for an unknown label. */
  vectorOf(label: number): Promise<Float32Array | undefined>;
  /** Persists the vectors into a generation folder being written. */
  save(generationDir: string): Promise<void>;
}

export interface VectorStoreBackend {
  readonly name: string;
  build(vectors: readonly Float32Array[], dimension: number, settings: HnswSettings): Promise<VectorStore>;
  /** Loads a generation's vectors; throws when they are unreadable or not `expectedSize` many. */
  load(generationDir: string, dimension: number, expectedSize: number, settings: HnswSettings): Promise<VectorStore>;
  /** Releases connections (backends that hold any). */
  close?(): Promise<void>;
}
