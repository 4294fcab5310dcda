// Index build throughput against the model alone: the engine builds from scratch (read, clean,
// chunk, embed, BM25, HNSW, write) and, beside it, a second Embedder embeds the very strings the
// build embedded. Their ratio is the pipeline's overhead over the unavoidable model work.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../../src/core/engine.js';
import { loadEmbedder } from '../../src/core/embed/embedder.js';
import type { IndexSummary } from '../../src/core/types.js';
import { openTestEngine } from '../../test/support/workspace.js';
import { PROJECT_CORPUS } from '../../test/support/paths.js';
import { type BenchContext, createWorkspace, type Workspace } from '../context.js';
import { embeddedTexts, readLiveIndex } from '../live-index.js';
import { median, medianPairRatio, round, timeAsync, withEventLoopDelay } from '../stats.js';
import { writeSyntheticCorpus } from '../synthetic-corpus.js';

export interface BuildPair {
  buildMs: number;
  rawEmbedMs: number;
  /** Whether the build was the engine's first (model session cold, index missing). */
  cold: boolean;
}

export interface RebuildResult {
  ms: number;
  embedded: number;
  reused: number;
  reason: string;
}

export interface CorpusBuildResult {
  corpus: string;
  documents: number;
  chunks: number;
  /** Strings the build embeds: each chunk, and each sentence of each chunk (sentence vectors). */
  embeddedTexts: number;
  /** Distinct embedded strings: the build embeds each once, and so does the reference. */
  distinctTexts: number;
  /** Mean model tokens of the distinct embedded strings. */
  meanTokensPerChunk: number;
  coldBuildMs: number;
  buildMs: number;
  rawEmbedMs: number;
  /** Chunks indexed per second of a from-scratch build. */
  buildChunksPerS: number;
  /** Distinct strings embedded per second by the model alone. */
  rawEmbedChunksPerS: number;
  /** Median over pairs of build time / raw embedding time (same strings, back to back). */
  pipelineOverhead: number;
  /**
   * The same ratio from parts: (raw embedding + a rebuild with every vector cached) / raw embedding.
   * Steadier on a loaded machine (the non-embedding part is short and measured in one go).
   */
  pipelineOverheadByParts: number;
  pairs: BuildPair[];
  /** `reindex()` with nothing changed: the manifest matches, nothing is rebuilt. */
  unchangedRebuild: RebuildResult;
  /** A full rebuild (CURRENT removed) where every vector comes from the per-document cache. */
  vectorCacheRebuild: RebuildResult;
  /** Everything but embedding, as a share of a from-scratch build (vector-cache rebuild / build). */
  nonEmbeddingShare: number;
  /**
   * Longest event-loop stall (ms). ONNX Runtime runs inference synchronously on the calling
   * thread: the embedding worker's, so what is left here is the main thread's own work.
   */
  eventLoopStallMs: { duringBuild?: number; duringRawEmbed: number };
}

export interface BuildResult {
  corpus: CorpusBuildResult;
  synthetic?: CorpusBuildResult;
  /** From the largest corpus measured (the synthetic one in the full run). */
  pipelineOverhead: number;
  pipelineOverheadCorpus: string;
  unchangedRebuildMs: number;
}

function rebuildResult(ms: number, summary: IndexSummary): RebuildResult {
  return { ms: round(ms, 1), embedded: summary.embedded, reused: summary.reused, reason: summary.reason };
}

function assertNothingEmbedded(what: string, summary: IndexSummary): void {
  if (summary.embedded !== 0) throw new Error(`${what} embedded ${summary.embedded} chunks; expected 0 (vectors should be reused)`);
}

async function measureCorpus(
  ctx: BenchContext,
  label: string,
  engine: Engine,
  workspace: Workspace,
  coldBuildMs: number,
  plan: { pairWithColdBuild: boolean; warmPairs: number },
): Promise<CorpusBuildResult> {
  const { data } = await readLiveIndex(workspace);
  const texts = embeddedTexts(data);
  // The model work a build cannot avoid: every distinct string once (the build de-duplicates too).
  const distinct = [...new Set(texts)];
  const reference = await loadEmbedder(ctx.model);
  try {
    const tokens = distinct.map((t) => reference.countTokens(t));
    const stalls = { build: [] as number[], raw: [] as number[] };
    const raw = async () => {
      const run = await withEventLoopDelay(() => timeAsync(() => reference.embed(distinct)));
      stalls.raw.push(run.maxDelayMs);
      return run.value;
    };
    const build = async () => {
      // Without the folder (and its vector cache) the build starts from nothing, as a first run does.
      await rm(workspace.embeddingsDir, { recursive: true, force: true });
      const { value: run, maxDelayMs } = await withEventLoopDelay(() => timeAsync(() => engine.reindex()));
      if (run.value.embedded !== data.chunks.length) throw new Error(`${label}: build embedded ${run.value.embedded} of ${data.chunks.length} chunks`);
      stalls.build.push(maxDelayMs);
      return run.ms;
    };
    const pairs: BuildPair[] = [];
    if (plan.pairWithColdBuild) {
      ctx.log(`build ${label}: raw embedding beside the cold build (${distinct.length} distinct texts)`);
      pairs.push({ buildMs: coldBuildMs, rawEmbedMs: (await raw()).ms, cold: true });
    }
    for (let i = 0; i < plan.warmPairs; i++) {
      ctx.log(`build ${label}: pair ${i + 1}/${plan.warmPairs} (${distinct.length} distinct texts)`);
      // Alternate which runs first so neither always gets the calmer moment.
      if (i % 2 === 0) {
        const buildMs = await build();
        pairs.push({ buildMs, rawEmbedMs: (await raw()).ms, cold: false });
      } else {
        const rawEmbedMs = (await raw()).ms;
        pairs.push({ buildMs: await build(), rawEmbedMs, cold: false });
      }
    }

    const unchanged = await timeAsync(() => engine.reindex());
    assertNothingEmbedded(`${label}: unchanged rebuild`, unchanged.value);
    await rm(path.join(workspace.embeddingsDir, 'CURRENT'));
    const cached = await timeAsync(() => engine.reindex());
    assertNothingEmbedded(`${label}: vector-cache rebuild`, cached.value);

    const buildMs = median(pairs.map((p) => p.buildMs));
    const rawEmbedMs = median(pairs.map((p) => p.rawEmbedMs));
    return {
      corpus: label,
      documents: data.documents.length,
      chunks: data.chunks.length,
      embeddedTexts: texts.length,
      distinctTexts: distinct.length,
      meanTokensPerChunk: round(tokens.reduce((a, b) => a + b, 0) / Math.max(1, tokens.length), 1),
      coldBuildMs: round(coldBuildMs, 1),
      buildMs: round(buildMs, 1),
      rawEmbedMs: round(rawEmbedMs, 1),
      buildChunksPerS: round((texts.length / buildMs) * 1000, 2),
      rawEmbedChunksPerS: round((distinct.length / rawEmbedMs) * 1000, 2),
      pipelineOverhead: medianPairRatio(pairs.map((p) => ({ subject: p.buildMs, reference: p.rawEmbedMs }))),
      pipelineOverheadByParts: round((rawEmbedMs + cached.ms) / rawEmbedMs),
      pairs: pairs.map((p) => ({ buildMs: round(p.buildMs, 1), rawEmbedMs: round(p.rawEmbedMs, 1), cold: p.cold })),
      unchangedRebuild: rebuildResult(unchanged.ms, unchanged.value),
      vectorCacheRebuild: rebuildResult(cached.ms, cached.value),
      nonEmbeddingShare: round(cached.ms / buildMs),
      eventLoopStallMs: {
        ...(stalls.build.length ? { duringBuild: Math.max(...stalls.build) } : {}),
        duringRawEmbed: Math.max(...stalls.raw),
      },
    };
  } finally {
    await reference.dispose();
  }
}

export async function runBuildSection(ctx: BenchContext): Promise<BuildResult> {
  const { sizes } = ctx;
  const corpus = await measureCorpus(ctx, 'corpus/', ctx.engine, ctx.workspace, ctx.engine.startup.seconds * 1000, {
    // With no warm pairs (the smallest mode) the cold first build is the only build there is.
    pairWithColdBuild: sizes.build.pairs === 0,
    warmPairs: sizes.build.pairs,
  });

  let synthetic: CorpusBuildResult | undefined;
  if (sizes.build.syntheticCopies > 0) {
    const workspace = await createWorkspace(ctx.tempDir, 'synthetic');
    const documents = await writeSyntheticCorpus(PROJECT_CORPUS, workspace.corpusDir, sizes.build.syntheticCopies);
    ctx.log(`build synthetic: cold build of ${documents} documents`);
    const engine = await openTestEngine(workspace);
    try {
      // The first (cold) build is one of the pairs here: each pass over this corpus is long
      // enough that a cold ONNX session is a rounding error, and it saves a pass.
      synthetic = await measureCorpus(ctx, `synthetic (${documents} docs)`, engine, workspace, engine.startup.seconds * 1000, {
        pairWithColdBuild: true,
        warmPairs: Math.max(0, sizes.build.syntheticPairs - 1),
      });
    } finally {
      await engine.close();
      await rm(path.dirname(workspace.corpusDir), { recursive: true, force: true });
    }
  }

  const headline = synthetic ?? corpus;
  return {
    corpus,
    ...(synthetic ? { synthetic } : {}),
    pipelineOverhead: headline.pipelineOverhead,
    pipelineOverheadCorpus: headline.corpus,
    unchangedRebuildMs: corpus.unchangedRebuild.ms,
  };
}
