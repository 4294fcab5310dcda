// Vector store backends by name. The manifest records the name a generation was built with;
// a generation is only loaded with the backend it names (otherwise it is stale and rebuilt).
//   hnswlib   in-process HNSW graph in the generation folder (the default)
//   pgvector  PostgreSQL + pgvector at VECTOR_DATABASE_URL, shared by every answer-service replica
import { hnswBackend } from './hnsw-store.js';
import { PGVECTOR_BACKEND, pgvectorBackend } from './pgvector-store.js';
import type { VectorStoreBackend } from './vector-store.js';

export const DEFAULT_VECTOR_BACKEND = hnswBackend.name;
export const VECTOR_BACKEND_NAMES = [hnswBackend.name, PGVECTOR_BACKEND] as const;
export type VectorBackendName = (typeof VECTOR_BACKEND_NAMES)[number];

export interface VectorBackendOptions {
  /** pgvector: `postgres://…` (a PostgreSQL 15+ server with pgvector) or `pglite:memory` / `pglite:/folder`. */
  databaseUrl?: string;
}

/** The backend called `name`, or undefined for an unknown name; throws when its options are missing. */
export function vectorStoreBackend(name: string, options: VectorBackendOptions = {}): VectorStoreBackend | undefined {
  if (name === hnswBackend.name) return hnswBackend;
  if (name === PGVECTOR_BACKEND) {
    if (!options.databaseUrl) throw new Error('the pgvector vector store needs VECTOR_DATABASE_URL (postgres://… or pglite:…)');
    return pgvectorBackend(options.databaseUrl);
  }
  return undefined;
}
