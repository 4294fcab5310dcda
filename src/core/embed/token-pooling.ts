// A text's vector with some of its words left out, from the token states of one model call
// (embed-worker.mjs returns them with every question). The answer check asks how close a question
// comes to a passage without the words the passage lacks (answer/absent-words.ts); embedding that
// shorter question cost a second model call, most of an answer's latency. Pooling only the kept
// words' rows reads them as they were read in the whole question, which is the comparison wanted.
import type { TokenStates } from './embedder.js';

/**
 * The L2-normalised mean of the special tokens' rows and the rows of the words `keep` marks (one
 * flag per whitespace-separated word); undefined when the flags do not fit the words. The mean
 * over every row is the question's own vector.
 */
export function pooledWords(tokens: TokenStates, keep: readonly boolean[]): Float32Array | undefined {
  const { states, dim, wordTokens } = tokens;
  if (keep.length !== wordTokens.length || dim === 0) return undefined;
  const rows = states.length / dim;
  const keptRows: number[] = [0]; // [CLS]
  let row = 1;
  wordTokens.forEach((count, word) => {
    if (keep[word]) for (let r = row; r < row + count; r++) keptRows.push(r);
    row += count;
  });
  for (let r = row; r < rows; r++) keptRows.push(r); // [SEP]
  const out = new Float32Array(dim);
  for (const r of keptRows) for (let d = 0; d < dim; d++) out[d] = (out[d] ?? 0) + (states[r * dim + d] ?? 0);
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += (out[d] ?? 0) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) out[d] = (out[d] ?? 0) / norm;
  return out;
}
