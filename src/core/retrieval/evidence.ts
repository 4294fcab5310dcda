// What each candidate passage offers as evidence for one question: lexical (BM25, coverage of the
// question's terms by the passage in its context, and by its best single sentence) and dense (the
// passage's cosine and its best sentence's), plus which sentence answers best. Fusion weighs these;
// the answer check and the highlights reuse them.
import { sentenceCosines } from '../index/sentence-vectors.js';
import type { IndexData } from '../index/generations.js';
import { type AnalyzedQuery, coverage } from './query.js';

export interface Evidence {
  label: number;
  /** BM25 divided by the best BM25 of the question (0 when not a lexical candidate). */
  bm25: number;
  /** idf-weighted share of the question's terms in the passage, its title and its heading. */
  coverage: number;
  /** The same share for the best single sentence (with the title and heading). */
  window: number;
  /** Cosine of the question with the passage, and with its closest sentence. */
  cosine: number;
  sentenceCosine: number;
  /** Index (in chunk.sentences) of the sentence that answers best: lexical and dense together. */
  sentence: number;
  /**
   * False when the embedding model cannot read the passage's language (the default model is
   * English-only): its cosines are noise, and only the lexical evidence counts.
   */
  denseTrusted: boolean;
}

/** Evidence for one candidate; `cosine` is the passage cosine already known from the search. */
export function evidenceOf(
  index: IndexData,
  query: AnalyzedQuery,
  label: number,
  bm25: number,
  cosine: number,
  vector: Float32Array | undefined,
  multilingualModel: boolean,
): Evidence {
  const denseTrusted = multilingualModel || index.chunkTerms.language(label) === 'en';
  const all = index.chunkTerms.all[label];
  const passageCoverage = all ? coverage(query, all) : 0;
  const context = index.chunkTerms.context[label];
  const cosines = vector ? sentenceCosines(index.sentences, label, vector) : [];
  let window = 0;
  let sentence = 0;
  let best = -Infinity;
  let sentenceCosine = cosines.length ? -1 : cosine;
  index.chunkTerms.sentences(label).forEach((terms, i) => {
    const covered = coverage(query, terms, context);
    const cos = cosines[i] ?? 0;
    window = Math.max(window, covered);
    sentenceCosine = Math.max(sentenceCosine, cos);
    // An untrusted cosine (a language the model cannot read) must not pick the sentence either.
    const value = covered + (denseTrusted ? cos : 0);
    if (value > best) {
      best = value;
      sentence = i;
    }
  });
  return { label, bm25, coverage: passageCoverage, window, cosine, sentenceCosine, sentence, denseTrusted };
}
