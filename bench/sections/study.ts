// Study features under measurement:
// 1. Quiz generation on a 1,000-document synthetic corpus (bench/synthetic-corpus.ts): the
//    candidate table's one-time build per index generation, then one item per request (p95) and a
//    five-item quiz, both drawn from the table — against Discord's 3 s acknowledgement window.
// 2. The state database under load: N concurrent study interactions through the real bot (a /quiz
//    each — a session written — then N concurrent answers — session read, answer stored, attempt
//    and review card written — then N concurrent /review), with the time each interaction spent
//    in the state store measured by the bot itself (src/discord/state-timing.ts) — on SQLite (the
//    default) and, when PostgreSQL binaries exist, again on a throwaway PostgreSQL server with its
//    default durability (DATABASE_URL; test/support/postgres.ts).
import path from 'node:path';
import { loadCorpus } from '../../src/core/documents/load-corpus.js';
import { generateQuiz } from '../../src/core/study/quiz.js';
import { buildStudyIndex } from '../../src/core/study/study-index.js';
import { DEFAULT_STUDY } from '../../src/core/settings.js';
import { INTERACTION_ROUTES, type LoopbackDiscord } from '../../test/support/loopback/index.js';
import { postgresUnavailable, startPostgresCluster } from '../../test/support/postgres.js';
import { PROJECT_CORPUS } from '../../test/support/paths.js';
import type { BenchContext } from '../context.js';
import { writeSyntheticCorpus } from '../synthetic-corpus.js';
import { round, summarize, type Summary } from '../stats.js';
import { benchUser, setUpLoopback, startBenchBot } from './discord.js';

export interface StudyResult {
  corpusDocuments: number;
  promptSentences: number;
  /** The candidate table's build (once per index generation), ms. */
  tableBuildMs: number;
  /** One item per request, drawn from the table. */
  itemMs: Summary;
  /** A five-item mixed quiz. */
  quizMs: Summary;
  /** p95 of one item / Discord's 3 s window. */
  itemShareOfAckWindow: number;
  concurrency: number;
  /** Time in the state store per interaction, by kind and over all. */
  stateMsPerInteraction: { quiz: Summary; answer: Summary; review: Summary; all: Summary };
  stateCallsPerInteraction: number;
  /** Dispatch → reply on the server, all study interactions. */
  replyMs: Summary;
  failures: number;
  /** The same load with the state in PostgreSQL (DATABASE_URL), or why it did not run. */
  postgres: StateLoad | { skipped: string };
}

/** One run of the state-under-load measurement. */
export type StateLoad = Pick<StudyResult, 'concurrency' | 'stateMsPerInteraction' | 'stateCallsPerInteraction' | 'replyMs' | 'failures'>;

const ACK_WINDOW_MS = 3000;
const QUIZ_ITEMS = 5;
const ITEM_SAMPLES = { full: 500, quick: 200, smallest: 30 } as const;
/** Copies of each of the 5 corpus documents: 200 × 5 = 1,000 documents. */
const COPIES = { full: 200, quick: 200, smallest: 4 } as const;

async function measureGeneration(ctx: BenchContext): Promise<Pick<StudyResult, 'corpusDocuments' | 'promptSentences' | 'tableBuildMs' | 'itemMs' | 'quizMs' | 'itemShareOfAckWindow'>> {
  const dir = path.join(ctx.tempDir, 'study-synthetic');
  const written = await writeSyntheticCorpus(PROJECT_CORPUS, dir, COPIES[ctx.options.mode]);
  const { documents } = await loadCorpus(dir);
  ctx.log(`study: candidate table of ${written} synthetic documents`);
  const index = await buildStudyIndex(documents, DEFAULT_STUDY);
  const item: number[] = [];
  const quiz: number[] = [];
  for (let seed = 1; seed <= ITEM_SAMPLES[ctx.options.mode]; seed++) {
    let started = performance.now();
    generateQuiz(index, { count: 1, mode: seed % 2 ? 'choice' : 'cloze', seed });
    item.push(performance.now() - started);
    started = performance.now();
    generateQuiz(index, { count: QUIZ_ITEMS, mode: 'mixed', seed });
    quiz.push(performance.now() - started);
  }
  const itemMs = summarize(item);
  return { corpusDocuments: documents.length, promptSentences: index.sentences.length, tableBuildMs: round(index.buildMs, 1), itemMs, quizMs: summarize(quiz), itemShareOfAckWindow: round(itemMs.p95 / ACK_WINDOW_MS, 5) };
}

/** Dispatches `count` interactions at once and waits for each one's reply. */
async function burst(server: LoopbackDiscord, count: number, dispatch: (i: number) => string, timeoutMs: number): Promise<{ replyMs: number[]; failures: number }> {
  const replyMs: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const started = performance.now();
      const id = dispatch(i);
      try {
        const reply = await server.waitForRequest((r) => r.interactionId === id && (r.route === INTERACTION_ROUTES.callback || r.route === INTERACTION_ROUTES.editOriginal) && r.status < 300 && r.method !== 'GET' && (r.body as { type?: number } | undefined)?.type !== 5, { timeoutMs });
        replyMs.push(performance.now() - started);
        if (reply.status >= 300) failures++;
      } catch {
        failures++;
      }
    }),
  );
  return { replyMs, failures };
}

/** `databaseUrl`: the state in that PostgreSQL database; unset: SQLite in a data folder of its own. */
export async function measureStateUnderLoad(ctx: BenchContext, databaseUrl?: string): Promise<StateLoad> {
  const concurrency = ctx.sizes.discord.concurrency;
  const { server, config, dataDir } = await setUpLoopback(ctx, concurrency + 10);
  const uses: Array<{ stateMs: number; stateCalls: number }> = [];
  const under = await startBenchBot({ ...config, ...(databaseUrl ? { stateDatabaseUrl: databaseUrl } : {}) }, path.join(dataDir, databaseUrl ? 'study-pg' : 'study'), ctx, {
    onInteractionHandled: (use) => uses.push(use),
  });
  const timeoutMs = 60_000 + concurrency * 500;
  try {
    // Distinct users per backend: the second run meets no cooldown or session of the first.
    const firstUser = databaseUrl ? 800_000 : 700_000;
    // Warm-up: the study table of the bench corpus, and the client's first burst.
    await ctx.engine.quiz({ count: 1, mode: 'choice', seed: 1 });
    // A handler reports after its reply's request returned: wait for every report before counting.
    const take = async () => {
      for (let waited = 0; uses.length < concurrency && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      return uses.splice(0, uses.length);
    };
    ctx.log(`study: ${concurrency} concurrent /quiz through the bot`);
    const quizzes = Array.from({ length: concurrency }, (_, i) => server.slashCommand({ name: 'quiz', options: { kind: 'choice', count: 1 }, user: benchUser(firstUser + i) }));
    const quizBurst = await burst(server, concurrency, (i) => {
      const p = quizzes[i];
      if (p) server.dispatch('INTERACTION_CREATE', p);
      return p?.id ?? '';
    }, timeoutMs);
    const quizUse = await take();
    ctx.log(`study: ${concurrency} concurrent answers`);
    const answerBurst = await burst(server, concurrency, (i) => {
      const state = server.interactionState(quizzes[i]?.id ?? '');
      const messageId = state.original?.id ?? '';
      const choice = (state.original?.components?.[0] as { components?: { custom_id?: string }[] } | undefined)?.components?.[0]?.custom_id ?? 'qc:none:0:0';
      const click = server.button({ customId: choice, message: messageId, user: benchUser(firstUser + i) });
      server.dispatch('INTERACTION_CREATE', click);
      return click.id;
    }, timeoutMs);
    const answerUse = await take();
    ctx.log(`study: ${concurrency} concurrent /review`);
    const reviewBurst = await burst(server, concurrency, (i) => server.sendSlashCommand({ name: 'review', user: benchUser(firstUser + i) }).id, timeoutMs);
    const reviewUse = await take();
    const all = [...quizUse, ...answerUse, ...reviewUse];
    const ms = (list: typeof all) => summarize(list.map((u) => u.stateMs));
    return {
      concurrency,
      stateMsPerInteraction: { quiz: ms(quizUse), answer: ms(answerUse), review: ms(reviewUse), all: ms(all) },
      stateCallsPerInteraction: round(all.reduce((sum, u) => sum + u.stateCalls, 0) / Math.max(1, all.length), 2),
      replyMs: summarize([...quizBurst.replyMs, ...answerBurst.replyMs, ...reviewBurst.replyMs]),
      failures: quizBurst.failures + answerBurst.failures + reviewBurst.failures + under.counters.errors,
    };
  } finally {
    await under.bot.stop();
    await server.close();
  }
}

/** The load again on a PostgreSQL server started for it (fsync and synchronous commit on, as deployed). */
export async function measureStateOnPostgres(ctx: BenchContext): Promise<StateLoad | { skipped: string }> {
  // Like the shards section: the smallest mode (the smoke test's) stays within its time budget.
  if (ctx.options.mode === 'smallest') return { skipped: 'not run in the smallest mode' };
  const skipped = postgresUnavailable();
  if (skipped) return { skipped };
  const cluster = await startPostgresCluster({ durable: true });
  try {
    return await measureStateUnderLoad(ctx, await cluster.createDatabase());
  } finally {
    await cluster.stop();
  }
}

export async function runStudySection(ctx: BenchContext): Promise<StudyResult> {
  const generation = await measureGeneration(ctx);
  const load = await measureStateUnderLoad(ctx);
  ctx.log('study: the same on PostgreSQL');
  const postgres = await measureStateOnPostgres(ctx);
  return { ...generation, ...load, postgres };
}
