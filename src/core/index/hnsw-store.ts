// Dense vectors in an HNSW graph (hnswlib-node), the default VectorStore. Vectors are
// L2-normalised, so inner product is cosine similarity and hnswlib's "ip" distance is 1 − cosine.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { DEFAULT_HNSW, type HnswSettings } from '../settings.js';
import type { VectorFilter, VectorHit, VectorStore, VectorStoreBackend } from './vector-store.js';

/** The file inside a generation folder. */
export const HNSW_FILE = 'vectors.hnsw';
/** Fixed graph seed: the same vectors always give the same graph (reproducible recall). */
const GRAPH_SEED = 100;

export class HnswStore implements VectorStore {
  readonly backend = 'hnswlib';

  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimension: number,
    readonly size: number,
    private readonly efSearch: number,
  ) {}

  static build(vectors: readonly Float32Array[], dimension: number, settings: HnswSettings = DEFAULT_HNSW): HnswStore {
    const index = new hnswlib.HierarchicalNSW('ip', dimension);
    index.initIndex(Math.max(1, vectors.length), settings.m, settings.efConstruction, GRAPH_SEED);
    vectors.forEach((vector, label) => index.addPoint(Array.from(vector), label));
    return new HnswStore(index, dimension, vectors.length, settings.efSearch);
  }

  /** Reads an index file; throws when it is unreadable or does not hold `expectedSize` points. */
  static async read(file: string, dimension: number, expectedSize: number, settings: HnswSettings = DEFAULT_HNSW): Promise<HnswStore> {
    const index = new hnswlib.HierarchicalNSW('ip', dimension);
    await index.readIndex(file);
    const size = index.getCurrentCount();
    if (size !== expectedSize) throw new Error(`vector index holds ${size} vectors, expected ${expectedSize}`);
    return new HnswStore(index, dimension, size, settings.efSearch);
  }

  /** hnswlib writes by path, so write beside the target and rename: still atomic. */
  async write(file: string): Promise<void> {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
      await this.index.writeIndex(temp);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  save(generationDir: string): Promise<void> {
    return this.write(path.join(generationDir, HNSW_FILE));
  }

  /** Exact cosine between the query and one stored vector. */
  cosine(query: Float32Array, label: number): number {
    const point = this.index.getPoint(label);
    let dot = 0;
    for (let i = 0; i < point.length; i++) dot += (point[i] ?? 0) * (query[i] ?? 0);
    return dot;
  }

  vectorOf(label: number): Promise<Float32Array | undefined> {
    if (!Number.isInteger(label) || label < 0 || label >= this.size) return Promise.resolve(undefined);
    return Promise.resolve(Float32Array.from(this.index.getPoint(label)));
  }

  similarity(query: Float32Array, labels: readonly number[]): Promise<number[]> {
    return Promise.resolve(labels.map((label) => this.cosine(query, label)));
  }

  /** Synchronous top-k search (the benchmark times the graph itself, without a promise). */
  searchNow(query: Float32Array, k: number, filter?: VectorFilter): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count <= 0) return [];
    this.index.setEf(Math.max(this.efSearch, count));
    const result = this.index.searchKnn(Array.from(query), count, filter ? (label: number) => filter.accepts(label) : undefined);
    return result.neighbors.map((label, i) => ({ label, score: 1 - (result.distances[i] ?? 1) }));
  }

  search(query: Float32Array, k: number, filter?: VectorFilter): Promise<VectorHit[]> {
    return Promise.resolve(this.searchNow(query, k, filter));
  }
}

export const hnswBackend: VectorStoreBackend = {
  name: 'hnswlib',
  build: (vectors, dimension, settings) => Promise.resolve(HnswStore.build(vectors, dimension, settings)),
  load: (generationDir, dimension, expectedSize, settings) => HnswStore.read(path.join(generationDir, HNSW_FILE), dimension, expectedSize, settings),
};
