// Runs every section once, in an order that keeps them from disturbing each other (the ANN
// section allocates gigabytes at 1M, so it runs last), and checks the targets.
import os from 'node:os';
import { createBenchContext } from './context.js';
import type { BenchMode, BenchOptions } from './options.js';
import { type AnnResult, runAnnSection } from './sections/ann.js';
import { type BuildResult, runBuildSection } from './sections/build.js';
import { type DiscordResult, runDiscordSection } from './sections/discord.js';
import { type ExperimentsResult, runExperimentsSection } from './sections/experiments.js';
import { type FormatsResult, runFormatsSection } from './sections/formats.js';
import { type PeerResult, runPeerSection } from './sections/peer.js';
import { type QueryResult, runQuerySection } from './sections/query.js';
import { runShardsSection, type ShardsResult } from './sections/shards.js';
import { runStartupSection, type StartupResult } from './sections/startup.js';
import { runWatchSection, type WatchResult } from './sections/watch.js';
import { runStudySection, type StudyResult } from './sections/study.js';
import { type InsightsResult, runInsightsSection } from './sections/insights.js';
import { checkTarget, round, type TargetCheck } from './stats.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  /** 1/5/15-minute load averages: a shared machine's background load, at start and end. */
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

export interface BenchResult {
  machine: MachineInfo;
  mode: BenchMode;
  quick: boolean;
  durationS: number;
  build: BuildResult;
  query: QueryResult;
  ann: AnnResult;
  peer: PeerResult;
  discord: DiscordResult;
  /** SHARDING = 1, 2, 4 against one answer service (empty in the smallest mode). */
  shards: ShardsResult;
  startup: StartupResult;
  /** File appearing in corpus/ → its first answer, and rebuilds per burst of files. */
  watch: WatchResult;
  /** Ingestion throughput per document format beside the raw extractor library. */
  formats: FormatsResult;
  /** Quiz generation on 1,000 documents, and the state database's time per study interaction under load. */
  study: StudyResult;
  /** Recording a question for insights beside answering it; the insights report over a period. */
  insights: InsightsResult;
  /** Measurements behind the optimisation proposals (no targets). */
  experiments: ExperimentsResult;
  targets: Record<string, TargetCheck>;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverageStart: os.loadavg().map((x) => round(x, 2)),
    loadAverageEnd: [],
  };
}

export function targetsOf(result: Omit<BenchResult, 'targets'>): Record<string, TargetCheck> {
  const annNote = result.ann.atSize === 100_000 ? undefined : `at ${result.ann.atSize.toLocaleString('en-US')} vectors (the target names 100k)`;
  return {
    pipelineOverhead: checkTarget(
      result.build.pipelineOverhead,
      '<=',
      1.15,
      `on ${result.build.pipelineOverheadCorpus}; by parts ${(result.build.synthetic ?? result.build.corpus).pipelineOverheadByParts}`,
    ),
    answerOverEmbed: checkTarget(result.query.answerOverEmbed, '<=', 1.5),
    recallAt10: checkTarget(result.ann.recallAt10, '>=', 0.99, annNote),
    speedup: checkTarget(result.ann.speedup, '>=', 20, annNote),
    discordOverhead: checkTarget(result.discord.discordOverhead, '<=', 1.25, `${result.discord.concurrency} concurrent /ask`),
    discordFailures: checkTarget(result.discord.failures, '<=', 0),
    watchBurstRebuilds: checkTarget(result.watch.burst.rebuilds, '<=', 1, `${result.watch.burst.files} files written at once`),
    formatsOverhead: checkTarget(result.formats.worstOverhead, '<=', 1.2, `worst format: ${result.formats.worstFormat}`),
    // "Well under the 3-second window": a tenth of it, for one item drawn from the table.
    quizItemP95Ms: checkTarget(result.study.itemMs.p95, '<=', 300, `one item, ${result.study.corpusDocuments} documents`),
    studyFailures: checkTarget(result.study.failures, '<=', 0, `${result.study.concurrency} concurrent study interactions`),
    insightsRecordingOverhead: checkTarget(result.insights.recordingOverhead, '<=', 0.05, `record p50 ${result.insights.recordMs.p50.toFixed(3)} ms / answer p50 ${result.insights.answerMs.p50.toFixed(1)} ms`),
  };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineInfo();
  const ctx = await createBenchContext(options);
  try {
    ctx.log(`mode ${options.mode}: build`);
    const build = await runBuildSection(ctx);
    ctx.log('query');
    const query = await runQuerySection(ctx);
    ctx.log('peer');
    const peer = await runPeerSection(ctx);
    ctx.log('discord');
    const discord = await runDiscordSection(ctx);
    ctx.log('study');
    const study = await runStudySection(ctx);
    ctx.log('shards');
    const shards = await runShardsSection(ctx);
    ctx.log('insights');
    const insights = await runInsightsSection(ctx);
    ctx.log('startup');
    const startup = await runStartupSection(ctx);
    ctx.log('watch');
    const watch = await runWatchSection(ctx);
    ctx.log('formats');
    const formats = await runFormatsSection(ctx);
    ctx.log('experiments');
    const experiments = await runExperimentsSection(ctx);
    ctx.log('ann');
    const ann = await runAnnSection(ctx);
    machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
    const partial = {
      machine,
      mode: options.mode,
      quick: options.mode !== 'full',
      durationS: round((performance.now() - started) / 1000, 1),
      build,
      query,
      ann,
      peer,
      discord,
      shards,
      startup,
      watch,
      formats,
      study,
      insights,
      experiments,
    };
    return { ...partial, targets: targetsOf(partial) };
  } finally {
    await ctx.close();
  }
}
