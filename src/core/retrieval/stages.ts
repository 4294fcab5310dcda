// The ranking stages. Each is small: the scoring itself lives in pure functions (fuse.ts,
// diversify.ts, query.ts) that are unit-tested without the model.
import { inCollections } from '../documents/collections.js';
import type { VectorFilter } from '../index/vector-store.js';
import { expectedAnswerType } from './answer-type.js';
import { answerTypesOfSentence } from './answer-type-cache.js';
import { dropOverlapping } from './diversify.js';
import { evidenceOf } from './evidence.js';
import { blendVectors } from './follow-up.js';
import { type FusedHit, fusedScore, fuseEvidence, normalizeByMax } from './fuse.js';
import type { RetrievalRequest, RetrievalStage } from './pipeline.js';

/** The documents a request may draw from (one document, some collections, or both); undefined: all of them. */
function documentsInScope({ index, docId, collections }: RetrievalRequest): Set<string> | undefined {
  if (!docId && !collections) return undefined;
  const ids = index.documents.map((document) => document.id).filter((id) => (!docId || id === docId) && inCollections(id, collections));
  return new Set(ids);
}

/**
 * Candidate depth and filter. A search limited to one document looks through all its chunks; one
 * limited to collections keeps the usual depth, and the filter is applied inside each search (BM25's
 * filter, hnswlib's searchKnn filter, pgvector's WHERE), so it still gets that many candidates
 * from the collections however few of the corpus's chunks lie there.
 */
function scopeOf(request: RetrievalRequest): { k: number; filter?: VectorFilter } {
  const { index, docId, settings } = request;
  const docIds = documentsInScope(request);
  if (!docIds) return { k: settings.retrieval.candidates };
  return {
    // One document: every chunk of it is a candidate (a /search in one document pages through them all).
    k: docId ? Math.max(settings.retrieval.candidates, index.chunks.length) : settings.retrieval.candidates,
    filter: { accepts: (label) => docIds.has(index.chunks[label]?.docId ?? ''), docIds },
  };
}

export const embedStage: RetrievalStage = {
  name: 'embed',
  async run(state, { query, embed, contextText, settings }) {
    const text = query.text.trim();
    if (!embed || !text) return state;
    const vector = await embed(text);
    // A follow-up: pulled towards the earlier question, its own meaning still the larger part.
    return { ...state, vector: contextText ? blendVectors(vector, await embed(contextText), settings.followUp.denseWeight) : vector };
  },
};

export const lexicalStage: RetrievalStage = {
  name: 'lexical',
  run(state, request) {
    if (request.mode === 'dense') return state;
    const { k, filter } = scopeOf(request);
    const lexical = request.index.lexical.search(request.query.searchTerms, request.query.expansions, k, filter?.accepts, request.settings.lexical, request.query.context);
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
      const bm25 = normalizeByMax(state.lexical);
      const cosines = new Map(state.dense.map((h) => [h.label, h.score]));
      const labels = new Set([...bm25.keys(), ...cosines.keys()]);
      const multilingual = settings.embedding.multilingual;
      const evidence = [...labels].map((label) => evidenceOf(index, query, label, bm25.get(label) ?? 0, cosines.get(label) ?? 0, state.vector, multilingual));
      hits = fuseEvidence(evidence, settings.retrieval.fusion);
    }
    return { ...state, hits };
  },
};

/**
 * Hybrid only: when the question expects a kind of answer (a number for "how many", a date for
 * "when"…), the top candidates whose best sentence holds one gain the answer-type weight.
 */
export const answerTypeStage: RetrievalStage = {
  name: 'answer-type',
  run(state, { index, query, mode, settings }) {
    const expected = mode === 'hybrid' ? expectedAnswerType(query.text) : undefined;
    if (!expected) return state;
    const { answerTypeDepth } = settings.retrieval.fusion;
    const top = state.hits.slice(0, answerTypeDepth).map((hit) => {
      if (!hit.evidence) return hit;
      const answerType = answerTypesOfSentence(index, hit.label, hit.evidence.sentence).has(expected) ? 1 : 0;
      return { ...hit, answerType, score: fusedScore(hit.evidence, answerType, settings.retrieval.fusion) };
    });
    top.sort((a, b) => b.score - a.score || a.label - b.label);
    return { ...state, hits: [...top, ...state.hits.slice(answerTypeDepth)] };
  },
};

export const diversifyStage: RetrievalStage = {
  name: 'diversify',
  run: (state, { index }) => ({ ...state, hits: dropOverlapping(state.hits, index.chunks) }),
};

/** Question → ranked passages, for every mode. */
export const RANKING_STAGES: readonly RetrievalStage[] = [embedStage, lexicalStage, vectorStage, fuseStage, answerTypeStage, diversifyStage];
