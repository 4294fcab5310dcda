// Soak (`npm run bench -- --soak MINUTES`): steady concurrent load through the loopback Discord
// server for the given time, against the real bot started by startBot (the Discord section's
// set-up: deadline off, cooldowns raised, queue large enough). SOAK.askers distinct users ask in a
// closed loop, each its next fresh question (a new spelling: no query-embedding cache hits, see
// CyclingSpellings) as soon as its previous answer arrives. Every sample is taken at a quiescent
// point: the askers finish what is in flight, the loopback server's own records are dropped (see
// pruneLoopback), a full GC runs (fullGc), then the memory is read and the load
// resumes. Without a forced GC, the heap after the latest major GC (v8.GCProfiler) still gives the
// live heap. The verdict: the least-squares RSS slope over the second half of the samples (after
// warm-up) is under SOAK.levelledOffMiBPerMin, and nothing failed.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { machineInfo, type MachineInfo } from '../bench.js';
import { type BenchContext, createBenchContext } from '../context.js';
import { type BenchOptions, SOAK } from '../options.js';
import { LoadGate, pruneLoopback, settle } from '../soak-load.js';
import { CyclingSpellings, fitWindow, leastSquaresFit } from '../soak-math.js';
import { fullGc, MajorGcWatch } from '../soak-memory.js';
import { round, summarize, type Summary, withPeakRss } from '../stats.js';
import { benchUser, dispatchAndWait, type InteractionOutcome, setUpLoopback, startBenchBot } from './discord.js';

export interface SoakSample {
  /** Seconds since the load started. */
  elapsedS: number;
  /** Answers and failures so far. */
  answers: number;
  failures: number;
  /** Answers per second since the previous sample. */
  answersPerS: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** Heap used after the latest full (mark-compact) GC so far: the live heap. Absent before the first. */
  heapAfterMajorGcMiB?: number;
}

export interface MemoryTrend {
  start: number;
  end: number;
  /** Least-squares slope over the second half of the samples, MiB per minute. */
  slopePerMin: number;
  /** Its standard error (NaN with fewer than three points). */
  slopeStdErrPerMin: number;
}

/** What the loopback server recorded and the soak dropped at its samples (it keeps everything, for tests' assertions). */
export interface LoopbackPruned {
  requests: number;
  gatewayFrames: number;
  replayBuffer: number;
  interactions: number;
  messages: number;
  /** Whether the gateway's replay buffer (a private field) could be reached to be emptied. */
  replayBufferReachable: boolean;
}

export interface SoakSectionResult {
  /** Requested length of the load, minutes. */
  minutes: number;
  /** Measured length of the load, seconds (from the first sample to the last answer). */
  loadS: number;
  askers: number;
  sampleEveryS: number;
  /** A full GC ran before each sample (see fullGc: V8's flag is set at run time when not given). */
  forcedGc: boolean;
  /** The bot's engine-call concurrency (MAX_CONCURRENT_ANSWERS, as deployed). */
  maxConcurrentAnswers: number;
  answers: number;
  failures: number;
  /** Each distinct failure (refusal text, HTTP error, timeout) and how often it happened. */
  failureReasons: Record<string, number>;
  /** Error lines the bot logged. */
  botErrors: number;
  /** REST requests the loopback server had no route for (answered 404). */
  unhandledRequests: number;
  clientRateLimitWaits: number;
  answersPerS: number;
  /** Dispatch → the answer reaching the server (the reply, or the edit of @original). */
  replyMs: Summary;
  /** Time the load stood still while samples were taken (draining, pruning, GC). */
  pausedS: number;
  rssMiB: MemoryTrend & { peak: number };
  heapUsedMiB: MemoryTrend;
  /** The live heap: heap used after full GCs (forced, or V8's own), and how many ran during the load. */
  heapAfterMajorGcMiB: MemoryTrend & { majorGcs: number };
  /** Asks before a question text repeats (CyclingSpellings); the engine's query-embedding cache holds far fewer. */
  spellingCycle: number;
  /** Elapsed time of the first sample in the slope fit. */
  fitFromS: number;
  levelledOffThresholdMiBPerMin: number;
  /** |RSS slope| below the threshold. */
  levelledOff: boolean;
  /** Levelled off, no failure and no bot error. */
  pass: boolean;
  loopbackPruned: LoopbackPruned;
  samples: SoakSample[];
}

export interface SoakResult extends SoakSectionResult {
  machine: MachineInfo;
  mode: 'soak';
  /** The whole run: engine open, bot start, load, shutdown. */
  durationS: number;
}

const MiB = 2 ** 20;


const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 120) ?? '';

export async function runSoakSection(ctx: BenchContext, minutes: number): Promise<SoakSectionResult> {
  const { askers } = SOAK;
  const durationMs = minutes * 60_000;
  const everyMs = Math.max(SOAK.minSampleEveryS * 1000, durationMs / SOAK.samplesPerRun);
  const gc = fullGc();
  const spellings = new CyclingSpellings(ctx.questions.all.map((q) => q.question));
  // Bounded as in the Discord section: generous for a loaded 2-core machine, yet a hung bot ends the run.
  const timeoutMs = 60_000 + askers * 500;

  const { server, config, dataDir } = await setUpLoopback(ctx, askers + 10);
  try {
    const under = await startBenchBot(config, dataDir, ctx);
    try {
      const keepMessages = new Set(server.world.messages.keys());
      const pruned: LoopbackPruned = { requests: 0, gatewayFrames: 0, replayBuffer: 0, interactions: 0, messages: 0, replayBufferReachable: false };
      const gate = new LoadGate();
      const samples: SoakSample[] = [];
      const replyMs: number[] = [];
      const failureReasons: Record<string, number> = {};
      let answers = 0;
      let failures = 0;
      let unhandledRequests = 0;
      let pausedMs = 0;
      let loadStarted = performance.now();
      const majorGcs = new MajorGcWatch();

      const takeSample = async (): Promise<SoakSample> => {
        const pauseStarted = performance.now();
        await gate.drain();
        try {
          await settle(server);
          unhandledRequests += server.unhandledRequests.length;
          pruneLoopback(server, keepMessages, pruned);
          gc?.();
          const memory = process.memoryUsage();
          const afterMajorGc = majorGcs.read();
          const elapsedS = (performance.now() - loadStarted) / 1000;
          const previous = samples.at(-1);
          const sample: SoakSample = {
            elapsedS: round(elapsedS, 1),
            answers,
            failures,
            answersPerS: previous && elapsedS > previous.elapsedS ? round((answers - previous.answers) / (elapsedS - previous.elapsedS), 2) : 0,
            rssMiB: round(memory.rss / MiB, 1),
            heapUsedMiB: round(memory.heapUsed / MiB, 1),
            ...(afterMajorGc !== undefined ? { heapAfterMajorGcMiB: round(afterMajorGc / MiB, 1) } : {}),
          };
          samples.push(sample);
          ctx.log(
            `soak: ${sample.elapsedS} s, ${answers} answers, ${failures} failures, ${sample.answersPerS} answers/s, RSS ${sample.rssMiB} MiB, heap ${sample.heapUsedMiB} MiB`,
          );
          return sample;
        } finally {
          gate.resume();
          pausedMs += performance.now() - pauseStarted;
        }
      };

      const record = (outcome: InteractionOutcome) => {
        if (outcome.ok) {
          answers++;
          if (outcome.replyMs !== undefined) replyMs.push(outcome.replyMs);
        } else {
          failures++;
          const why = outcome.failure ?? 'unknown';
          failureReasons[why] = (failureReasons[why] ?? 0) + 1;
        }
      };

      const asker = async (a: number, deadline: number) => {
        for (;;) {
          await gate.enter();
          try {
            if (performance.now() >= deadline) return;
            record(await dispatchAndWait(server, spellings.next(), benchUser(a), timeoutMs));
          } catch (error) {
            // dispatchAndWait itself throws only when the server cannot dispatch (no gateway session).
            record({ ok: false, failure: `dispatch failed: ${describeError(error)}` });
            await sleep(1000);
          } finally {
            gate.leave();
          }
        }
      };

      ctx.log(`soak: ${askers} askers in a closed loop for ${minutes} min, a sample every ${round(everyMs / 1000, 1)} s (GC before each: ${gc ? 'yes' : 'no, no global.gc'})`);
      const errorsBefore = under.counters.errors;
      const waitsBefore = under.counters.rateLimitWaits;
      const { peakRssMb } = await withPeakRss(async () => {
        loadStarted = performance.now();
        await takeSample();
        const deadline = loadStarted + durationMs;
        const running = Array.from({ length: askers }, (_, a) => asker(a, deadline));
        for (let k = 1; ; k++) {
          const at = loadStarted + k * everyMs;
          // No sample within the last second: the final one follows the last answer.
          if (at > deadline - 1000) break;
          await sleep(Math.max(0, at - performance.now()));
          await takeSample();
        }
        await Promise.all(running);
        await takeSample();
      }).finally(() => majorGcs.stop());
      const loadS = (performance.now() - loadStarted) / 1000;

      const fitted = fitWindow(samples);
      const trend = (pick: (s: SoakSample) => number | undefined) => {
        const fit = leastSquaresFit(fitted.flatMap((s) => (pick(s) === undefined ? [] : [{ x: s.elapsedS / 60, y: pick(s) ?? 0 }])));
        return { slopePerMin: round(fit.slope, 3), slopeStdErrPerMin: round(fit.stdErr, 3) };
      };
      const first = samples[0];
      const last = samples.at(-1);
      const live = samples.flatMap((s) => (s.heapAfterMajorGcMiB !== undefined ? [s.heapAfterMajorGcMiB] : []));
      const rssTrend = trend((s) => s.rssMiB);
      const levelledOff = Math.abs(rssTrend.slopePerMin) < SOAK.levelledOffMiBPerMin;
      const botErrors = under.counters.errors - errorsBefore;
      return {
        minutes,
        loadS: round(loadS, 1),
        askers,
        sampleEveryS: round(everyMs / 1000, 1),
        forcedGc: gc !== undefined,
        maxConcurrentAnswers: config.discord.maxConcurrentAnswers,
        answers,
        failures,
        failureReasons,
        botErrors,
        unhandledRequests,
        clientRateLimitWaits: under.counters.rateLimitWaits - waitsBefore,
        answersPerS: round(answers / loadS, 2),
        replyMs: summarize(replyMs),
        pausedS: round(pausedMs / 1000, 1),
        rssMiB: { start: first?.rssMiB ?? Number.NaN, end: last?.rssMiB ?? Number.NaN, peak: Math.max(peakRssMb, ...samples.map((s) => s.rssMiB)), ...rssTrend },
        heapUsedMiB: { start: first?.heapUsedMiB ?? Number.NaN, end: last?.heapUsedMiB ?? Number.NaN, ...trend((s) => s.heapUsedMiB) },
        heapAfterMajorGcMiB: { start: live[0] ?? Number.NaN, end: live.at(-1) ?? Number.NaN, ...trend((s) => s.heapAfterMajorGcMiB), majorGcs: majorGcs.majorGcs },
        spellingCycle: spellings.cycle,
        fitFromS: fitted[0]?.elapsedS ?? Number.NaN,
        levelledOffThresholdMiBPerMin: SOAK.levelledOffMiBPerMin,
        levelledOff,
        pass: levelledOff && failures === 0 && botErrors === 0,
        loopbackPruned: pruned,
        samples,
      };
    } finally {
      await under.bot.stop();
    }
  } finally {
    await server.close();
  }
}

/** The whole soak run: a bench context (engine over a temp copy of corpus/), the section, machine info. */
export async function runSoak(options: BenchOptions, minutes: number): Promise<SoakResult> {
  const started = performance.now();
  const machine = machineInfo();
  const ctx = await createBenchContext(options);
  try {
    const soak = await runSoakSection(ctx, minutes);
    machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
    return { machine, mode: 'soak', durationS: round((performance.now() - started) / 1000, 1), ...soak };
  } finally {
    await ctx.close();
  }
}
