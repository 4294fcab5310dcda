// Vector store backends by name. The manifest records the name a generation was built with;
// `vectorStoreBackend` resolves it when the generation is loaded.
import { hnswBackend } from './hnsw-store.js';
import type { VectorStoreBackend } from './vector-store.js';

const BACKENDS = new Map<string, VectorStoreBackend>([[hnswBackend.name, hnswBackend]]);

export const DEFAULT_VECTOR_BACKEND = hnswBackend.name;

export function vectorStoreBackend(name: string): VectorStoreBackend | undefined {
  return BACKENDS.get(name);
}
