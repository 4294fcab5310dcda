// "More like this": from one passage of an answer to the closest passages of *other* documents —
// by the passage's stored vector (through the VectorStore seam, no model call) and by its rarest
// terms (BM25), one passage per document. Pure data out; the adapter renders it.
import type { IndexData } from '../index/generations.js';
import type { VectorFilter } from '../index/vector-store.js';
import { normalizeByMax, rescaleCosine } from '../retrieval/fuse.js';
import { analyzeQuery } from '../retrieval/query.js';
import { inCollections, scopeOfCollections } from '../documents/collections.js';
import type { MoreLikeThisOptions, RelatedPassages } from '../types.js';
import type { AnsweringContext } from './answering.js';
import { toExcerpt } from './excerpts.js';

const labelsById = new WeakMap<IndexData, Map<string, number>>();

/** The chunk's position in the generation (built once per generation). */
function labelOf(index: IndexData, chunkId: string): number | undefined {
  let labels = labelsById.get(index);
  if (!labels) {
    labels = new Map(index.chunks.map((chunk, label) => [chunk.id, label]));
    labelsById.set(index, labels);
  }
  return labels.get(chunkId);
}

/** The passage's `count` rarest terms found elsewhere too (a term of this chunk alone matches nothing else): what it is about. */
function rareTerms(index: IndexData, label: number, count: number): string[] {
  const terms = [...(index.chunkTerms.all[label] ?? [])].filter((term) => index.lexical.documentFrequency(term) > 1);
  return terms
    .map((term) => ({ term, idf: index.lexical.idf(term) }))
    .sort((a, b) => b.idf - a.idf || a.term.localeCompare(b.term))
    .slice(0, count)
    .map((t) => t.term);
}

export async function moreLikeThis(context: AnsweringContext, chunkId: string, options: MoreLikeThisOptions = {}): Promise<RelatedPassages | undefined> {
  const { index, catalogue, settings } = context;
  const label = labelOf(index, chunkId);
  const source = label === undefined ? undefined : index.chunks[label];
  if (label === undefined || !source) return undefined;
  const mlt = settings.moreLikeThis;
  // Other documents, within the answer's collections when it was scoped (a scoped channel never reads outside them).
  const scope = scopeOfCollections(options.collections);
  const otherDocuments = new Set(index.documents.map((d) => d.id).filter((id) => id !== source.docId && inCollections(id, scope)));
  const filter: VectorFilter = { accepts: (l) => otherDocuments.has(index.chunks[l]?.docId ?? ''), docIds: otherDocuments };

  const vector = await index.vectors.vectorOf(label);
  const dense = vector && otherDocuments.size ? await index.vectors.search(vector, mlt.candidates, filter) : [];
  const lexical = otherDocuments.size ? index.lexical.search(rareTerms(index, label, mlt.lexicalTerms), [], mlt.candidates, filter.accepts, settings.lexical) : [];
  const cosines = new Map(dense.map((h) => [h.label, h.score]));
  // Lexical candidates outside the dense top-k still get their true cosine.
  const missing = lexical.map((h) => h.label).filter((l) => !cosines.has(l));
  if (vector && missing.length) (await index.vectors.similarity(vector, missing)).forEach((score, i) => cosines.set(missing[i] ?? -1, score));
  const bm25 = normalizeByMax(lexical);

  const floor = settings.retrieval.fusion.denseFloor;
  const scored = [...new Set([...cosines.keys(), ...bm25.keys()])]
    .map((l) => {
      const cosine = cosines.get(l) ?? 0;
      const lex = bm25.get(l) ?? 0;
      return { label: l, cosine, lexical: lex, score: mlt.weights.cosine * rescaleCosine(cosine, floor) + mlt.weights.lexical * lex };
    })
    .filter((hit) => hit.cosine >= mlt.minCosine)
    .sort((a, b) => b.score - a.score || a.label - b.label);

  // One passage per document: "more like this" is a list of other places to read.
  const seen = new Set<string>();
  const picked = scored.filter((hit) => {
    const docId = index.chunks[hit.label]?.docId;
    if (!docId || seen.has(docId)) return false;
    seen.add(docId);
    return true;
  }).slice(0, mlt.limit);
  const noQuery = analyzeQuery('', index.acronyms, index.lexical);
  const hits = picked.map((hit, i) => toExcerpt(index, catalogue, { label: hit.label, score: hit.score, lexical: hit.lexical, dense: hit.cosine }, noQuery, i + 1, settings.answer, false));
  return { chunkId, docId: source.docId, title: catalogue.document(source.docId)?.title ?? source.docId, hits };
}
