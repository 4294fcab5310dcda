// The soak block of BENCHMARKS.md: steady load through the bot, RSS and heap over time.
import { SOAK } from '../options.js';
import type { SoakResult, SoakSample } from '../sections/soak.js';
import { fmt, int, ms, table } from './format.js';

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
