// On-disk layout of the index under embeddings/:
//   CURRENT                 → name of the live generation (swapped by one atomic rename)
//   gen-<time>-<id>/        manifest.json, corpus.json, lexical.json, and the vector store's files
//                           (vectors.hnsw for hnswlib)
//   cache/<model+chunker>/  per-document vectors keyed by content hash (incremental builds)
// A build writes a whole new generation, then swaps CURRENT: a crash at any point leaves the
// previous generation live and intact.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AcronymMap } from '../text/acronyms.js';
import type { Chunk, CleanDocument } from '../types.js';
import { LexicalIndex } from './bm25-index.js';
import { type ChunkTerms, chunkTermsOf } from './chunk-terms.js';
import { readSentenceVectors, type SentenceVectors, writeSentenceVectors } from './sentence-vectors.js';
import { syncDirectory, writeFileAtomic } from './atomic.js';
import { type Manifest, manifestSchema } from './manifest.js';
import type { HnswSettings } from '../settings.js';
import { vectorStoreBackend } from './backends.js';
import type { VectorStore, VectorStoreBackend } from './vector-store.js';

export interface IndexData {
  manifest: Manifest;
  documents: CleanDocument[];
  chunks: Chunk[];
  acronyms: AcronymMap;
  vectors: VectorStore;
  lexical: LexicalIndex;
  /** One vector per sentence of each chunk (sentence-level evidence). */
  sentences: SentenceVectors;
  generation: string;
  /** Search terms of each chunk (derived at load, not stored): coverage needs them per question. */
  chunkTerms: ChunkTerms;
}

const FILES = { manifest: 'manifest.json', corpus: 'corpus.json', lexical: 'lexical.json' };
const CURRENT = 'CURRENT';

/** Why an index could not be loaded; `kind` decides the log wording. */
export class IndexUnavailable extends Error {
  constructor(
    readonly kind: 'missing' | 'corrupt' | 'stale',
    message: string,
  ) {
    super(message);
  }
}

const corpusFileSchema = z.object({
  documents: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), paragraphs: z.array(z.unknown()) }).passthrough()),
  chunks: z.array(z.object({ id: z.string(), docId: z.string(), text: z.string(), sentences: z.array(z.unknown()) }).passthrough()),
  acronyms: z.record(z.string(), z.string()),
});

export async function readCurrentGeneration(dir: string): Promise<string> {
  let name: string;
  try {
    name = (await readFile(path.join(dir, CURRENT), 'utf8')).trim();
  } catch {
    throw new IndexUnavailable('missing', 'no index has been built yet');
  }
  if (!/^gen-[\w-]+$/.test(name)) throw new IndexUnavailable('corrupt', `${CURRENT} does not name a generation`);
  return name;
}

export async function readManifest(dir: string, generation: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, generation, FILES.manifest), 'utf8');
  } catch {
    throw new IndexUnavailable('corrupt', `manifest of ${generation} is missing`);
  }
  try {
    return manifestSchema.parse(JSON.parse(raw));
  } catch {
    throw new IndexUnavailable('corrupt', `manifest of ${generation} is unreadable`);
  }
}

/** Loads a generation whose manifest has been checked; any inconsistency is "corrupt". */
export async function readGeneration(dir: string, generation: string, manifest: Manifest, hnsw: HnswSettings, configured?: VectorStoreBackend): Promise<IndexData> {
  const base = path.join(dir, generation);
  try {
    const corpus = corpusFileSchema.parse(JSON.parse(await readFile(path.join(base, FILES.corpus), 'utf8')));
    const documents = corpus.documents as unknown as CleanDocument[];
    const chunks = corpus.chunks as unknown as Chunk[];
    if (chunks.length !== manifest.counts.chunks || documents.length !== manifest.counts.documents) {
      throw new Error('chunk or document count differs from the manifest');
    }
    const lexical = LexicalIndex.fromJSON(await readFile(path.join(base, FILES.lexical), 'utf8'));
    if (lexical.stats.chunkCount !== chunks.length) throw new Error('lexical index size differs from the chunk count');
    // The configured backend when the manifest names it (it holds the connection), else the registry's.
    const backend = configured?.name === manifest.vectorStore.backend ? configured : vectorStoreBackend(manifest.vectorStore.backend);
    if (!backend) throw new Error(`vector store backend "${manifest.vectorStore.backend}" is not available`);
    const vectors = await backend.load(base, manifest.model.dimension, chunks.length, hnsw);
    const sentences = await readSentenceVectors(base, chunks.length, manifest.model.dimension);
    return { manifest, documents, chunks, acronyms: corpus.acronyms, vectors, sentences, lexical, generation, chunkTerms: chunkTermsOf(chunks, documents) };
  } catch (error) {
    if (error instanceof IndexUnavailable) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new IndexUnavailable('corrupt', `${generation} is damaged (${reason})`);
  }
}

/** Writes a complete generation, then makes it current and removes older ones. */
export async function writeGeneration(dir: string, data: Omit<IndexData, 'generation' | 'chunkTerms'>): Promise<string> {
  const generation = `gen-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const base = path.join(dir, generation);
  await mkdir(base, { recursive: true });
  try {
    await writeFileAtomic(path.join(base, FILES.corpus), JSON.stringify({ documents: data.documents, chunks: data.chunks, acronyms: data.acronyms }));
    await writeFileAtomic(path.join(base, FILES.lexical), data.lexical.toJSON());
    await data.vectors.save(base);
    await writeSentenceVectors(base, data.sentences);
    // The manifest is written last: a generation without one is never loaded.
    await writeFileAtomic(path.join(base, FILES.manifest), JSON.stringify(data.manifest, null, 2));
    await syncDirectory(base);
    await writeFileAtomic(path.join(dir, CURRENT), generation + '\n');
    await syncDirectory(dir);
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
  await removeOldGenerations(dir, generation);
  return generation;
}

async function removeOldGenerations(dir: string, keep: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isDirectory() && e.name.startsWith('gen-') && e.name !== keep)
      .map((e) => rm(path.join(dir, e.name), { recursive: true, force: true })),
  );
}
