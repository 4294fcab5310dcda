// Reads what the engine built, from its files: the chunks, the exact texts it embedded, and the
// stored vectors. Benchmarks compare against these so a reference never works on different input.
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { embeddingTexts } from '../src/core/chunks/chunk.js';
import type { Chunk } from '../src/core/types.js';
import { type IndexData, readCurrentGeneration, readGeneration, readManifest } from '../src/core/index/generations.js';
import { DEFAULT_HNSW } from '../src/core/settings.js';
import type { Workspace } from './context.js';

/** The HNSW file inside a generation folder (layout documented in src/core/index/generations.ts). */
const VECTORS_FILE = 'vectors.hnsw';

export async function readLiveIndex(workspace: Workspace): Promise<{ data: IndexData; generationDir: string }> {
  const generation = await readCurrentGeneration(workspace.embeddingsDir);
  const manifest = await readManifest(workspace.embeddingsDir, generation);
  const data = await readGeneration(workspace.embeddingsDir, generation, manifest, DEFAULT_HNSW);
  return { data, generationDir: path.join(workspace.embeddingsDir, generation) };
}

/** The strings the build passed to the embedder, per document as build-index.ts makes them (chunks, then their sentences). */
export function embeddedTexts(data: IndexData): string[] {
  const byDocument = new Map<string, Chunk[]>();
  for (const chunk of data.chunks) byDocument.set(chunk.docId, [...(byDocument.get(chunk.docId) ?? []), chunk]);
  return data.documents.flatMap((doc) => embeddingTexts(doc.title, byDocument.get(doc.id) ?? []));
}

/** Vectors exactly as stored in the generation's HNSW file; label i is chunk i. */
export async function readStoredVectors(generationDir: string, dimension: number, count: number): Promise<Float32Array[]> {
  const index = new hnswlib.HierarchicalNSW('ip', dimension);
  await index.readIndex(path.join(generationDir, VECTORS_FILE));
  return Array.from({ length: count }, (_, label) => Float32Array.from(index.getPoint(label)));
}
