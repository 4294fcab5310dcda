// The ranking stages. Each is small: the scoring itself lives in pure functions (fuse.ts,
// diversify.ts, query.ts) that are unit-tested without the model.
import type { VectorFilter } from '../index/vector-store.js';
import { dropOverlapping } from './diversify.js';
import { type FusedHit, fuseScores, normalizeByMax } from './fuse.js';
import type { RetrievalRequest, RetrievalStage } from './pipeline.js';
import { chunkCoverage } from './query.js';

/** Candidate depth and filter: a search limited to one document looks through all its chunks. */
function scopeOf(request: RetrievalRequest): { k: number; filter?: VectorFilter } {
  const { index, docId, settings } = request;
  if (!docId) return { k: settings.retrieval.candidates };
  return {
    // Filtered searches must look further: most candidates of other documents are discarded.
    k: Math.max(settings.retrieval.candidates, index.chunks.length),
    filter: { accepts: (label) => index.chunks[label]?.docId === docId, docIds: new Set([docId]) },
  };
}

export const embedStage: RetrievalStage = {
  name: 'embed',
  async run(state, { query, embed }) {
    const text = query.text.trim();
    return embed && text ? { ...state, vector: await embed(text) } : state;
  },
};

export const lexicalStage: RetrievalStage = {
  name: 'lexical',
  run(state, request) {
    if (request.mode === 'dense') return state;
    const { k, filter } = scopeOf(request);
    const lexical = request.index.lexical.search(request.query.text, request.query.expansions, k, filter?.accepts, request.settings.lexical);
    return { ...state, lexical };
  },
};

export const vectorStage: RetrievalStage = {
  name: 'vector',
  async run(state, request) {
    if (request.mode === 'bm25' || !state.vector) return state;
    const { k, filter } = scopeOf(request);
    const vectors = request.index.vectors;
    const dense = await vectors.search(state.vector, k, filter);
    if (request.mode !== 'hybrid') return { ...state, dense };
    // Lexical candidates outside the dense top-k still get their true cosine.
    const seen = new Set(dense.map((h) => h.label));
    const missing = state.lexical.filter((h) => !seen.has(h.label)).map((h) => h.label);
    const cosines = missing.length ? await vectors.similarity(state.vector, missing) : [];
    return { ...state, dense: [...dense, ...missing.map((label, i) => ({ label, score: cosines[i] ?? 0 }))] };
  },
};

export const fuseStage: RetrievalStage = {
  name: 'fuse',
  run(state, { mode, index, query, settings }) {
    let hits: FusedHit[];
    if (mode === 'bm25') {
      const norm = normalizeByMax(state.lexical);
      hits = state.lexical.map((h) => ({ label: h.label, score: norm.get(h.label) ?? 0, lexical: norm.get(h.label) ?? 0, dense: 0 }));
    } else if (mode === 'dense') {
      hits = state.dense.map((h) => ({ label: h.label, score: h.score, lexical: 0, dense: h.score }));
    } else {
      hits = fuseScores(state.lexical, state.dense, (label) => chunkCoverage(index, query, label), settings.retrieval.fusion);
    }
    return { ...state, hits };
  },
};

export const diversifyStage: RetrievalStage = {
  name: 'diversify',
  run: (state, { index }) => ({ ...state, hits: dropOverlapping(state.hits, index.chunks) }),
};

/** Question → ranked passages, for every mode. */
export const RANKING_STAGES: readonly RetrievalStage[] = [embedStage, lexicalStage, vectorStage, fuseStage, diversifyStage];
