// Reads what the engine built, from its files: the chunks, the exact texts it embedded, and the
// stored vectors. Benchmarks compare against these so a reference never works on different input.
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { embeddingText } from '../src/core/chunks/chunk.js';
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

/** The strings the build passed to the embedder, in chunk order (as build-index.ts makes them). */
export function embeddedTexts(data: IndexData): string[] {
  const titles = new Map(data.documents.map((d) => [d.id, d.title]));
  return data.chunks.map((chunk) => embeddingText(titles.get(chunk.docId) ?? '', chunk.heading, chunk.text));
}

/** Vectors exactly as stored in the generation's HNSW file; label i is chunk i. */
export async function readStoredVectors(generationDir: string, dimension: number, count: number): Promise<Float32Array[]> {
  const index = new hnswlib.HierarchicalNSW('ip', dimension);
  await index.readIndex(path.join(generationDir, VECTORS_FILE));
  return Array.from({ length: count }, (_, label) => Float32Array.from(index.getPoint(label)));
}
