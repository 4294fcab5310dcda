// The project's HNSW settings (DEFAULT_HNSW, through the project's own HnswStore) against exact
// brute-force search on the same synthetic vectors and queries, one query at a time, back to back.
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadEmbedder } from '../../src/core/embed/embedder.js';
import { HnswStore } from '../../src/core/index/hnsw-store.js';
import { pgvectorBackend } from '../../src/core/index/pgvector-store.js';
import { DEFAULT_HNSW, DEFAULT_RETRIEVAL, type HnswSettings } from '../../src/core/settings.js';
import { splitSentences } from '../../src/core/text/sentences.js';
import type { BenchContext } from '../context.js';
import { readLiveIndex } from '../live-index.js';
import { mean, ratio, round, summarize, type Summary } from '../stats.js';
import { clusteredVectors, DEFAULT_CLUSTERS, exactTopK, spaceShape, type SpaceShape } from '../synthetic-vectors.js';

const DIMENSION = 384;
const K = 10;
/** The engine asks HNSW for this many candidates per question (retrieval settings). */
/** The engine's own candidate depth: recall@40 is what fusion actually sees. */
const ENGINE_CANDIDATES = DEFAULT_RETRIEVAL.candidates;
/** The targets name this size. */
const TARGET_SIZE = 100_000;

export interface EfPoint {
  efSearch: number;
  recallAt10: number;
  msPerQuery: number;
  queriesPerS: number;
  speedup: number;
}

export interface AnnSize {
  n: number;
  clusters: number;
  queries: number;
  buildMs: number;
  buildVectorsPerS: number;
  indexBytes: number;
  bytesPerVector: number;
  exactMsPerQuery: Summary;
  hnswMsPerQuery: Summary;
  queriesPerS: number;
  exactQueriesPerS: number;
  recallAt10: number;
  /** Recall of the 40 candidates the engine actually asks for. */
  recallAt40: number;
  /** Mean exact time / mean HNSW time per query. */
  speedup: number;
  efSweep: EfPoint[];
  /** The same vectors and queries in PostgreSQL + pgvector (PGlite, WebAssembly), when measured at this size. */
  pgvector?: PgvectorMeasurement;
}

export interface PgvectorMeasurement {
  /** Inserting the vectors and building the HNSW index (m, efConstruction as hnswlib), one transaction. */
  buildMs: number;
  /** One `search` through the VectorStore seam (SQL, round trip included), back to back. */
  msPerQuery: Summary;
  recallAt10: number;
  recallAt40: number;
  /** hnswlib's p95 at the same size, for the ratio. */
  hnswP95Ms: number;
}

export interface AnnSkip {
  n: number;
  reason: string;
}

export interface AnnResult {
  settings: HnswSettings;
  data: string;
  /** The synthetic data's shape next to real sentence embeddings of the corpus (full run only). */
  calibration?: { real: SpaceShape; synthetic: SpaceShape };
  sizes: AnnSize[];
  skipped: AnnSkip[];
  /** Headline figures at 100k, or at the largest size run when smaller (quick modes). */
  atSize: number;
  recallAt10: number;
  speedup: number;
}

function recall(found: readonly number[], truth: Int32Array, k: number): number {
  const expected = new Set(Array.from(truth.subarray(0, k)));
  return found.slice(0, k).filter((label) => expected.has(label)).length / k;
}

/** Vector data + the HNSW graph (links: 2·M at layer 0, ~M·1/ln(M) above) + hnswlib's per-point header. */
function estimatedBytes(n: number, settings: HnswSettings): number {
  return n * (DIMENSION * 4 * 2 + settings.m * 2 * 4 + settings.m * 4 + 64);
}

async function measureSize(ctx: BenchContext, n: number, queryCount: number, sweep: number[]): Promise<AnnSize> {
  const source = clusteredVectors(DIMENSION, n);
  const data = source.sample(n);
  const queries = source.sample(queryCount);
  const vectors = Array.from({ length: n }, (_, i) => data.subarray(i * DIMENSION, (i + 1) * DIMENSION));
  const query = (q: number) => queries.subarray(q * DIMENSION, (q + 1) * DIMENSION);

  ctx.log(`ann ${n}: building HNSW (m=${DEFAULT_HNSW.m}, efConstruction=${DEFAULT_HNSW.efConstruction})`);
  const buildStarted = performance.now();
  const index = HnswStore.build(vectors, DIMENSION, DEFAULT_HNSW);
  const buildMs = performance.now() - buildStarted;
  const file = path.join(ctx.tempDir, `ann-${n}.hnsw`);
  await index.write(file);
  const indexBytes = (await stat(file)).size;

  ctx.log(`ann ${n}: ${queryCount} queries, exact vs HNSW`);
  const exactMs: number[] = [];
  const hnswMs: number[] = [];
  const truths: Int32Array[] = [];
  let recall10 = 0;
  let recall40 = 0;
  for (let q = 0; q < queryCount; q++) {
    let started = performance.now();
    const truth = exactTopK(data, DIMENSION, query(q), ENGINE_CANDIDATES);
    exactMs.push(performance.now() - started);
    truths.push(truth);
    started = performance.now();
    const hits = index.searchNow(query(q), K);
    hnswMs.push(performance.now() - started);
    recall10 += recall(hits.map((h) => h.label), truth, K);
    recall40 += recall(index.searchNow(query(q), ENGINE_CANDIDATES).map((h) => h.label), truth, ENGINE_CANDIDATES);
  }

  const efSweep: EfPoint[] = [];
  for (const efSearch of sweep) {
    const tuned = await HnswStore.read(file, DIMENSION, n, { ...DEFAULT_HNSW, efSearch });
    const times: number[] = [];
    let found = 0;
    for (let q = 0; q < queryCount; q++) {
      const started = performance.now();
      const hits = tuned.searchNow(query(q), K);
      times.push(performance.now() - started);
      found += recall(hits.map((h) => h.label), truths[q] ?? new Int32Array(), K);
    }
    efSweep.push({
      efSearch,
      recallAt10: round(found / queryCount, 4),
      msPerQuery: round(mean(times), 4),
      queriesPerS: round(1000 / mean(times), 0),
      speedup: ratio(mean(exactMs), mean(times)),
    });
  }

  const pgvector = ctx.sizes.ann.pgvectorSizes.includes(n) ? await measurePgvector(ctx, n, vectors, queryCount, query, truths, summarize(hnswMs).p95) : undefined;

  return {
    n,
    clusters: source.clusters,
    queries: queryCount,
    buildMs: round(buildMs, 0),
    buildVectorsPerS: round((n / buildMs) * 1000, 0),
    indexBytes,
    bytesPerVector: round(indexBytes / n, 1),
    exactMsPerQuery: summarize(exactMs),
    hnswMsPerQuery: summarize(hnswMs),
    queriesPerS: round(1000 / mean(hnswMs), 0),
    exactQueriesPerS: round(1000 / mean(exactMs), 1),
    recallAt10: round(recall10 / queryCount, 4),
    recallAt40: round(recall40 / queryCount, 4),
    speedup: ratio(mean(exactMs), mean(hnswMs)),
    efSweep,
    ...(pgvector ? { pgvector } : {}),
  };
}

/** The pgvector backend on an in-memory PGlite: build, then the same queries through VectorStore.search. */
async function measurePgvector(
  ctx: BenchContext,
  n: number,
  vectors: Float32Array[],
  queryCount: number,
  query: (q: number) => Float32Array,
  truths: Int32Array[],
  hnswP95Ms: number,
): Promise<PgvectorMeasurement> {
  const backend = pgvectorBackend('pglite:memory');
  try {
    ctx.log(`ann ${n}: pgvector (PGlite) insert + HNSW build`);
    const generationDir = path.join(ctx.tempDir, `gen-${Date.now()}-pgvector${n}`);
    await mkdir(generationDir, { recursive: true });
    const started = performance.now();
    const store = await backend.build(vectors, DIMENSION, DEFAULT_HNSW);
    await store.save(generationDir);
    const buildMs = performance.now() - started;
    ctx.log(`ann ${n}: pgvector ${queryCount} queries`);
    const times: number[] = [];
    let recall10 = 0;
    let recall40 = 0;
    for (let q = 0; q < queryCount; q++) {
      const truth = truths[q] ?? new Int32Array();
      const begun = performance.now();
      const hits = await store.search(query(q), K);
      times.push(performance.now() - begun);
      recall10 += recall(hits.map((h) => h.label), truth, K);
      recall40 += recall((await store.search(query(q), ENGINE_CANDIDATES)).map((h) => h.label), truth, ENGINE_CANDIDATES);
    }
    return { buildMs: round(buildMs, 0), msPerQuery: summarize(times), recallAt10: round(recall10 / queryCount, 4), recallAt40: round(recall40 / queryCount, 4), hnswP95Ms: hnswP95Ms };
  } finally {
    await backend.close();
  }
}

/**
 * Build time at size n, extrapolated from the two largest sizes built: measured growth is
 * steeper than HNSW's n·log n (10k → 100k took ~19×, not ~12×: the graph outgrows the caches).
 */
function projectBuildMinutes(built: AnnSize[], n: number): number | undefined {
  const last = built.at(-1);
  if (!last) return undefined;
  const before = built.at(-2);
  const exponent = before ? Math.log(last.buildMs / before.buildMs) / Math.log(last.n / before.n) : 1.1;
  return (last.buildMs * (n / last.n) ** exponent) / 60_000;
}

/** Real sentence embeddings of the corpus (and the questions) next to as many synthetic vectors. */
async function calibrate(ctx: BenchContext): Promise<{ real: SpaceShape; synthetic: SpaceShape }> {
  ctx.log('ann: calibrating the synthetic data against real sentence embeddings');
  const { data } = await readLiveIndex(ctx.workspace);
  const sentences = data.documents.flatMap((doc) => splitSentences(doc.text).map((span) => doc.text.slice(span.start, span.end).trim()));
  const texts = [...sentences.filter((s) => s.length > 40), ...ctx.questions.all.map((q) => q.question)];
  const embedder = await loadEmbedder(ctx.model);
  try {
    const vectors = await embedder.embed(texts);
    const real = new Float32Array(vectors.length * DIMENSION);
    vectors.forEach((v, i) => real.set(v, i * DIMENSION));
    const shape = (s: SpaceShape): SpaceShape => ({
      vectors: s.vectors,
      participationRatio: round(s.participationRatio, 1),
      meanNearestCosine: round(s.meanNearestCosine),
      meanPairCosine: round(s.meanPairCosine),
    });
    // A few hundred sentences of five documents span a handful of topics, so the synthetic sample
    // comes from the generator's 2,000-vector mixture (45 topics) rather than a 100k one (316).
    const synthetic = clusteredVectors(DIMENSION, 2_000).sample(vectors.length);
    return { real: shape(spaceShape(real, DIMENSION)), synthetic: shape(spaceShape(synthetic, DIMENSION)) };
  } finally {
    await embedder.dispose();
  }
}

export async function runAnnSection(ctx: BenchContext): Promise<AnnResult> {
  const { ann } = ctx.sizes;
  const sizes: AnnSize[] = [];
  const skipped: AnnSkip[] = [];
  for (const n of ann.sizes) {
    const million = n >= 1_000_000;
    const needBytes = estimatedBytes(n, DEFAULT_HNSW) * 1.5;
    if (os.freemem() < needBytes) {
      skipped.push({ n, reason: `needs ~${(needBytes / 2 ** 30).toFixed(1)} GiB free, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB available` });
      continue;
    }
    const projectedMinutes = projectBuildMinutes(sizes, n);
    if (million && projectedMinutes !== undefined) {
      if (projectedMinutes > ctx.options.annBudgetMinutes) {
        skipped.push({
          n,
          reason: `projected build ${projectedMinutes.toFixed(0)} min on this machine > budget ${ctx.options.annBudgetMinutes} min (raise with --ann-budget-min=N)`,
        });
        continue;
      }
    }
    // The sweep re-reads the index once per ef value; at 1M that is gigabytes per read, so the
    // curve is drawn at the smaller sizes only.
    sizes.push(await measureSize(ctx, n, million ? ann.queriesAtMillion : ann.queries, million ? [] : ann.efSweep));
  }
  const calibration = ctx.options.mode === 'full' ? await calibrate(ctx) : undefined;
  const headline = sizes.find((s) => s.n === TARGET_SIZE) ?? sizes.filter((s) => s.n < TARGET_SIZE).at(-1) ?? sizes[0];
  return {
    settings: DEFAULT_HNSW,
    data: `clustered unit vectors, ${DIMENSION}-d: √n topic centres + Gaussian noise (spread ${DEFAULT_CLUSTERS.spread}, per-dimension scale ∝ i^-${DEFAULT_CLUSTERS.decay}), seed ${DEFAULT_CLUSTERS.seed}; queries drawn from the same mixture, not in the index`,
    ...(calibration ? { calibration } : {}),
    sizes,
    skipped,
    atSize: headline?.n ?? 0,
    recallAt10: headline?.recallAt10 ?? Number.NaN,
    speedup: headline?.speedup ?? Number.NaN,
  };
}
