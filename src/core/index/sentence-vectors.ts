// One vector per sentence of every chunk, beside the chunk vectors. A question is often answered
// by one short sentence inside a long chunk; the chunk's own vector averages that sentence away,
// the sentence's vector does not. Used to re-score candidates and to choose the sentence to mark,
// not for search (the HNSW graph holds chunks), so a flat array suffices.
// File: "FNSV" [u32 dimension][u32 chunks][u32 sentences] [u32 offsets × (chunks+1)] [f32 data].
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

export const SENTENCE_VECTORS_FILE = 'sentences.bin';
const MAGIC = 0x56534e46; // "FNSV"
const HEADER_WORDS = 4;

export interface SentenceVectors {
  dimension: number;
  /** Chunk `label`'s sentences are entries offsets[label] … offsets[label + 1] − 1. */
  offsets: Uint32Array;
  data: Float32Array;
}

/** Packs per-chunk lists of sentence vectors (in chunk order) into one flat store. */
export function packSentenceVectors(perChunk: readonly (readonly Float32Array[])[], dimension: number): SentenceVectors {
  const offsets = new Uint32Array(perChunk.length + 1);
  let total = 0;
  perChunk.forEach((vectors, label) => {
    offsets[label] = total;
    total += vectors.length;
  });
  offsets[perChunk.length] = total;
  const data = new Float32Array(total * dimension);
  let at = 0;
  for (const vectors of perChunk) for (const vector of vectors) data.set(vector, at++ * dimension);
  return { dimension, offsets, data };
}

/** Cosines of the query with each sentence of one chunk (vectors are L2-normalised). */
export function sentenceCosines(store: SentenceVectors, label: number, query: Float32Array): number[] {
  const from = store.offsets[label] ?? 0;
  const to = store.offsets[label + 1] ?? from;
  const out: number[] = [];
  const d = store.dimension;
  for (let s = from; s < to; s++) {
    let dot = 0;
    const base = s * d;
    for (let i = 0; i < d; i++) dot += (store.data[base + i] ?? 0) * (query[i] ?? 0);
    out.push(dot);
  }
  return out;
}

export async function writeSentenceVectors(generationDir: string, store: SentenceVectors): Promise<void> {
  const chunks = store.offsets.length - 1;
  const sentences = store.offsets[chunks] ?? 0;
  const header = new Uint32Array([MAGIC, store.dimension, chunks, sentences]);
  const bytes = Buffer.concat([
    Buffer.from(header.buffer),
    Buffer.from(store.offsets.buffer, store.offsets.byteOffset, store.offsets.byteLength),
    Buffer.from(store.data.buffer, store.data.byteOffset, store.data.byteLength),
  ]);
  await writeFileAtomic(path.join(generationDir, SENTENCE_VECTORS_FILE), bytes);
}

/** Reads the store; throws when it is unreadable or does not match `chunks` and `dimension`. */
export async function readSentenceVectors(generationDir: string, chunks: number, dimension: number): Promise<SentenceVectors> {
  const bytes = await readFile(path.join(generationDir, SENTENCE_VECTORS_FILE));
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + Math.min(bytes.length, HEADER_WORDS * 4)));
  if (words.length < HEADER_WORDS || words[0] !== MAGIC) throw new Error('sentence vectors file is not in the expected format');
  if (words[1] !== dimension || words[2] !== chunks) throw new Error(`sentence vectors are for ${words[2]} chunks of ${words[1]} dimensions, expected ${chunks} of ${dimension}`);
  const sentences = words[3] ?? 0;
  const offsetsBytes = (chunks + 1) * 4;
  const expected = HEADER_WORDS * 4 + offsetsBytes + sentences * dimension * 4;
  if (bytes.length !== expected) throw new Error(`sentence vectors file is ${bytes.length} bytes, expected ${expected}`);
  const body = bytes.buffer.slice(bytes.byteOffset + HEADER_WORDS * 4, bytes.byteOffset + bytes.length);
  return { dimension, offsets: new Uint32Array(body, 0, chunks + 1), data: new Float32Array(body, offsetsBytes) };
}
