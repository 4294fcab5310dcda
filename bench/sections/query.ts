// Warm question latency against the query embedding alone. Each uncached sample asks a spelling
// of a question the engine has never seen (a guaranteed embedding-cache miss), and right beside
// it the model embeds the same text with no cache; cached samples then repeat those spellings.
import type { StageTimings } from '../../src/core/types.js';
import type { BenchContext } from '../context.js';
import { ratio, round, summarize, type Summary, timeAsync } from '../stats.js';

export interface StageBreakdown {
  embedMs: Summary;
  lexicalMs: Summary;
  vectorMs: Summary;
  fuseMs: Summary;
  composeMs: Summary;
  /** As the engine reports it (`answer.timings.totalMs`). */
  totalMs: Summary;
}

export interface AskLatency {
  /** Wall-clock time of `engine.ask` as a caller sees it. */
  wallMs: Summary;
  stages: StageBreakdown;
  /** Mean share of each stage in the engine's total. */
  shares: Record<keyof Omit<StageTimings, 'totalMs'>, number>;
}

export interface QueryResult {
  questions: number;
  samples: number;
  /** Every sample a fresh spelling: the embedding is computed (the common case for new questions). */
  uncached: AskLatency;
  /** The same spellings again: the embedding comes from the engine's LRU cache. */
  cached: AskLatency;
  /** The reference: `embedQuery` (the model's `embedOne`, never cached) on the same texts. */
  embedOnlyMs: Summary;
  /** p95 uncached answer / p95 embedding alone (target ≤ 1.5). */
  answerOverEmbed: number;
  /** p50 uncached answer / p50 embedding alone. */
  answerOverEmbedP50: number;
}

function latency(samples: Array<{ wallMs: number; timings: StageTimings }>): AskLatency {
  const pick = (key: keyof StageTimings) => samples.map((s) => s.timings[key]);
  const meanShare = (key: keyof StageTimings) => round(samples.reduce((sum, s) => sum + s.timings[key] / Math.max(s.timings.totalMs, 1e-9), 0) / samples.length);
  return {
    wallMs: summarize(samples.map((s) => s.wallMs)),
    stages: {
      embedMs: summarize(pick('embedMs')),
      lexicalMs: summarize(pick('lexicalMs')),
      vectorMs: summarize(pick('vectorMs')),
      fuseMs: summarize(pick('fuseMs')),
      composeMs: summarize(pick('composeMs')),
      totalMs: summarize(pick('totalMs')),
    },
    shares: {
      embedMs: meanShare('embedMs'),
      lexicalMs: meanShare('lexicalMs'),
      vectorMs: meanShare('vectorMs'),
      fuseMs: meanShare('fuseMs'),
      composeMs: meanShare('composeMs'),
    },
  };
}

export async function runQuerySection(ctx: BenchContext): Promise<QueryResult> {
  const { engine, sizes } = ctx;
  const questions = sizes.query.devOnly ? ctx.questions.dev : ctx.questions.all;
  // One untimed question first: the first ask pays for lazily built structures.
  await engine.ask(ctx.spellings.next('warm-up question about the corpus'));

  const spellings: string[] = [];
  const uncached: Array<{ wallMs: number; timings: StageTimings }> = [];
  const embedOnly: number[] = [];
  for (let pass = 0; pass < sizes.query.rounds; pass++) {
    ctx.log(`query: uncached round ${pass + 1}/${sizes.query.rounds} (${questions.length} questions)`);
    for (const [i, question] of questions.entries()) {
      const text = ctx.spellings.next(question.question);
      spellings.push(text);
      const ask = async () => {
        const run = await timeAsync(() => engine.ask(text));
        uncached.push({ wallMs: run.ms, timings: run.value.timings });
      };
      const embed = async () => {
        embedOnly.push((await timeAsync(() => engine.embedQuery(text))).ms);
      };
      // Alternate the order so neither measurement always follows the other.
      if ((i + pass) % 2 === 0) {
        await ask();
        await embed();
      } else {
        await embed();
        await ask();
      }
    }
  }

  ctx.log(`query: cached pass (${spellings.length} asks)`);
  const cached: Array<{ wallMs: number; timings: StageTimings }> = [];
  for (const text of spellings) {
    const run = await timeAsync(() => engine.ask(text));
    cached.push({ wallMs: run.ms, timings: run.value.timings });
  }

  const uncachedLatency = latency(uncached);
  const embedOnlyMs = summarize(embedOnly);
  return {
    questions: questions.length,
    samples: uncached.length,
    uncached: uncachedLatency,
    cached: latency(cached),
    embedOnlyMs,
    answerOverEmbed: ratio(uncachedLatency.wallMs.p95, embedOnlyMs.p95),
    answerOverEmbedP50: ratio(uncachedLatency.wallMs.p50, embedOnlyMs.p50),
  };
}
