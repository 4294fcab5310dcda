// The bot's sections of BENCHMARKS.md: Discord throughput, study, shards, insights.
import type { BenchResult } from '../bench.js';
import { fmt, int, ms, summaryCells, table } from './format.js';

/** Concurrent /ask through the real discord.js client and the loopback server. */
export function renderDiscord(r: BenchResult, out: string[]): void {
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

}

/** Quiz generation and the state database under study interactions. */
export function renderStudy(r: BenchResult, out: string[]): void {
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
}

/** Shard processes around one answer service. */
export function renderShards(r: BenchResult, out: string[]): void {
  const d = r.discord;
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

}

/** Recording questions beside answering them, and the report over them. */
export function renderInsights(r: BenchResult, out: string[]): void {
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

}
