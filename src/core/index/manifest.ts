// What an index generation was built from. Loading compares it with the corpus and settings
// to decide whether the index is still valid.
import { z } from 'zod';

/** Bump when the on-disk format or anything that changes chunk text or vectors changes. */
export const SCHEMA_VERSION = 5;

export const manifestSchema = z.object({
  schemaVersion: z.number(),
  model: z.object({ id: z.string(), dtype: z.string(), dimension: z.number().int().positive() }),
  chunker: z.object({ maxTokens: z.number(), targetTokens: z.number(), overlapSentences: z.number() }),
  hnsw: z.object({ m: z.number(), efConstruction: z.number() }),
  /** Which VectorStore backend holds this generation's vectors (generations before it existed: hnswlib). */
  vectorStore: z.object({ backend: z.string() }).default({ backend: 'hnswlib' }),
  /** Per document; `indexedAt`: when this content was first indexed (kept while it is unchanged; older generations lack it). */
  documents: z.record(z.string(), z.object({ contentHash: z.string(), chunks: z.number().int().nonnegative(), indexedAt: z.string().optional() })),
  counts: z.object({ documents: z.number(), chunks: z.number(), skipped: z.number() }),
  builtAt: z.string(),
  buildSeconds: z.number(),
});

export type Manifest = z.infer<typeof manifestSchema>;
