// The engine's sections of BENCHMARKS.md: build, query, ANN, and the peer comparison.
import type { BenchResult } from '../bench.js';
import type { CorpusBuildResult } from '../sections/build.js';
import { fmt, int, ms, summaryCells, table } from './format.js';

function buildRow(b: CorpusBuildResult): string[] {
  return [
    b.corpus,
    String(b.documents),
    `${b.chunks}; ${b.embeddedTexts} (${b.distinctTexts})`,
    ms(b.buildMs),
    fmt(b.buildChunksPerS, 1),
    fmt(b.rawEmbedChunksPerS, 1),
    `**${fmt(b.pipelineOverhead)}**`,
    fmt(b.pipelineOverheadByParts),
    ms(b.coldBuildMs),
    `${ms(b.vectorCacheRebuild.ms)} (${b.vectorCacheRebuild.embedded} embedded)`,
    `${ms(b.unchangedRebuild.ms)} (${b.unchangedRebuild.embedded} embedded)`,
  ];
}

/** Index from scratch vs the model alone on the same strings. */
export function renderBuild(r: BenchResult, out: string[]): void {
  out.push('\n#### Build (index from scratch vs the model alone on the same strings)\n');
  out.push(
    table(
      ['corpus', 'docs', 'chunks; texts embedded (distinct)', 'build ms (median)', 'build texts/s', 'raw embed texts/s', 'build / raw embed', 'same, by parts', 'cold first build ms', 'vector-cache rebuild ms', 'unchanged reindex ms'],
      [r.build.corpus, ...(r.build.synthetic ? [r.build.synthetic] : [])].map(buildRow),
    ),
  );
  const main = r.build.synthetic ?? r.build.corpus;
  out.push(
    `\nbuild / raw embed is the median of per-pair ratios; "by parts" is (raw embedding + a rebuild with every vector cached) / raw embedding. ` +
      `Everything but embedding (that cached rebuild) is ${fmt(main.nonEmbeddingShare * 100, 1)} % of a from-scratch build on ${main.corpus}. ` +
      `Pairs (build ms / raw ms): ${main.pairs.map((p) => `${ms(p.buildMs)}/${ms(p.rawEmbedMs)}${p.cold ? ' (cold)' : ''}`).join(', ')}. ` +
      `Longest event-loop stall: ${main.eventLoopStallMs.duringBuild !== undefined ? `${ms(main.eventLoopStallMs.duringBuild)} ms during a build, ` : ''}${ms(main.eventLoopStallMs.duringRawEmbed)} ms during raw embedding ` +
      `(the model runs in its own worker thread, so what stalls the loop is the main thread's own share: chunking, BM25, HNSW, writing).`,
  );

}

/** Warm asks, uncached and cached, with their stages. */
export function renderQuery(r: BenchResult, out: string[]): void {
  const q = r.query;
  out.push(`\n#### Query (warm \`engine.ask\`, ${q.samples} samples over ${q.questions} questions)\n`);
  out.push(
    table(
      ['measurement', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        ['ask, uncached embedding (fresh spelling)', ...summaryCells(q.uncached.wallMs)],
        ['ask, cached embedding (same spelling again)', ...summaryCells(q.cached.wallMs)],
        ['reference: embedOne alone', ...summaryCells(q.embedOnlyMs)],
      ],
    ),
  );
  out.push(`\nanswer / embedding: p95 **${fmt(q.answerOverEmbed)}**, p50 ${fmt(q.answerOverEmbedP50)}. Stages of the uncached asks:\n`);
  const st = q.uncached.stages;
  const sh = q.uncached.shares;
  out.push(
    table(
      ['stage', 'p50 ms', 'p95 ms', 'mean share'],
      [
        ['embedding', ...summaryCells(st.embedMs).slice(0, 2), `${fmt(sh.embedMs * 100, 1)} %`],
        ['lexical (BM25)', ...summaryCells(st.lexicalMs).slice(0, 2), `${fmt(sh.lexicalMs * 100, 1)} %`],
        ['vector (HNSW)', ...summaryCells(st.vectorMs).slice(0, 2), `${fmt(sh.vectorMs * 100, 1)} %`],
        ['fusion', ...summaryCells(st.fuseMs).slice(0, 2), `${fmt(sh.fuseMs * 100, 1)} %`],
        ['composition', ...summaryCells(st.composeMs).slice(0, 2), `${fmt(sh.composeMs * 100, 1)} %`],
      ],
    ),
  );

}

/** HNSW (and pgvector) vs exact search. */
export function renderAnn(r: BenchResult, out: string[]): void {
  const a = r.ann;
  out.push(`\n#### ANN (HNSW m=${a.settings.m}, efConstruction=${a.settings.efConstruction}, efSearch=${a.settings.efSearch} vs exact search)\n`);
  out.push(`Data: ${a.data}.\n`);
  if (a.calibration) {
    const { real, synthetic } = a.calibration;
    out.push(
      `Calibration on ${real.vectors} vectors: real sentence embeddings of the corpus and questions have participation ratio ${fmt(real.participationRatio, 1)}, ` +
        `mean nearest-neighbour cosine ${fmt(real.meanNearestCosine)}, mean pair cosine ${fmt(real.meanPairCosine)}; the synthetic data ${fmt(synthetic.participationRatio, 1)}, ` +
        `${fmt(synthetic.meanNearestCosine)}, ${fmt(synthetic.meanPairCosine)} (a higher ratio is harder for HNSW).\n`,
    );
  }
  out.push(
    table(
      ['vectors', 'build s', 'index MiB', 'bytes/vector', 'recall@10', 'recall@40', 'exact ms/query', 'HNSW ms/query (p50)', 'HNSW queries/s', 'speedup'],
      a.sizes.map((s) => [
        int(s.n),
        fmt(s.buildMs / 1000, 1),
        fmt(s.indexBytes / 2 ** 20, 1),
        int(s.bytesPerVector),
        fmt(s.recallAt10, 4),
        fmt(s.recallAt40, 4),
        ms(s.exactMsPerQuery.mean),
        ms(s.hnswMsPerQuery.p50),
        int(s.queriesPerS),
        `**${fmt(s.speedup, 1)}×**`,
      ]),
    ),
  );
  const withPg = a.sizes.filter((x) => x.pgvector);
  if (withPg.length > 0) {
    out.push('\npgvector (VECTOR_STORE=pgvector) on the same vectors and queries, in PGlite (PostgreSQL 17 + pgvector in WebAssembly, in process; a PostgreSQL server adds a network round trip and runs native code), through the VectorStore seam:\n');
    out.push(
      table(
        ['vectors', 'build s (insert + HNSW index)', 'search p50 ms', 'search p95 ms', 'hnswlib p95 ms', 'recall@10', 'recall@40'],
        withPg.map((s) => {
          const p = s.pgvector as NonNullable<typeof s.pgvector>;
          return [int(s.n), fmt(p.buildMs / 1000, 1), ms(p.msPerQuery.p50), `**${ms(p.msPerQuery.p95)}**`, ms(p.hnswP95Ms), `**${fmt(p.recallAt10, 4)}**`, fmt(p.recallAt40, 4)];
        }),
      ),
    );
  }
  for (const s of a.sizes.filter((x) => x.efSweep.length > 0)) {
    out.push(`\nefSearch sweep at ${int(s.n)} (k = 10):\n`);
    out.push(
      table(
        ['efSearch', 'recall@10', 'ms/query', 'queries/s', 'speedup'],
        s.efSweep.map((e) => [String(e.efSearch), fmt(e.recallAt10, 4), ms(e.msPerQuery), int(e.queriesPerS), `${fmt(e.speedup, 1)}×`]),
      ),
    );
  }
  for (const skip of a.skipped) out.push(`\nSkipped ${int(skip.n)}: ${skip.reason}.`);

}

/** Footnote beside Orama on the same chunks and vectors. */
export function renderPeer(r: BenchResult, out: string[]): void {
  const p = r.peer;
  out.push(`\n#### Peer (${p.peer}; same ${p.chunks} chunks and vectors, ${p.answerableQuestions} answerable questions, ${p.samples} timed queries each)\n`);
  out.push(
    table(
      ['system', 'passage@1', 'passage@3', 'MRR@10', 'p50 ms', 'p95 ms'],
      [
        ['Footnote hybrid', fmt(p.ours.passageAt1, 3), fmt(p.ours.passageAt3, 3), fmt(p.ours.mrrAt10, 3), ...summaryCells(p.ours.latencyMs).slice(0, 2)],
        ['Orama hybrid', fmt(p.orama.passageAt1, 3), fmt(p.orama.passageAt3, 3), fmt(p.orama.mrrAt10, 3), ...summaryCells(p.orama.latencyMs).slice(0, 2)],
      ],
    ),
  );
  out.push(
    `\nquality ours/peer **${fmt(p.qualityVsPeer)}**, latency ours/peer p95 **${fmt(p.latencyVsPeer)}**, p50 ${fmt(p.latencyVsPeerP50)}. Orama: ${p.peerConfig}; ` +
      `passage@1 by threshold ${p.oramaConfigs.map((c) => `${c.similarity} → ${fmt(c.passageAt1, 3)}`).join(', ')}. Embedding time ${p.embeddingTime}.`,
  );

}
