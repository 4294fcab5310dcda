// Clean documents → a complete index generation (chunks, vectors, BM25, manifest).
// Vectors of unchanged documents come from the cache: only changed documents are embedded.
import type { Logger } from 'pino';
import { chunkDocument, embeddingTexts } from '../chunks/chunk.js';
import type { Embedder } from '../embed/embedder.js';
import { LexicalIndex } from './bm25-index.js';
import { findAcronyms, type AcronymMap } from '../text/acronyms.js';
import type { Chunk, CleanDocument, IndexSummary, ProgressEvent, SkippedFile } from '../types.js';
import { chunkTermsOf } from './chunk-terms.js';
import { type IndexData, writeGeneration } from './generations.js';
import { packSentenceVectors } from './sentence-vectors.js';
import { type Manifest, SCHEMA_VERSION } from './manifest.js';
import { VectorCache } from './vector-cache.js';
import type { ChunkerSettings, HnswSettings } from '../settings.js';
import type { VectorStoreBackend } from './vector-store.js';

export interface BuildSettings {
  embeddingsDir: string;
  model: { id: string; dtype: string };
  chunker: ChunkerSettings;
  hnsw: HnswSettings;
  vectorBackend: VectorStoreBackend;
  /** Texts per model call. */
  embedBatchSize: number;
}

export function cacheKey(settings: BuildSettings): string {
  return JSON.stringify({ schema: SCHEMA_VERSION, model: settings.model, chunker: settings.chunker });
}

export async function buildIndex(
  documents: CleanDocument[],
  skipped: SkippedFile[],
  embedder: Embedder,
  settings: BuildSettings,
  reason: string,
  logger: Logger,
  onProgress?: (event: ProgressEvent) => void,
  /** The generation this one replaces: an unchanged document keeps the time it was first indexed. */
  previous?: Pick<Manifest, 'documents' | 'builtAt'>,
): Promise<{ data: IndexData; summary: IndexSummary }> {
  const started = performance.now();
  const builtAt = new Date().toISOString();
  const cache = new VectorCache(settings.embeddingsDir, cacheKey(settings));
  const countTokens = (text: string) => embedder.countTokens(text);

  // Per document: its chunks' texts, then every chunk's sentences, embedded (or cached) together.
  const perDocument: Array<{ doc: CleanDocument; chunks: Chunk[]; texts: string[]; vectors?: Float32Array[] }> = [];
  for (const doc of documents) {
    const chunks = chunkDocument(doc, countTokens, settings.chunker);
    const texts = embeddingTexts(doc.title, chunks);
    const vectors = await cache.get(doc.contentHash, texts.length, embedder.dimension);
    perDocument.push({ doc, chunks, texts, ...(vectors ? { vectors } : {}) });
  }

  const toEmbed = perDocument.filter((d) => !d.vectors);
  const texts = toEmbed.flatMap((d) => d.texts);
  const reused = perDocument.reduce((sum, d) => sum + (d.vectors ? d.chunks.length : 0), 0);
  const fresh = await embedUnique(embedder, texts, settings.embedBatchSize, onProgress);
  let offset = 0;
  for (const entry of toEmbed) {
    entry.vectors = fresh.slice(offset, offset + entry.texts.length);
    offset += entry.texts.length;
    await cache.put(entry.doc.contentHash, entry.vectors, embedder.dimension);
  }

  onProgress?.({ phase: 'write', done: 0, total: 1 });
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  const sentenceVectors: Float32Array[][] = [];
  const acronyms: AcronymMap = {};
  const manifestDocs: Manifest['documents'] = {};
  for (const entry of perDocument) {
    chunks.push(...entry.chunks);
    const all = entry.vectors ?? [];
    vectors.push(...all.slice(0, entry.chunks.length));
    let at = entry.chunks.length;
    for (const chunk of entry.chunks) {
      sentenceVectors.push(all.slice(at, at + chunk.sentences.length));
      at += chunk.sentences.length;
    }
    findAcronyms(entry.doc.text, acronyms);
    const before = previous?.documents[entry.doc.id];
    const indexedAt = before?.contentHash === entry.doc.contentHash ? (before.indexedAt ?? previous?.builtAt ?? builtAt) : builtAt;
    manifestDocs[entry.doc.id] = { contentHash: entry.doc.contentHash, chunks: entry.chunks.length, indexedAt };
  }
  const byId = new Map(documents.map((d) => [d.id, d]));
  const lexical = LexicalIndex.build(
    chunks.map((c, i) => ({ id: i, text: c.text, title: byId.get(c.docId)?.title ?? '', heading: c.heading ?? '', language: byId.get(c.docId)?.language ?? 'en' })),
  );
  const vectorIndex = await settings.vectorBackend.build(vectors, embedder.dimension, settings.hnsw);
  const buildSeconds = (performance.now() - started) / 1000;
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    model: { id: settings.model.id, dtype: settings.model.dtype, dimension: embedder.dimension },
    chunker: settings.chunker,
    hnsw: { m: settings.hnsw.m, efConstruction: settings.hnsw.efConstruction },
    vectorStore: { backend: settings.vectorBackend.name },
    documents: manifestDocs,
    counts: { documents: documents.length, chunks: chunks.length, skipped: skipped.length },
    builtAt,
    buildSeconds,
  };
  const sentences = packSentenceVectors(sentenceVectors, embedder.dimension);
  const body = { manifest, documents, chunks, acronyms, vectors: vectorIndex, sentences, lexical };
  const generation = await writeGeneration(settings.embeddingsDir, body);
  onProgress?.({ phase: 'write', done: 1, total: 1 });
  const summary: IndexSummary = {
    documents: documents.length,
    chunks: chunks.length,
    embedded: toEmbed.reduce((sum, d) => sum + d.chunks.length, 0),
    reused,
    skipped,
    removedDocuments: 0,
    seconds: (performance.now() - started) / 1000,
    reason,
  };
  logger.debug({ generation, ...summary, skipped: skipped.length }, 'index written');
  return { data: { ...body, generation, chunkTerms: chunkTermsOf(chunks, documents) }, summary };
}

/**
 * Embeds each distinct text once: repeated passages (boilerplate paragraphs, a file pasted
 * twice, generated reports) cost one model call however often they occur.
 */
async function embedUnique(embedder: Embedder, texts: string[], batchSize: number, onProgress?: (event: ProgressEvent) => void): Promise<Float32Array[]> {
  const slotOf = new Map<string, number>();
  const unique: string[] = [];
  const slots = texts.map((text) => {
    let slot = slotOf.get(text);
    if (slot === undefined) {
      slot = unique.length;
      slotOf.set(text, slot);
      unique.push(text);
    }
    return slot;
  });
  onProgress?.({ phase: 'embed', done: 0, total: unique.length });
  const vectors = unique.length ? await embedder.embed(unique, (done) => onProgress?.({ phase: 'embed', done, total: unique.length }), batchSize) : [];
  return slots.map((slot) => vectors[slot] ?? new Float32Array(embedder.dimension));
}
