// A real index generation in memory, without the model: documents cleaned by the real cleaner,
// one chunk per paragraph, real BM25 and a real HNSW graph over hand-made vectors. Unit tests of
// retrieval stages and answer composition use it to stay fast and exact.
import { buildDocument } from '../../src/core/documents/build-document.js';
import { LexicalIndex } from '../../src/core/index/bm25-index.js';
import { chunkTermsOf } from '../../src/core/index/chunk-terms.js';
import type { IndexData } from '../../src/core/index/generations.js';
import { packSentenceVectors } from '../../src/core/index/sentence-vectors.js';
import { HnswStore } from '../../src/core/index/hnsw-store.js';
import { DEFAULT_HNSW } from '../../src/core/settings.js';
import { findAcronyms } from '../../src/core/text/acronyms.js';
import { splitSentences } from '../../src/core/text/sentences.js';
import type { Chunk, CleanDocument } from '../../src/core/types.js';

export const TINY_DIMENSION = 4;

/** A unit vector pointing mostly along `axis` (0..3), tilted by `tilt` towards the next axis. */
export function unitVector(axis: number, tilt = 0): Float32Array {
  const v = new Float32Array(TINY_DIMENSION);
  v[axis % TINY_DIMENSION] = 1;
  v[(axis + 1) % TINY_DIMENSION] = tilt;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

export interface TinyDocument {
  id: string;
  text: string;
  /** One vector per non-heading paragraph, in order. */
  vectors: Float32Array[];
  /** Per paragraph, one vector per sentence; by default every sentence gets its paragraph's vector. */
  sentenceVectors?: Float32Array[][];
}

export function tinyIndex(sources: TinyDocument[]): IndexData {
  const documents: CleanDocument[] = sources.map((s) => buildDocument(s.id, s.text, `hash-${s.id}`));
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  const sentenceVectors: Float32Array[][] = [];
  documents.forEach((doc, d) => {
    const body = doc.paragraphs.filter((p) => !p.isHeading);
    body.forEach((paragraph, i) => {
      chunks.push({
        id: `${doc.id}#${i}`,
        docId: doc.id,
        ordinal: i,
        text: paragraph.text,
        sentences: splitSentences(paragraph.text),
        paragraphStart: paragraph.index,
        paragraphEnd: paragraph.index,
        charStart: paragraph.start,
        charEnd: paragraph.end,
        ...(paragraph.heading ? { heading: paragraph.heading } : {}),
        tokenCount: 0,
      });
      const vector = sources[d]?.vectors[i] ?? unitVector(3);
      vectors.push(vector);
      const sentences = chunks.at(-1)?.sentences ?? [];
      sentenceVectors.push(sources[d]?.sentenceVectors?.[i] ?? sentences.map(() => vector));
    });
  });
  const lexical = LexicalIndex.build(chunks.map((c, id) => ({ id, text: c.text, title: '', heading: c.heading ?? '', language: 'en' as const })));
  return {
    manifest: {
      schemaVersion: 0,
      model: { id: 'none', dtype: 'none', dimension: TINY_DIMENSION },
      chunker: { maxTokens: 0, targetTokens: 0, overlapSentences: 0 },
      hnsw: { m: DEFAULT_HNSW.m, efConstruction: DEFAULT_HNSW.efConstruction },
      vectorStore: { backend: 'hnswlib' },
      documents: {},
      counts: { documents: documents.length, chunks: chunks.length, skipped: 0 },
      builtAt: new Date(0).toISOString(),
      buildSeconds: 0,
    },
    documents,
    chunks,
    acronyms: findAcronyms(documents.map((d) => d.text).join('\n')),
    vectors: HnswStore.build(vectors, TINY_DIMENSION, DEFAULT_HNSW),
    sentences: packSentenceVectors(sentenceVectors, TINY_DIMENSION),
    lexical,
    generation: 'gen-tiny',
    chunkTerms: chunkTermsOf(chunks, documents),
  };
}
