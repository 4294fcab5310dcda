// Dense vectors in an HNSW graph (hnswlib-node). Vectors are L2-normalised, so inner product
// is cosine similarity and hnswlib's "ip" distance is 1 − cosine.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';

export interface HnswSettings {
  /** Graph degree: higher → better recall, more memory. */
  m: number;
  efConstruction: number;
  /** Candidate list size at query time (raised to k when smaller). */
  efSearch: number;
}

export const DEFAULT_HNSW: HnswSettings = { m: 16, efConstruction: 200, efSearch: 100 };

export interface VectorHit {
  label: number;
  score: number;
}

export class VectorIndex {
  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimension: number,
    readonly size: number,
    private readonly efSearch: number,
  ) {}

  static build(vectors: Float32Array[], dimension: number, settings: HnswSettings = DEFAULT_HNSW, seed = 100): VectorIndex {
    const index = new hnswlib.HierarchicalNSW('ip', dimension);
    index.initIndex(Math.max(1, vectors.length), settings.m, settings.efConstruction, seed);
    vectors.forEach((vector, label) => index.addPoint(Array.from(vector), label));
    return new VectorIndex(index, dimension, vectors.length, settings.efSearch);
  }

  /** Reads an index file; throws when it is unreadable or does not hold `expectedSize` points. */
  static async read(file: string, dimension: number, expectedSize: number, settings: HnswSettings = DEFAULT_HNSW): Promise<VectorIndex> {
    const index = new hnswlib.HierarchicalNSW('ip', dimension);
    await index.readIndex(file);
    const size = index.getCurrentCount();
    if (size !== expectedSize) throw new Error(`vector index holds ${size} vectors, expected ${expectedSize}`);
    return new VectorIndex(index, dimension, size, settings.efSearch);
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

  /** Exact cosine between the query and one stored vector (fills gaps left by top-k search). */
  similarity(query: Float32Array, label: number): number {
    const point = this.index.getPoint(label);
    let dot = 0;
    for (let i = 0; i < point.length; i++) dot += (point[i] ?? 0) * (query[i] ?? 0);
    return dot;
  }

  search(query: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count <= 0) return [];
    this.index.setEf(Math.max(this.efSearch, count));
    const result = this.index.searchKnn(Array.from(query), count, filter);
    return result.neighbors.map((label, i) => ({ label, score: 1 - (result.distances[i] ?? 1) }));
  }
}
