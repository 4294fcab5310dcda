// N concurrent /ask interactions end to end: the loopback Discord server dispatches them over its
// gateway to the real discord.js client started by startBot, which replies with the answer (or,
// when it is not ready within botLimits.deferAfterMs, defers and edits @original later) over REST.
// Beside it, the engine alone answers the same number of (fresh, uncached) questions with the same
// concurrency; the throughput ratio is the adapter's overhead.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { RESTEvents, type APIUser, type ClientOptions, type UserFlags } from 'discord.js';
import type { Config } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import { type BotOptions, type RunningBot, startBot } from '../../src/discord/bot.js';
import { registerCommands } from '../../src/discord/register-commands.js';
import { discordLimits } from '../../src/discord/limits.js';
import { renderAnswer } from '../../src/discord/render/answer.js';
import { createLogger, type Logger } from '../../src/log.js';
import { PROJECT_ROOT } from '../../test/support/paths.js';
import {
  APPLICATION_ID,
  GUILD_ID,
  INTERACTION_ROUTES,
  LOOPBACK_TOKEN,
  noIdentifyThrottle,
  type RecordedRequest,
  snowflakeAt,
  startLoopbackDiscord,
  type LoopbackDiscord,
} from '../../test/support/loopback/index.js';
import type { BenchContext } from '../context.js';
import { median, medianPairRatio, round, summarize, type Summary, withEventLoopDelay, withPeakRss } from '../stats.js';

const FINAL_REPLY_ROUTE = INTERACTION_ROUTES.editOriginal;
const CALLBACK_ROUTE = INTERACTION_ROUTES.callback;
/** Callback type 4: an immediate message — the answer itself, or a refusal (cooldown, busy). */
const IMMEDIATE_REPLY = 4;
/** Discord's acknowledgement deadline: later callbacks fail with 10062 on the real service. */
const DISCORD_ACK_DEADLINE_MS = discordLimits.interactionAckMs;

export interface DiscordRound {
  e2eWallMs: number;
  engineWallMs: number;
  e2eAnswersPerS: number;
  engineAnswersPerS: number;
  failures: number;
}

export interface RoundsMeasurement {
  rounds: DiscordRound[];
  interactions: number;
  answered: number;
  failures: number;
  /** Each distinct failure (refusal text, HTTP error, timeout) and how often it happened. */
  failureReasons: Record<string, number>;
  /** Error lines the bot logged (each is a failed or apologised interaction). */
  botErrors: number;
  /** Times discord.js's REST client held a request back for its own rate limiter (50 requests/s global by default). */
  clientRateLimitWaits: number;
  /** Dispatch → accepted acknowledgement, the reply itself or a deferral (the 3 s deadline on Discord). */
  ackMs: Summary;
  acksOverDeadline: number;
  /** Answers sent as the interaction's reply (one request) rather than deferred and edited in (two). */
  directReplies: number;
  /** Dispatch → the answer (the reply, or the edit of @original) reaching the server. */
  replyMs: Summary;
  engineAloneMs: Summary;
  e2eAnswersPerS: number;
  engineAnswersPerS: number;
  /** Engine-alone throughput / end-to-end throughput (median over rounds). */
  overhead: number;
  /** How late timers fired while the bot answered (p50 median over rounds, p99/max the worst round): the longest the event loop was blocked. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export interface DiscordResult extends Omit<RoundsMeasurement, 'overhead'> {
  concurrency: number;
  /** The bot's engine-call concurrency (MAX_CONCURRENT_ANSWERS, as deployed). */
  maxConcurrentAnswers: number;
  /** `renderAnswer` alone (answer → embeds, with markdown escaping), per answer, on the main thread. */
  renderMsPerAnswer: Summary;
  /** Engine-alone throughput / end-to-end throughput (median over rounds; target ≤ 1.25). */
  discordOverhead: number;
  peakRssMb: number;
  /**
   * The same measurement with every request behind discord.js's one client-side global limiter
   * (50 requests/s), interaction responses included: the bot before interaction-rest.ts. Discord
   * exempts interaction endpoints from its global rate limit; the deployed bot does too.
   */
  singleLimiter?: RoundsMeasurement;
  /**
   * Every answer deferred, then edited in (two interaction requests each, the path slow answers
   * take): with interaction responses apart (as deployed), and behind the one limiter (before).
   */
  deferredApart?: RoundsMeasurement;
  deferredSingleLimiter?: RoundsMeasurement;
  /** The deployed bot with every question's embedding already cached: the plumbing's cost without ONNX. */
  cachedEmbeddings?: RoundsMeasurement;
}

export function benchUser(i: number): APIUser {
  // Distinct users, as in a busy server (the per-user cooldown is also raised, see config).
  const id = snowflakeAt(Date.UTC(2024, 0, 1) + i, i & 0xfff);
  return {
    id,
    username: `asker${i}`,
    discriminator: '0',
    global_name: `Asker ${i}`,
    avatar: null,
    flags: 0 as UserFlags,
    public_flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
  };
}

function countingLogger(counter: { errors: number }): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() && (JSON.parse(line) as { level: number }).level >= 50) counter.errors++;
      }
      done();
    },
  });
  return createLogger('warn', sink);
}

export interface InteractionOutcome {
  ackMs?: number;
  direct?: boolean;
  replyMs?: number;
  ok: boolean;
  /** Why it is not an answer: the refusal's text, an HTTP error, or a timeout. */
  failure?: string;
}

function isAnswerEdit(request: RecordedRequest): boolean {
  const body = request.body as { embeds?: unknown[] } | undefined;
  return request.route === FINAL_REPLY_ROUTE && request.status < 300 && (body?.embeds?.length ?? 0) > 0;
}

function isDirectAnswer(request: RecordedRequest): boolean {
  const body = request.body as { data?: { embeds?: unknown[] } } | undefined;
  return isImmediateReply(request) && request.status < 300 && (body?.data?.embeds?.length ?? 0) > 0;
}

function isImmediateReply(request: RecordedRequest): boolean {
  return request.route === CALLBACK_ROUTE && (request.body as { type?: number } | undefined)?.type === IMMEDIATE_REPLY;
}

function failureOf(request: RecordedRequest | undefined, responses: readonly RecordedRequest[]): string | undefined {
  const httpError = responses.find((r) => r.status >= 400);
  if (httpError) return `HTTP ${httpError.status} on ${httpError.route ?? httpError.path}`;
  if (!request) return 'no reply before the timeout';
  if (isAnswerEdit(request) || isDirectAnswer(request)) return undefined;
  const body = request.body as { content?: string; data?: { content?: string } } | undefined;
  return `replied without an answer: ${(body?.data?.content ?? body?.content ?? '').slice(0, 80)}`;
}

export async function dispatchAndWait(server: LoopbackDiscord, question: string, user: APIUser, timeoutMs: number, channelId?: string): Promise<InteractionOutcome> {
  const payload = server.sendSlashCommand({ name: 'ask', options: { question }, user, ...(channelId ? { channelId } : {}) });
  const dispatchedAt = performance.now();
  const ack = server.waitForInteractionResponse(payload.id, timeoutMs).then(() => performance.now() - dispatchedAt);
  // The answer edit, or an immediate reply: the answer itself, or a refusal (no edit follows either).
  const reply = server
    .waitForRequest((r) => r.interactionId === payload.id && (r.route === FINAL_REPLY_ROUTE || isImmediateReply(r)), { timeoutMs })
    .then((request) => ({ request, ms: performance.now() - dispatchedAt }));
  const [ackResult, replyResult] = await Promise.allSettled([ack, reply]);
  const ackMs = ackResult.status === 'fulfilled' ? ackResult.value : undefined;
  const replied = replyResult.status === 'fulfilled' ? replyResult.value : undefined;
  const failure = failureOf(replied?.request, server.interactionResponses(payload.id));
  return {
    ...(ackMs !== undefined ? { ackMs } : {}),
    ...(replied && !failure ? { replyMs: replied.ms, direct: isDirectAnswer(replied.request) } : {}),
    ok: !failure,
    ...(failure ? { failure } : {}),
  };
}


export interface BotUnderTest {
  bot: RunningBot;
  counters: { errors: number; rateLimitWaits: number };
}

export interface BenchBotOptions {
  rest?: ClientOptions['rest'];
  /** Interaction responses on their own limiter (default true, as deployed). */
  interactionsApart?: boolean;
  /** 0 defers every answer first (default botLimits.deferAfterMs, as deployed). */
  deferAfterMs?: number;
  /** Called after each interaction with the state store's time for it (the study section). */
  onInteractionHandled?: BotOptions['onInteractionHandled'];
}


export async function startBenchBot(config: Config, dataDir: string, ctx: BenchContext, options: BenchBotOptions = {}): Promise<BotUnderTest> {
  const counters = { errors: 0, rateLimitWaits: 0 };
  const bot = await startBot({ ...config, dataDir }, ctx.engine, countingLogger(counters), {
    ...(options.onInteractionHandled ? { onInteractionHandled: options.onInteractionHandled } : {}),
    readyTimeoutMs: 20_000,
    clientOptions: { ws: { buildIdentifyThrottler: noIdentifyThrottle }, rest: options.rest ?? {} },
    interactionsApart: options.interactionsApart ?? true,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  bot.client.rest.on(RESTEvents.RateLimited, () => counters.rateLimitWaits++);
  return { bot, counters };
}

interface RoundsPlan {
  rounds: number;
  /** Distinct user ids per plan, so no plan meets another's cooldown state. */
  firstUser: number;
  /** Put every question's embedding in the engine's cache before timing: the bot's own cost without ONNX. */
  cachedEmbeddings: boolean;
}

/** Rounds of (N concurrent /ask through the bot) beside (N concurrent engine.ask), order alternating. */
async function measureRounds(ctx: BenchContext, server: LoopbackDiscord, under: BotUnderTest, plan: RoundsPlan): Promise<RoundsMeasurement> {
  const { rounds, firstUser } = plan;
  const { concurrency } = ctx.sizes.discord;
  const questions = ctx.questions.all.map((q) => q.question);
  const questionAt = (i: number) => questions[i % questions.length] ?? 'What is the corpus about?';
  // Bounded: generous for a loaded 2-core machine, yet a hung bot ends the run.
  const timeoutMs = 60_000 + concurrency * 500;
  // An untimed concurrent round first: a client's first burst pays for connections, REST handlers
  // and JIT warm-up (measured: deferral p50 ~500 ms on a cold client vs ~25 ms warm, 50 concurrent).
  const warmUp = Math.min(concurrency, 50);
  await Promise.all(
    Array.from({ length: warmUp }, (_, i) => dispatchAndWait(server, ctx.spellings.next(questionAt(i)), benchUser(firstUser + 900_000 + i), timeoutMs)),
  );
  const errorsBefore = under.counters.errors;
  const waitsBefore = under.counters.rateLimitWaits;

  const outcomes: InteractionOutcome[] = [];
  const engineAlone: number[] = [];
  const roundResults: DiscordRound[] = [];
  const loopDelays: Array<{ maxDelayMs: number; p99DelayMs: number; p50DelayMs: number }> = [];
  const freshTexts = async () => {
    const texts = Array.from({ length: concurrency }, (_, i) => ctx.spellings.next(questionAt(i)));
    if (plan.cachedEmbeddings) for (const text of texts) await ctx.engine.rank(text, 'dense', 1);
    return texts;
  };
  const label = plan.cachedEmbeddings ? ' (embeddings cached)' : '';
  for (let r = 0; r < rounds; r++) {
    const e2e = async () => {
      ctx.log(`discord: round ${r + 1}/${rounds}, ${concurrency} concurrent /ask through the bot${label}`);
      const texts = await freshTexts();
      const started = performance.now();
      // Event-loop delay only while the bot works: the engine-alone round blocks the loop on
      // purpose (all its ONNX runs queue at once), which says nothing about the bot.
      const { value: results, ...delay } = await withEventLoopDelay(() =>
        Promise.all(texts.map((text, i) => dispatchAndWait(server, text, benchUser(firstUser + r * concurrency + i), timeoutMs))),
      );
      loopDelays.push(delay);
      outcomes.push(...results);
      return { wallMs: performance.now() - started, failures: results.filter((o) => !o.ok).length };
    };
    const alone = async () => {
      ctx.log(`discord: round ${r + 1}/${rounds}, ${concurrency} concurrent engine.ask${label}`);
      const texts = await freshTexts();
      const started = performance.now();
      await Promise.all(
        texts.map(async (text) => {
          await ctx.engine.ask(text);
          engineAlone.push(performance.now() - started);
        }),
      );
      return performance.now() - started;
    };
    // Alternate which goes first so neither always meets the calmer machine.
    let e2eResult: { wallMs: number; failures: number };
    let engineWallMs: number;
    if (r % 2 === 0) {
      e2eResult = await e2e();
      engineWallMs = await alone();
    } else {
      engineWallMs = await alone();
      e2eResult = await e2e();
    }
    roundResults.push({
      e2eWallMs: round(e2eResult.wallMs, 1),
      engineWallMs: round(engineWallMs, 1),
      e2eAnswersPerS: round((concurrency / e2eResult.wallMs) * 1000, 2),
      engineAnswersPerS: round((concurrency / engineWallMs) * 1000, 2),
      failures: e2eResult.failures,
    });
  }

  const ackTimes = outcomes.flatMap((o) => (o.ackMs !== undefined ? [o.ackMs] : []));
  const replyTimes = outcomes.flatMap((o) => (o.replyMs !== undefined ? [o.replyMs] : []));
  const totalE2eMs = roundResults.reduce((sum, r) => sum + r.e2eWallMs, 0);
  const totalEngineMs = roundResults.reduce((sum, r) => sum + r.engineWallMs, 0);
  return {
    rounds: roundResults,
    interactions: outcomes.length,
    answered: outcomes.filter((o) => o.ok).length,
    failures: outcomes.filter((o) => !o.ok).length,
    failureReasons: outcomes.reduce<Record<string, number>>((reasons, o) => {
      if (o.failure) reasons[o.failure] = (reasons[o.failure] ?? 0) + 1;
      return reasons;
    }, {}),
    botErrors: under.counters.errors - errorsBefore,
    clientRateLimitWaits: under.counters.rateLimitWaits - waitsBefore,
    ackMs: summarize(ackTimes),
    acksOverDeadline: ackTimes.filter((ms) => ms > DISCORD_ACK_DEADLINE_MS).length,
    directReplies: outcomes.filter((o) => o.direct).length,
    replyMs: summarize(replyTimes),
    engineAloneMs: summarize(engineAlone),
    e2eAnswersPerS: round((outcomes.length / totalE2eMs) * 1000, 2),
    engineAnswersPerS: round((outcomes.length / totalEngineMs) * 1000, 2),
    overhead: medianPairRatio(roundResults.map((r) => ({ subject: r.e2eWallMs, reference: r.engineWallMs }))),
    eventLoopDelayMs: {
      p50: round(median(loopDelays.map((d) => d.p50DelayMs)), 1),
      p99: Math.max(...loopDelays.map((d) => d.p99DelayMs)),
      max: Math.max(...loopDelays.map((d) => d.maxDelayMs)),
    },
  };
}

export interface LoopbackSetUp {
  server: LoopbackDiscord;
  config: Config;
  dataDir: string;
}

/**
 * The loopback server (acknowledgement deadline off) and a bot config pointing at it, with the
 * commands registered. The caller closes `server`.
 */
export async function setUpLoopback(ctx: BenchContext, maxQueuedAnswers: number): Promise<LoopbackSetUp> {
  const dataDir = path.join(ctx.tempDir, 'discord-data');
  await mkdir(dataDir, { recursive: true });
  const server = await startLoopbackDiscord({ interactionDeadlineMs: 0 });
  try {
    const config = loadConfig(
      {
        DISCORD_TOKEN: LOOPBACK_TOKEN,
        DISCORD_CLIENT_ID: APPLICATION_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_BASE: server.apiBase,
        CORPUS_DIR: ctx.workspace.corpusDir,
        EMBEDDINGS_DIR: ctx.workspace.embeddingsDir,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        // Distinct users already; the per-user and per-server allowances are raised and the answer
        // queue holds every question, so no question is refused. MAX_CONCURRENT_ANSWERS stays at
        // its default: engine calls run as deployed.
        COOLDOWN_QUESTIONS: '1000',
        COOLDOWN_SECONDS: '1',
        GUILD_COOLDOWN_QUESTIONS: '100000',
        MAX_QUEUED_ANSWERS: String(maxQueuedAnswers),
      },
      PROJECT_ROOT,
    );
    await registerCommands(config);
    return { server, config, dataDir };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export async function runDiscordSection(ctx: BenchContext): Promise<DiscordResult> {
  const { concurrency, rounds } = ctx.sizes.discord;
  const { server, config, dataDir } = await setUpLoopback(ctx, concurrency + 10);
  try {
    // The bot as deployed: discord.js's default client options.
    const deployed = await startBenchBot(config, dataDir, ctx);
    const extras = ctx.options.mode !== 'smallest';
    let main: RoundsMeasurement;
    let peakRssMb: number;
    let cachedEmbeddings: RoundsMeasurement | undefined;
    try {
      ({ value: main, peakRssMb } = await withPeakRss(() => measureRounds(ctx, server, deployed, { rounds, firstUser: 0, cachedEmbeddings: false })));
      if (extras) cachedEmbeddings = await measureRounds(ctx, server, deployed, { rounds: 1, firstUser: 300_000, cachedEmbeddings: true });
    } finally {
      await deployed.bot.stop();
    }

    const variants: Partial<Record<'singleLimiter' | 'deferredApart' | 'deferredSingleLimiter', RoundsMeasurement>> = {};
    if (extras) {
      const plans = [
        { key: 'singleLimiter', bot: { interactionsApart: false } },
        { key: 'deferredApart', bot: { deferAfterMs: 0 } },
        { key: 'deferredSingleLimiter', bot: { interactionsApart: false, deferAfterMs: 0 } },
      ] as const;
      for (const [i, plan] of plans.entries()) {
        // One bot at a time: two clients on one token would both answer every interaction.
        const variant = await startBenchBot(config, dataDir, ctx, plan.bot);
        try {
          variants[plan.key] = await measureRounds(ctx, server, variant, { rounds: 1, firstUser: 500_000 + i * 100_000, cachedEmbeddings: false });
        } finally {
          await variant.bot.stop();
        }
      }
    }
    // The renderer's share of the bot's main-thread work, measured apart from the round trips.
    const renderMs: number[] = [];
    for (const question of ctx.questions.all) {
      const answer = await ctx.engine.ask(question.question);
      const started = performance.now();
      renderAnswer(answer, 'bench');
      renderMs.push(performance.now() - started);
    }

    const { overhead, ...rest } = main;
    return {
      concurrency,
      maxConcurrentAnswers: config.discord.maxConcurrentAnswers,
      renderMsPerAnswer: summarize(renderMs),
      ...rest,
      discordOverhead: overhead,
      peakRssMb,
      ...variants,
      ...(cachedEmbeddings ? { cachedEmbeddings } : {}),
    };
  } finally {
    await server.close();
  }
}
