// Lexical (BM25) and dense (HNSW) retrieval over one index, fused into one ranking.
import type { IndexData } from '../store/index-files.js';
import { dropOverlapping } from './diversify.js';
import { DEFAULT_FUSION, type FusedHit, type FusionSettings, fuseScores, normalizeByMax } from './fuse.js';
import { type AnalyzedQuery, chunkCoverage } from './query.js';

export type RetrievalMode = 'bm25' | 'dense' | 'hybrid';

export interface RetrievalSettings {
  /** Candidates taken from each side before fusion. */
  candidates: number;
  fusion: FusionSettings;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = { candidates: 40, fusion: DEFAULT_FUSION };

export interface Retrieval {
  hits: FusedHit[];
  lexicalMs: number;
  vectorMs: number;
  fuseMs: number;
}

export function retrieve(
  data: IndexData,
  query: AnalyzedQuery,
  queryVector: Float32Array | undefined,
  mode: RetrievalMode,
  settings: RetrievalSettings = DEFAULT_RETRIEVAL,
  docId?: string,
): Retrieval {
  const filter = docId ? (label: number) => data.chunks[label]?.docId === docId : undefined;
  // Filtered searches must look further: most candidates of other documents are discarded.
  const k = docId ? Math.max(settings.candidates, data.chunks.length) : settings.candidates;

  let t = performance.now();
  const lexical = mode === 'dense' ? [] : data.lexical.search(query.text, query.expansions, k, filter);
  const lexicalMs = performance.now() - t;

  t = performance.now();
  const dense = mode === 'bm25' || !queryVector ? [] : data.vectors.search(queryVector, k, filter);
  const vectorMs = performance.now() - t;

  t = performance.now();
  let fused: FusedHit[];
  if (mode === 'bm25') {
    const norm = normalizeByMax(lexical);
    fused = lexical.map((h) => ({ label: h.label, score: norm.get(h.label) ?? 0, lexical: norm.get(h.label) ?? 0, dense: 0 }));
  } else if (mode === 'dense') {
    fused = dense.map((h) => ({ label: h.label, score: h.score, lexical: 0, dense: h.score }));
  } else {
    // Lexical candidates outside the dense top-k still get their true cosine.
    const seen = new Set(dense.map((h) => h.label));
    const completed = queryVector
      ? [...dense, ...lexical.filter((h) => !seen.has(h.label)).map((h) => ({ label: h.label, score: data.vectors.similarity(queryVector, h.label) }))]
      : dense;
    fused = fuseScores(lexical, completed, (label) => chunkCoverage(data, query, label), settings.fusion);
  }
  const hits = dropOverlapping(fused, data.chunks);
  return { hits, lexicalMs, vectorMs, fuseMs: performance.now() - t };
}
