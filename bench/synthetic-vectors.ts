// Seeded stand-ins for sentence embeddings at sizes the corpus will not reach for a while.
// Uniform random unit vectors are the wrong model: every point is nearly orthogonal to every
// other, which no text embedding looks like, and it is HNSW's pathological case. Real embeddings
// cluster by topic and vary along few directions, so each vector here is a random topic centre
// plus Gaussian noise whose per-dimension scale decays as i^-decay (an effective dimension of
// about 26 for decay 0.5, rather than 384), normalised to unit length like the model's output.
import { seededRandom } from './random.js';

export interface ClusterSettings {
  /** Topic centres; default √n (≈300 points a topic at 100k). */
  clusters?: number;
  /** Noise norm relative to the unit centre: 1 gives cos(point, centre) ≈ 0.7. */
  spread: number;
  /** Per-dimension noise scale ∝ (i+1)^-decay. */
  decay: number;
  seed: number;
}

export const DEFAULT_CLUSTERS: ClusterSettings = { spread: 1, decay: 0.5, seed: 42 };

export interface VectorSource {
  dimension: number;
  clusters: number;
  /** Writes `count` unit vectors into a new contiguous array (vector i at i·dimension). */
  sample(count: number): Float32Array;
}

export function clusteredVectors(dimension: number, size: number, settings: ClusterSettings = DEFAULT_CLUSTERS): VectorSource {
  const random = seededRandom(settings.seed);
  const clusters = settings.clusters ?? Math.max(8, Math.round(Math.sqrt(size)));
  const scale = new Float64Array(dimension);
  let scaleNorm = 0;
  for (let i = 0; i < dimension; i++) {
    scale[i] = (i + 1) ** -settings.decay;
    scaleNorm += (scale[i] ?? 0) ** 2;
  }
  // Expected noise norm = spread, whatever the decay.
  for (let i = 0; i < dimension; i++) scale[i] = ((scale[i] ?? 0) / Math.sqrt(scaleNorm)) * settings.spread;

  const centres = new Float64Array(clusters * dimension);
  for (let c = 0; c < clusters; c++) {
    let norm = 0;
    for (let i = 0; i < dimension; i++) {
      const v = random.gaussian();
      centres[c * dimension + i] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < dimension; i++) centres[c * dimension + i] = (centres[c * dimension + i] ?? 0) / norm;
  }

  const point = new Float64Array(dimension);
  return {
    dimension,
    clusters,
    sample(count: number): Float32Array {
      const out = new Float32Array(count * dimension);
      for (let p = 0; p < count; p++) {
        const base = random.int(clusters) * dimension;
        let norm = 0;
        for (let i = 0; i < dimension; i++) {
          const v = (centres[base + i] ?? 0) + (scale[i] ?? 0) * random.gaussian();
          point[i] = v;
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (let i = 0; i < dimension; i++) out[p * dimension + i] = (point[i] ?? 0) / norm;
      }
      return out;
    },
  };
}

/**
 * Exact top-k by inner product over contiguous vectors: the brute-force baseline, written as a
 * tight loop over one Float32Array (no per-vector objects) so it is a fair, not a straw, opponent.
 */
export function exactTopK(data: Float32Array, dimension: number, query: Float32Array, k: number): Int32Array {
  const count = data.length / dimension;
  const scores = new Float64Array(k).fill(-Infinity);
  const labels = new Int32Array(k).fill(-1);
  for (let label = 0; label < count; label++) {
    const offset = label * dimension;
    let dot = 0;
    for (let i = 0; i < dimension; i++) dot += (data[offset + i] as number) * (query[i] as number);
    if (dot <= (scores[k - 1] as number)) continue;
    let j = k - 1;
    while (j > 0 && (scores[j - 1] as number) < dot) {
      scores[j] = scores[j - 1] as number;
      labels[j] = labels[j - 1] as number;
      j--;
    }
    scores[j] = dot;
    labels[j] = label;
  }
  return labels;
}

export interface SpaceShape {
  vectors: number;
  /**
   * (tr C)² / tr(C²) of the covariance C: how many directions the data really spreads along
   * (384 for isotropic noise, 1 for a line). HNSW gets harder as it grows.
   */
  participationRatio: number;
  /** Mean cosine between each vector and its nearest other vector. */
  meanNearestCosine: number;
  meanPairCosine: number;
}

/** Shape statistics of unit vectors (contiguous), O(n·d² + n²·d): for a few hundred vectors. */
export function spaceShape(data: Float32Array, dimension: number): SpaceShape {
  const n = data.length / dimension;
  const meanVector = new Float64Array(dimension);
  for (let p = 0; p < n; p++) for (let i = 0; i < dimension; i++) meanVector[i] = (meanVector[i] ?? 0) + (data[p * dimension + i] ?? 0) / n;
  const covariance = new Float64Array(dimension * dimension);
  const centred = new Float64Array(dimension);
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < dimension; i++) centred[i] = (data[p * dimension + i] ?? 0) - (meanVector[i] ?? 0);
    for (let i = 0; i < dimension; i++) {
      const ci = centred[i] ?? 0;
      for (let j = i; j < dimension; j++) covariance[i * dimension + j] = (covariance[i * dimension + j] ?? 0) + ci * (centred[j] ?? 0);
    }
  }
  let trace = 0;
  let frobenius = 0;
  for (let i = 0; i < dimension; i++) {
    trace += covariance[i * dimension + i] ?? 0;
    for (let j = i; j < dimension; j++) frobenius += (i === j ? 1 : 2) * (covariance[i * dimension + j] ?? 0) ** 2;
  }
  let nearest = 0;
  let pairs = 0;
  for (let p = 0; p < n; p++) {
    let best = -Infinity;
    for (let q = 0; q < n; q++) {
      if (q === p) continue;
      let dot = 0;
      for (let i = 0; i < dimension; i++) dot += (data[p * dimension + i] as number) * (data[q * dimension + i] as number);
      best = Math.max(best, dot);
      pairs += dot;
    }
    nearest += best;
  }
  return {
    vectors: n,
    participationRatio: (trace * trace) / frobenius,
    meanNearestCosine: nearest / n,
    meanPairCosine: pairs / (n * (n - 1)),
  };
}
