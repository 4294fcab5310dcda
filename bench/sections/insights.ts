// Insights under measurement:
// 1. Recording overhead on the answer path: for each question, the engine's answer (a fresh
//    spelling: embedding computed) beside what recording adds for it, through the bot's own
//    recorder — `record()` (the row built: user id hashed with HMAC, passages picked; queued), then
//    the queued write, alone in its own transaction (the low-traffic case; under load the queue is
//    written in one transaction, cheaper per row). Target: both together, p50 ≤ 5 % of the
//    answer's p50 — counted in full although the reply waits only for `record()`.
// 2. The report /insights and the dashboard build, over a period of N recorded questions: its time,
//    and the longest event-loop stall while it runs (what a new interaction would wait), beside the
//    longest stall while the engine answers questions one after another (answering's own).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { InsightsRecorder } from '../../src/insights/recorder.js';
import { InsightsReader } from '../../src/insights/report.js';
import { UserHasher } from '../../src/insights/user-hash.js';
import { createLogger } from '../../src/log.js';
import { guildScope, openStateStore } from '../../src/state/index.js';
import type { BenchContext } from '../context.js';
import { ratio, round, summarize, type Summary, withEventLoopDelay } from '../stats.js';

export interface InsightsResult {
  questions: number;
  /** engine.ask, fresh spelling (embedding computed). */
  answerMs: Summary;
  /** On the answer path: `record()` — the row built (hash, passages, fields) and queued. */
  buildMs: Summary;
  /** After it: the queued row written (alone, in its own transaction: the low-traffic case). */
  writeMs: Summary;
  /** build + write, per question. */
  recordMs: Summary;
  /** recordMs p50 / answerMs p50, the write included (target ≤ 0.05). */
  recordingOverhead: number;
  /** buildMs p50 / answerMs p50: what the reply itself waits for. */
  pathOverhead: number;
  /** Writing a queue of rows in one transaction (as under load), per row. */
  batchedWritePerRowMs: number;
  report: { rows: number; ms: number; topics: number; maxEventLoopDelayMs: number; p99EventLoopDelayMs: number };
  /** Reference beside it: the longest stall while the engine answers questions one after another. */
  answeringMaxEventLoopDelayMs: number;
}

const ROUNDS = { full: 3, quick: 2, smallest: 1 } as const;
const REPORT_ROWS = { full: 20_000, quick: 10_000, smallest: 1_000 } as const;
const BATCH = 200;
/** Questions answered back to back for the event-loop reference. */
const REFERENCE_ASKS = 50;
const GUILD = '111111111111111111';

export async function runInsightsSection(ctx: BenchContext): Promise<InsightsResult> {
  const mode = ctx.options.mode;
  const questions = mode === 'smallest' ? ctx.questions.dev : ctx.questions.all;
  const state = await openStateStore({ dataDir: path.join(ctx.tempDir, 'insights-data'), logger: createLogger('silent') });
  try {
    const recorder = new InsightsRecorder(state.insights, new UserHasher(randomBytes(32).toString('hex')), createLogger('silent'));
    const answer: number[] = [];
    const build: number[] = [];
    const write: number[] = [];
    const record: number[] = [];
    await ctx.engine.ask(ctx.spellings.next('warm-up question for insights'));
    let n = 0;
    for (let round = 0; round < ROUNDS[mode]; round++) {
      ctx.log(`insights: recording round ${round + 1}/${ROUNDS[mode]} (${questions.length} questions)`);
      for (const q of questions) {
        const text = ctx.spellings.next(q.question);
        let started = performance.now();
        const a = await ctx.engine.ask(text);
        answer.push(performance.now() - started);
        // Exactly what the bot does: record() on the answer path (row built and queued), then the
        // queued write on a later turn of the event loop (timed here as flush()).
        started = performance.now();
        recorder.record({ id: `b${n++}`, guildId: GUILD, channelId: '555555555555555555', userId: String(100_000_000_000_000_000n + BigInt(n % 50)), question: text, answer: a, askedAt: Date.now(), latencyMs: 10, via: 'ask', replyMode: 'public' });
        const built = performance.now() - started;
        const before = recorder.stats.writeMs;
        await recorder.flush();
        const written = recorder.stats.writeMs - before;
        build.push(built);
        write.push(written);
        record.push(built + written);
      }
    }
    // Under load: one transaction for a queue of rows.
    const base = await state.insights.question('b0');
    const batch = Array.from({ length: BATCH }, (_, i) => ({ ...(base ?? recorderRowFallback()), id: `batch${i}` }));
    const batchStarted = performance.now();
    await state.insights.recordQuestions(batch);
    const batchedWritePerRowMs = (performance.now() - batchStarted) / BATCH;

    // A period of N questions for the report.
    const rows = REPORT_ROWS[mode];
    const day = 86_400_000;
    const now = Date.now();
    const texts = questions.map((q) => q.question);
    ctx.log(`insights: report over ${rows} questions`);
    for (let i = 0; i < rows; i += 1000) {
      await state.insights.recordQuestions(
        Array.from({ length: Math.min(1000, rows - i) }, (_, j) => {
          const k = i + j;
          return { ...(base ?? recorderRowFallback()), id: `p${k}`, question: texts[k % texts.length] ?? 'q', userHash: `u${k % 300}`, askedAt: now - (k % 30) * day - (k % 1000), status: k % 3 === 0 ? ('not-found' as const) : k % 3 === 1 ? ('related' as const) : ('answered' as const) };
        }),
      );
    }
    const reader = new InsightsReader(state, ctx.engine);
    const period = { scope: guildScope(GUILD), since: now - 31 * day, until: now + 1 };
    const started = performance.now();
    const measured = await withEventLoopDelay(() => reader.report(period, { topics: 5, listed: 5 }));
    const reportMs = performance.now() - started;
    const reference = await withEventLoopDelay(async () => {
      for (const q of questions.slice(0, REFERENCE_ASKS)) await ctx.engine.ask(ctx.spellings.next(q.question));
    });
    const answerMs = summarize(answer);
    const recordMs = summarize(record);
    return {
      questions: answer.length,
      answerMs,
      buildMs: summarize(build),
      writeMs: summarize(write),
      recordMs,
      recordingOverhead: ratio(recordMs.p50, answerMs.p50),
      pathOverhead: ratio(summarize(build).p50, answerMs.p50),
      batchedWritePerRowMs: round(batchedWritePerRowMs, 4),
      report: { rows, ms: round(reportMs, 1), topics: measured.value.topics.length, maxEventLoopDelayMs: measured.maxDelayMs, p99EventLoopDelayMs: measured.p99DelayMs },
      answeringMaxEventLoopDelayMs: reference.maxDelayMs,
    };
  } finally {
    await state.close();
  }
}

/** Only if the first recorded row could not be read back (never expected). */
function recorderRowFallback() {
  return {
    id: 'x', scope: guildScope(GUILD), guildId: GUILD, channelId: null, userHash: 'u', askedAt: Date.now(), question: 'q', status: 'answered' as const,
    confidence: 0.5, latencyMs: 10, via: 'ask' as const, replyMode: 'public' as const, passages: [],
  };
}
