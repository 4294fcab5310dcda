// The human-readable report: the same Markdown is printed by `npm run bench` and stored in
// BENCHMARKS.md, where each mode (full, quick, soak) owns one marked block that its runs replace.
import { readFile, writeFile } from 'node:fs/promises';
import type { BenchResult } from './bench.js';
import { type BenchMode, SOAK } from './options.js';
import type { CorpusBuildResult } from './sections/build.js';
import type { SoakResult, SoakSample } from './sections/soak.js';
import type { Summary } from './stats.js';

const fmt = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const int = (value: number): string => Math.round(value).toLocaleString('en-US');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function summaryCells(s: Summary): string[] {
  return [ms(s.p50), ms(s.p95), ms(s.p99)];
}

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

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Run ${m.date} (${r.mode} mode, ${fmt(r.durationS / 60, 1)} min) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}.`);
  out.push(`Load average at start ${m.loadAverageStart.join(' / ')}, at end ${m.loadAverageEnd.join(' / ')} (shared machine: absolute times are noisy; the ratios are measured against a reference run beside them).`);

  out.push('\n#### Targets\n');
  out.push(
    table(
      ['figure', 'value', 'target', 'met', 'note'],
      Object.entries(r.targets).map(([name, t]) => [name, `**${fmt(t.value, 3)}**`, `${t.op} ${t.target}`, t.met ? 'yes' : '**no**', t.note ?? '']),
    ),
  );

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
      `(ONNX Runtime's Node binding runs each batch synchronously on the main thread).`,
  );

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

  const d = r.discord;
  out.push(`\n#### Discord (${d.concurrency} concurrent /ask × ${d.rounds.length} rounds, real discord.js client against the loopback server)\n`);
  out.push(
    table(
      ['measurement', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        ['dispatch → acknowledgement accepted (the reply, or a deferral)', ...summaryCells(d.ackMs)],
        ['dispatch → answer reaches the server (the reply, or the edit)', ...summaryCells(d.replyMs)],
        ['engine alone, same concurrency (start → answer)', ...summaryCells(d.engineAloneMs)],
      ],
    ),
  );
  out.push(
    `\n${d.answered}/${d.interactions} answered, ${d.failures} failures, ${d.botErrors} bot errors, ${d.acksOverDeadline} acknowledgements later than Discord's 3 s, ` +
      `${d.directReplies} answers sent as the reply itself (the rest deferred, then edited in), ` +
      `${d.clientRateLimitWaits} discord.js rate-limit waits. Throughput ${fmt(d.e2eAnswersPerS, 1)} answers/s end to end vs ${fmt(d.engineAnswersPerS, 1)} engine alone: ` +
      `overhead **${fmt(d.discordOverhead)}** (MAX_CONCURRENT_ANSWERS ${d.maxConcurrentAnswers}; each round after an untimed warm-up burst). ` +
      `Rendering an answer (renderAnswer) takes p50 ${ms(d.renderMsPerAnswer.p50)} / p95 ${ms(d.renderMsPerAnswer.p95)} ms of main thread. ` +
      `${Object.keys(d.failureReasons).length ? `Failures: ${Object.entries(d.failureReasons).map(([why, n]) => `${n}× ${why}`).join('; ')}. ` : ''}Event-loop delay while the bot answered p50 ${ms(d.eventLoopDelayMs.p50)} / p99 ${ms(d.eventLoopDelayMs.p99)} / max ${ms(d.eventLoopDelayMs.max)} ms. Peak RSS ${fmt(d.peakRssMb, 0)} MiB.`,
  );
  const variant = (title: string, v: typeof d.singleLimiter) =>
    v
      ? `\n${title}, one round: ${fmt(v.e2eAnswersPerS, 1)} answers/s vs ${fmt(v.engineAnswersPerS, 1)} engine alone (overhead ${fmt(v.overhead)}), ` +
        `reply p50/p95 ${ms(v.replyMs.p50)}/${ms(v.replyMs.p95)} ms, acknowledgement p50/p95 ${ms(v.ackMs.p50)}/${ms(v.ackMs.p95)} ms, ${v.acksOverDeadline} over 3 s, ${v.directReplies} direct replies, ` +
        `${v.clientRateLimitWaits} rate-limit waits, ${v.failures} failures.`
      : undefined;
  for (const line of [
    variant("With every request behind discord.js's one global limiter (50 requests/s), interaction responses included, as before they went apart", d.singleLimiter),
    variant('Every answer deferred, then edited in (two interaction requests each), interaction responses apart (as deployed)', d.deferredApart),
    variant("Every answer deferred, then edited in, behind discord.js's one global limiter (as before)", d.deferredSingleLimiter),
    variant("With every question's embedding already cached (no ONNX work during the round)", d.cachedEmbeddings),
  ]) {
    if (line) out.push(line);
  }

  const sy = r.study;
  out.push(`\n#### Study (quiz generation on ${sy.corpusDocuments} documents; the state database under ${sy.concurrency} concurrent study interactions)\n`);
  out.push(
    table(
      ['measurement', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        ['one quiz item from the candidate table', ...summaryCells(sy.itemMs)],
        [`a ${5}-item mixed quiz`, ...summaryCells(sy.quizMs)],
        ['state store time per interaction: /quiz (session written)', ...summaryCells(sy.stateMsPerInteraction.quiz)],
        ['state store time per interaction: answer (session, attempt, card)', ...summaryCells(sy.stateMsPerInteraction.answer)],
        ['state store time per interaction: /review', ...summaryCells(sy.stateMsPerInteraction.review)],
        ['state store time per interaction: all', ...summaryCells(sy.stateMsPerInteraction.all)],
        ['dispatch → reply, all study interactions', ...summaryCells(sy.replyMs)],
        ...('skipped' in sy.postgres
          ? []
          : [
              ['PostgreSQL (DATABASE_URL): state store time per interaction: /quiz', ...summaryCells(sy.postgres.stateMsPerInteraction.quiz)],
              ['PostgreSQL: answer (session, attempt, card)', ...summaryCells(sy.postgres.stateMsPerInteraction.answer)],
              ['PostgreSQL: /review', ...summaryCells(sy.postgres.stateMsPerInteraction.review)],
              ['PostgreSQL: all', ...summaryCells(sy.postgres.stateMsPerInteraction.all)],
              ['PostgreSQL: dispatch → reply, all study interactions', ...summaryCells(sy.postgres.replyMs)],
            ]),
      ],
    ),
  );
  out.push(
    `\nCandidate table: ${int(sy.promptSentences)} prompt sentences, built once per index generation in ${ms(sy.tableBuildMs)} ms. ` +
      `One item's p95 is ${fmt(sy.itemShareOfAckWindow * 100, 3)} % of Discord's 3 s window. ${sy.stateCallsPerInteraction} store calls per interaction; ${sy.failures} failures.` +
      ('skipped' in sy.postgres
        ? ` PostgreSQL run skipped: ${sy.postgres.skipped}.`
        : ` On PostgreSQL (a local server, fsync on, pool of 8 connections): ${sy.postgres.failures} failures.`),
  );
  if (r.shards.runs.length > 0) {
    out.push(`\n#### Shards (\`npm start\` with SHARDING = 1, 2, 4: shard processes around one answer service; ${r.shards.concurrency} concurrent /ask spread over one server per shard)\n`);
    out.push(
      table(
        ['shards', 'answers/s', 'engine alone answers/s', 'overhead', 'reply p50 ms', 'reply p95 ms', 'failures', 'answer service RSS MiB (model + index)', 'each shard RSS MiB', 'all processes MiB'],
        r.shards.runs.map((run) => [
          String(run.shards),
          `**${fmt(run.answersPerS, 1)}**`,
          fmt(run.engineAnswersPerS, 1),
          fmt(run.overhead),
          ms(run.replyMs.p50),
          ms(run.replyMs.p95),
          `${run.failures}/${run.interactions}`,
          fmt(run.serviceRssMb, 0),
          run.shardRssMb.map((mb) => fmt(mb, 0)).join(' / '),
          fmt(run.totalRssMb, 0),
        ]),
      ),
    );
    out.push(`\nThe single-process bot in the same run (Discord section): ${fmt(d.e2eAnswersPerS, 1)} answers/s at ${d.concurrency} concurrent, peak RSS ${fmt(d.peakRssMb, 0)} MiB (the loopback server and the bench in the same process).`);
  }

  const ins = r.insights;
  out.push(`\n#### Insights (recording a question beside answering it, ${ins.questions} questions; the report over ${int(ins.report.rows)} recorded questions)\n`);
  out.push(
    table(
      ['measurement', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        ['answer (engine.ask, fresh spelling)', ...summaryCells(ins.answerMs)],
        ['recording on the answer path: record() (row built: HMAC of the user id, passages; queued)', ...summaryCells(ins.buildMs)],
        ['recording after it: the queued row written alone (one transaction)', ...summaryCells(ins.writeMs)],
        ['recording: total per question', ...summaryCells(ins.recordMs)],
      ],
    ),
  );
  out.push(
    `\nRecording overhead: **${fmt(ins.recordingOverhead * 100, 2)} %** of the answer's p50, the write included (target ≤ 5 %); the reply itself waits for ${fmt(ins.pathOverhead * 100, 2)} %. Written as a queue of rows in one transaction (under load), ${fmt(ins.batchedWritePerRowMs, 4)} ms per row. ` +
      `The /insights report over ${int(ins.report.rows)} questions: ${ms(ins.report.ms)} ms (${ins.report.topics} topics), longest event-loop stall meanwhile ${ms(ins.report.maxEventLoopDelayMs)} ms (p99 ${ms(ins.report.p99EventLoopDelayMs)} ms), beside ${ms(ins.answeringMaxEventLoopDelayMs)} ms while the engine answers questions back to back.`,
  );

  const s = r.startup;
  out.push(`\n#### Startup (process start → engine ready, index already built; median of ${s.runs.length})\n`);
  out.push(
    table(
      ['total ms', 'node + tsx boot', 'imports', 'model load', 'index load'],
      [[ms(s.totalMs), `${ms(s.bootMs)} (${fmt(s.shares.boot * 100, 0)} %)`, `${ms(s.importMs)} (${fmt(s.shares.import * 100, 0)} %)`, `${ms(s.modelLoadMs)} (${fmt(s.shares.modelLoad * 100, 0)} %)`, `${ms(s.indexLoadMs)} (${fmt(s.shares.indexLoad * 100, 0)} %)`]],
    ),
  );
  if (s.transformersImportMs) {
    out.push(`\nImporting @huggingface/transformers alone: ${ms(s.transformersImportMs.node)} ms in plain node, ${ms(s.transformersImportMs.tsx)} ms through tsx.`);
  }

  const w = r.watch;
  out.push(`\n#### Corpus watcher (a file appearing in corpus/ → its first answer; median of ${w.trials.length})\n`);
  out.push(
    table(
      ['file → first answer ms', 'wait before the rebuild ms (debounce ' + String(w.debounceMs) + ')', 'rebuild ms (reference)', 'rest ms', `burst of ${w.burst.files} files: rebuilds`, 'burst → all answerable ms'],
      [[`**${ms(w.fileToAnswerMs)}**`, ms(w.waitMs), ms(w.rebuildMs), ms(w.restMs), `**${w.burst.rebuilds}**`, `${ms(w.burst.fileToAllAnswerableMs)} (${w.burst.embedded} embedded)`]],
    ),
  );
  out.push(
    `\nEach trial writes one new document while the engine runs with the watcher and asks its question every 20 ms (the embedding is cached after the first ask) until the ` +
      `answer cites it. The rebuild is the same \`refresh()\` the engine would run if asked directly; the wait is the quiet period plus the file system event; the rest is the swap and the next ask.`,
  );
  const f = r.formats;
  out.push(`\n#### Formats (bytes → clean document, our loader vs the raw extractor library on the same files; median of ${f.repetitions})\n`);
  out.push(
    table(
      ['format', 'files', 'MB', 'pages', 'loader ms', 'raw extractor ms', 'overhead', 'loader MB/s', 'loader pages/s', 'raw pages/s'],
      f.formats.map((x) => [x.format, String(x.files), fmt(x.megabytes, 2), x.pages ? int(x.pages) : '—', ms(x.pipelineMs), ms(x.rawMs), `**${fmt(x.overhead)}**`, fmt(x.pipelineMBPerS, 2), x.pipelinePagesPerS ? fmt(x.pipelinePagesPerS, 0) : '—', x.rawPagesPerS ? fmt(x.rawPagesPerS, 0) : '—']),
    ),
  );

  const e = r.experiments;
  out.push(`\n#### Experiments behind the proposals (median of ${e.repetitions})\n`);
  out.push(
    table(
      ['questions', 'one embedOne after another ms', 'one batched embed ms', 'speedup'],
      e.microBatching.map((b) => [String(b.questions), ms(b.oneByOneMs), ms(b.batchedMs), `${fmt(b.speedup, 2)}×`]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['ONNX intra-op threads', 'embedOne ms (p50)', `embed ${e.onnxThreads[0]?.chunks ?? 0} chunks ms`],
      e.onnxThreads.map((t) => [String(t.threads), ms(t.embedOneMs), ms(t.chunkBatchMs)]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['build batch size', 'chunks/s', 'longest batch ms (main thread blocked)'],
      e.batchSizes.map((b) => [`${b.batchSize}${b.inUse ? ' (in use)' : ''}`, fmt(b.chunksPerS, 1), ms(b.longestBatchMs)]),
    ),
  );
  return out.join('\n');
}

/** At most `rows` of `items`, evenly spaced, the first and last always kept. */
export function thin<T>(items: readonly T[], rows: number): T[] {
  if (items.length <= rows) return [...items];
  const picked = new Set(Array.from({ length: rows }, (_, i) => Math.round((i * (items.length - 1)) / (rows - 1))));
  return [...picked].map((i) => items[i]).filter((item): item is T => item !== undefined);
}

const signed = (value: number, digits = 2): string => (Number.isFinite(value) && value > 0 ? `+${fmt(value, digits)}` : fmt(value, digits));
const slopeText = (t: { slopePerMin: number; slopeStdErrPerMin: number }): string => `${signed(t.slopePerMin)} ± ${fmt(t.slopeStdErrPerMin)} MiB/min`;

export function renderSoakMarkdown(r: SoakResult, tableRows: number = SOAK.tableRows): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `Run ${m.date} (soak, ${fmt(r.minutes, 1)} min of load, ${fmt(r.durationS / 60, 1)} min in all) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. ` +
      `Load average at start ${m.loadAverageStart.join(' / ')}, at end ${m.loadAverageEnd.join(' / ')}.`,
  );
  const direction = r.rssMiB.slopePerMin > 0 ? 'rising' : 'falling';
  const verdict = r.levelledOff ? '**levelled off**' : `**not levelled off** (${direction})`;
  out.push(
    `\n**Verdict: ${r.pass ? 'pass' : 'fail'}.** RSS ${verdict}: slope ${slopeText(r.rssMiB)} (least squares ± standard error) over the second half of the samples ` +
      `(from ${fmt(r.fitFromS, 0)} s; threshold |slope| < ${r.levelledOffThresholdMiBPerMin} MiB/min); ${r.failures} failures, ${r.botErrors} bot errors (both must be 0). ` +
      `Live heap slope ${slopeText(r.heapAfterMajorGcMiB)}.`,
  );
  if (!r.forcedGc) {
    const used = r.samples.map((x) => x.heapUsedMiB);
    out.push(
      `\nNo GC was forced, so each sample also carries the garbage not yet collected (heap used ${fmt(Math.min(...used), 0)}–${fmt(Math.max(...used), 0)} MiB at the samples) and RSS moves with it: ` +
        `the live heap is the leak signal for JavaScript memory; \`NODE_OPTIONS=--expose-gc npm run bench -- --soak MINUTES\` takes every sample after a full GC.`,
    );
  }
  out.push('');
  out.push(
    table(
      ['figure', 'value'],
      [
        ['answers', int(r.answers)],
        ['failures', String(r.failures)],
        ['bot errors (logged at error level)', String(r.botErrors)],
        ['throughput', `${fmt(r.answersPerS, 1)} answers/s`],
        ['reply latency p50 / p95 / p99 (dispatch → answer reaches the server)', `${ms(r.replyMs.p50)} / ${ms(r.replyMs.p95)} / ${ms(r.replyMs.p99)} ms`],
        ['RSS start / end / peak', `${fmt(r.rssMiB.start, 1)} / ${fmt(r.rssMiB.end, 1)} / ${fmt(r.rssMiB.peak, 1)} MiB`],
        ['RSS slope (second half)', `**${slopeText(r.rssMiB)}**`],
        ['heap used start / end', `${fmt(r.heapUsedMiB.start, 1)} / ${fmt(r.heapUsedMiB.end, 1)} MiB`],
        ['heap used slope (second half)', slopeText(r.heapUsedMiB)],
        [
          `live heap (after the latest full GC; ${r.heapAfterMajorGcMiB.majorGcs} during the load) first / end`,
          `${fmt(r.heapAfterMajorGcMiB.start, 1)} / ${fmt(r.heapAfterMajorGcMiB.end, 1)} MiB`,
        ],
        ['live heap slope (second half)', slopeText(r.heapAfterMajorGcMiB)],
        ['discord.js rate-limit waits', String(r.clientRateLimitWaits)],
        ['unhandled REST requests (404 from the loopback server)', String(r.unhandledRequests)],
      ],
    ),
  );
  if (Object.keys(r.failureReasons).length) {
    out.push(`\nFailures: ${Object.entries(r.failureReasons).map(([why, n]) => `${n}× ${why}`).join('; ')}.`);
  }
  const p = r.loopbackPruned;
  out.push(
    `\n${r.askers} askers (distinct users) in a closed loop, each asking its next fresh question as soon as its answer arrives ` +
      `(a re-cased spelling: a text repeats only every ${int(r.spellingCycle)} asks, so no query-embedding cache hits); ` +
      `MAX_CONCURRENT_ANSWERS ${r.maxConcurrentAnswers}. A sample every ${fmt(r.sampleEveryS, 1)} s, each at a quiescent point: the askers finish what is in flight, ` +
      `the loopback server's own records are dropped (it keeps every request, frame and message for tests; ${int(p.requests)} requests, ${int(p.gatewayFrames)} gateway frames, ` +
      `${int(p.replayBuffer)} buffered dispatches${p.replayBufferReachable ? '' : ' (replay buffer not reachable: not dropped)'}, ${int(p.interactions)} interactions, ${int(p.messages)} messages over the run), ` +
      `${r.forcedGc ? 'a full GC runs (global.gc present)' : 'no GC is forced (V8 refused --expose-gc at run time; run with NODE_OPTIONS=--expose-gc)'}, ` +
      `then RSS and heap are read; the load stood still ${fmt(r.pausedS, 1)} s of ${fmt(r.loadS, 0)} s for this. ` +
      `Peak RSS is sampled every 25 ms throughout. The live heap is V8's heap used after its latest mark-compact (v8.GCProfiler), so it needs no forced GC. ` +
      `The measured process also holds the loopback server (its records between two samples) and the bench's engine context.`,
  );
  const rows = thin<SoakSample>(r.samples, tableRows);
  out.push(`\nSamples (${rows.length} of ${r.samples.length}):\n`);
  out.push(
    table(
      ['elapsed s', 'answers', 'failures', 'answers/s (interval)', 'RSS MiB', 'heap used MiB', 'live heap MiB'],
      rows.map((x) => [
        fmt(x.elapsedS, 0),
        int(x.answers),
        String(x.failures),
        fmt(x.answersPerS, 1),
        fmt(x.rssMiB, 1),
        fmt(x.heapUsedMiB, 1),
        x.heapAfterMajorGcMiB !== undefined ? fmt(x.heapAfterMajorGcMiB, 1) : '–',
      ]),
    ),
  );
  return out.join('\n');
}

const HEADER = `# Benchmarks

Written by \`npm run bench\` (full run), \`npm run bench -- --quick\` (quick run) and
\`npm run bench -- --soak MINUTES\` (soak); each run replaces only its own block below, so this
file always holds real runs (\`--smallest\`, used by the smoke test, and \`--no-write\` never write
here). \`npm run bench -- --json\` prints the same results as one JSON object.
Code: \`bench/\`, one file per section under \`bench/sections/\`.

## How each figure is measured

Machines are shared and noisy, so every figure that matters is a ratio against a reference
measured in the same run, beside it (alternating which goes first). Everything is written to a
temp folder; the project's \`embeddings/\` is never touched.

- **build** — \`engine.reindex()\` from an empty embeddings folder (read, clean, chunk, embed, BM25,
  HNSW, write) vs a second \`Embedder\` embedding the distinct \`embeddingText(...)\` strings of that
  build (the build embeds each distinct text once). On \`corpus/\` and, in the full run, a synthetic
  100-document corpus (the five documents copied with seeded edits). \`pipelineOverhead\` is the median
  of per-pair ratios; "by parts" adds a rebuild whose vectors all come from the cache (everything but
  embedding) to the raw embedding time. Unchanged reindex and vector-cache rebuild must embed 0 chunks.
- **query** — warm \`engine.ask\` over the dev and own question sets. "Uncached" asks use a spelling
  of the question never asked before (inner letters upper-cased: the model is uncased and the
  analyser folds case, so the result is identical, but the query-embedding cache misses); "cached"
  repeats those spellings. Reference: \`embedQuery\` (the model's \`embedOne\`, no cache) on the same
  text, right beside each ask. \`answerOverEmbed\` = p95 uncached ask / p95 embedding.
- **ann** — \`HnswStore\` with \`DEFAULT_HNSW\` vs exact brute force (one contiguous \`Float32Array\`,
  dot products) on seeded clustered 384-d unit vectors, per query back to back. 1M runs only when
  memory allows and the build time projected from the smaller sizes fits the budget
  (\`--ann-budget-min\`, default 60).
- **peer** — Orama 3 in hybrid mode over the same chunks and the same stored vectors, with the same
  question vectors (embedding time excluded from both). passage@1 = the top passage is from the gold
  document and contains the gold phrase (\`passageMatches\`, as \`npm run eval\`).
- **discord** — N concurrent \`/ask\` dispatched by the loopback Discord server to the real discord.js
  client started by \`startBot\` (deadline off, cooldowns raised, queue large enough, distinct users),
  timed from dispatch to the acknowledgement and to the answer (the reply, or the \`@original\` edit
  when it was deferred); reference: the engine alone
  answering N fresh questions with \`Promise.all\`. Each bot first gets an untimed warm-up burst. Also
  run with discord.js's client-side global limit raised, and with every embedding pre-cached.
- **study** — the study candidate table built over the 1,000-document synthetic corpus
  (\`bench/synthetic-corpus.ts\`, 200 edited copies of each corpus document), then one quiz item per
  seed and a five-item quiz, timed per call; and N concurrent \`/quiz\`, then N concurrent answers,
  then N concurrent \`/review\` through the real bot, each interaction's time inside the state store
  measured by the bot (\`src/discord/state-timing.ts\`: from each store call until its promise settles),
  on SQLite and then on a throwaway local PostgreSQL server at its default durability (\`DATABASE_URL\`;
  not in the smallest mode).
  run with every request behind discord.js's one global limiter (the bot before interaction responses went
  apart), and with every embedding pre-cached.
- **shards** — \`npm start\` with SHARDING = 1, 2 and 4 in a child process (the manager holding the model
  and index as the answer service, one process per shard) against a loopback Discord asking for that
  many shards with one server per shard; the discord section's load spread over the servers; RSS of
  every process read from /proc after the load. Not run in the smallest mode.
- **insights** — each question answered by the engine (fresh spelling), and beside it what recording
  adds: the row built (\`InsightsRecorder.toRecord\`: HMAC of the user id, passages) and written
  alone in its own transaction; target recording p50 ≤ 5 % of the answer p50. Then the report that
  \`/insights\` and the dashboard build over N recorded questions, with the longest event-loop stall
  while it runs (\`withEventLoopDelay\`).
- **startup** — \`tsx bench/startup-child.ts\` spawned over an index already built; shares of runtime
  boot, module imports, model load and index load.
- **watch** — the corpus watcher on an engine over a copy of \`corpus/\`: a new document is written
  and its question asked every 20 ms until the answer cites it (file → first answer), split into the
  wait before the rebuild starts (debounce and file system event), the rebuild (\`refresh()\`, the
  reference) and the rest; then a burst of files written at once must cost one rebuild.
- **formats** — each loader (PDF, HTML, DOCX, EPUB) reading the format fixtures
  (\`test/fixtures/formats/docs\`; for PDF one long file made of their groff-typeset pages,
  repeated) from bytes to a clean document, vs the extractor library alone on the same bytes:
  pdf.js \`getTextContent\` of every page, Readability over linkedom, mammoth's HTML, fflate
  unzipping an EPUB and linkedom parsing its chapters. No embedding on either side.
  \`formatsOverhead\` is the worst format's median per-pair ratio.
- **experiments** — measurements behind the optimisation proposals (no targets).
- **soak** (\`--soak MINUTES\`, runs alone) — steady load through the loopback server for the given
  minutes: a fixed number of distinct users ask fresh questions in a closed loop; answers, failures,
  RSS and heap are sampled at quiescent points (load paused, the loopback server's records dropped,
  a full GC forced before each sample). RSS has levelled off when the least-squares slope over the
  second half of the samples is under the threshold stated in the block; zero failures required.
`;

/** The marked blocks of BENCHMARKS.md, in file order, each under its heading. */
export type ReportBlock = Exclude<BenchMode, 'smallest'> | 'soak';
const BLOCKS: ReadonlyArray<{ block: ReportBlock; heading: string }> = [
  { block: 'full', heading: 'Full run' },
  { block: 'quick', heading: 'Quick run' },
  { block: 'soak', heading: 'Soak' },
];

const markers = (block: ReportBlock) => ({ start: `<!-- bench:${block}:start -->`, end: `<!-- bench:${block}:end -->` });

function blockOf(file: string, block: ReportBlock): string {
  const { start, end } = markers(block);
  const from = file.indexOf(start);
  const to = file.indexOf(end);
  return from >= 0 && to > from ? file.slice(from, to + end.length) : `${start}\nNot run yet.\n${end}`;
}

/** Rewrites the file: the current header, this run's block, and every other block as it was. */
export async function updateBenchmarksBlock(file: string, which: ReportBlock, markdown: string): Promise<void> {
  let current = '';
  try {
    current = await readFile(file, 'utf8');
  } catch {
    // First run: nothing to keep.
  }
  const { start, end } = markers(which);
  const fresh = `${start}\n${markdown}\n${end}`;
  const sections = BLOCKS.map(({ block, heading }) => `## ${heading}\n\n${block === which ? fresh : blockOf(current, block)}`);
  await writeFile(file, `${HEADER}\n${sections.join('\n\n')}\n`);
}

export async function updateBenchmarksFile(file: string, result: BenchResult): Promise<void> {
  if (result.mode === 'smallest') throw new Error('the smallest mode never writes BENCHMARKS.md');
  await updateBenchmarksBlock(file, result.mode, renderMarkdown(result));
}
