// Starting and stopping the Discord bot.
import { on, once } from 'node:events';
import { DiscordjsError, DiscordjsErrorCodes, Events, type Client, type ClientOptions, type CloseEvent } from 'discord.js';
import { ConfigError, type Config } from '../config.js';
import type { AnswerEngine } from '../core/types.js';
import type { Logger } from '../log.js';
import { DisabledInsights, InsightsRecorder, type Insights } from '../insights/recorder.js';
import { openUserHasher, UserHasher } from '../insights/user-hash.js';
import { openStateStore, type StateStore } from '../state/index.js';
import { randomBytes } from 'node:crypto';
import { createClient } from './client.js';
import { createBotContext, type BotContext } from './context.js';
import { logClientDiagnostics } from './events/diagnostics.js';
import { explainFatalGatewayClose } from './gateway-close.js';
import { createInteractionHandler } from './events/interaction-create.js';
import { createMessageHandler } from './events/message-create.js';
import { StudyScheduler } from './study/scheduler.js';

export interface BotOptions {
  /** Extra discord.js client options (tests shorten REST retries and timeouts). */
  clientOptions?: Partial<ClientOptions>;
  /** The state store; default: opened in DATA_DIR, and closed by `stop()`. */
  state?: StateStore;
  /** How long to wait for the gateway's READY before giving up. */
  readyTimeoutMs?: number;
  /** Answers slower than this are deferred first (default botLimits.deferAfterMs; tests use 0 to force the deferred path). */
  deferAfterMs?: number;
  /** Interaction responses on their own REST limiter (default true; see client.ts). */
  interactionsApart?: boolean;
  now?: () => number;
  /** Told about every handled interaction: its time and its time in the state store. */
  onInteractionHandled?: (use: { ms: number; stateMs: number; stateCalls: number }) => void;
}

export interface StopOptions {
  /** How long to wait for answers in flight; default SHUTDOWN_TIMEOUT_SECONDS. */
  drainTimeoutMs?: number;
}

export interface StopResult {
  /** True when every admitted question got its reply (or failed) before the timeout. */
  drained: boolean;
  /** Questions still in flight when the timeout ended the wait. */
  abandoned: number;
}

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  /**
   * Graceful stop: refuses new questions ("shutting down"), waits for the ones in flight — engine
   * call and reply — for at most the drain timeout, then disconnects. Idempotent.
   */
  stop(options?: StopOptions): Promise<StopResult>;
}

const defaultReadyTimeoutMs = 60_000;

/** Resolves on READY; rejects on timeout or when the gateway closes for good before it. */
async function waitForReady(client: Client, timeoutMs: number, cancel: AbortSignal): Promise<Client<true>> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const settled = new AbortController();
  const signal = AbortSignal.any([timeout, cancel, settled.signal]);
  const fatalClose = (async () => {
    for await (const [event] of on(client, Events.ShardDisconnect, { signal }) as AsyncIterable<[CloseEvent]>) {
      const explanation = explainFatalGatewayClose(event.code);
      if (explanation) throw new ConfigError(`${explanation} (gateway close code ${event.code})`);
    }
    throw new Error('unreachable: the disconnect listener ended without an abort');
  })();
  try {
    const [ready] = (await Promise.race([once(client, Events.ClientReady, { signal }), fatalClose])) as [Client<true>];
    return ready;
  } catch (error) {
    if (timeout.aborted) throw new Error(`Discord did not report ready within ${timeoutMs / 1000} s`, { cause: error });
    throw error;
  } finally {
    fatalClose.catch(() => undefined);
    settled.abort();
  }
}

async function drainAndDestroy(client: Client, context: BotContext, timeoutMs: number): Promise<StopResult> {
  const { logger, work, documentChanges } = context;
  work.close();
  context.rounds.stopAll();
  await context.scheduler?.stop();
  const inFlight = work.stats().inFlight + documentChanges.size;
  if (inFlight > 0) logger.info({ inFlight, timeoutMs }, `finishing ${inFlight} answers and document changes in flight before disconnecting`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const drained = await Promise.race([Promise.all([work.drained(), documentChanges.drained()]).then(() => true as const), timedOut]);
  clearTimeout(timer);
  const abandoned = drained ? 0 : work.stats().inFlight + documentChanges.size;
  if (!drained) logger.warn({ abandoned, timeoutMs }, `shutdown timeout: ${abandoned} answers still in flight are abandoned`);
  await client.destroy();
  return { drained, abandoned };
}

/**
 * INSIGHTS on: the recorder, its key (INSIGHTS_SALT or the one kept in the database), and votes
 * stored with raw user ids by earlier versions rewritten to hashes. Off: nothing stored, not even a key.
 */
async function openInsights(config: Config, state: StateStore, logger: Logger): Promise<Insights> {
  if (!config.insights.enabled) return new DisabledInsights(new UserHasher(config.insights.salt ?? randomBytes(32).toString('hex')));
  const hasher = await openUserHasher(state.insights, config.insights.salt);
  const rewritten = await state.insights.pseudonymiseVotes((id) => hasher.hash(id));
  if (rewritten > 0) logger.info({ rewritten }, `insights: ${rewritten} stored votes now keep the voter as a keyed hash instead of the user id`);
  return new InsightsRecorder(state.insights, hasher, logger);
}

/** Logs in, answers until `stop()`; resolves once the gateway is ready. */
export async function startBot(config: Config, engine: AnswerEngine, logger: Logger, options: BotOptions = {}): Promise<RunningBot> {
  const token = config.discord.token;
  if (!token) throw new ConfigError('DISCORD_TOKEN is not set: the bot needs its token from the Discord Developer Portal (Bot → Reset Token).');
  // The state first: a database that cannot be opened stops the start before logging in.
  const ownsState = !options.state;
  const state = options.state ?? (await openStateStore({ dataDir: config.dataDir, databaseUrl: config.stateDatabaseUrl, logger, now: options.now }));
  const insights = await openInsights(config, state, logger);
  const client = createClient(config, options.clientOptions, { interactionsApart: options.interactionsApart });
  const context = createBotContext(config, engine, state, logger, { deferAfterMs: options.deferAfterMs, now: options.now, onInteractionHandled: options.onInteractionHandled, insights });
  logClientDiagnostics(client, logger);
  const onInteraction = createInteractionHandler(context);
  const onMessage = createMessageHandler(context);
  // Handlers contain their own failures; the catch is for bugs in that containment.
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((error: unknown) => logger.error({ err: error }, 'interaction handler crashed'));
  });
  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) => logger.error({ err: error }, 'message handler crashed'));
  });
  const giveUp = new AbortController();
  const ready = waitForReady(client, options.readyTimeoutMs ?? defaultReadyTimeoutMs, giveUp.signal);
  // If login fails first, `ready` is abandoned: its rejection is expected, not unhandled.
  ready.catch(() => undefined);
  try {
    await client.login(token);
    const readyClient = await ready;
    // Daily posts and reminders: a first pass now (a post missed while offline), then every tick.
    context.scheduler = new StudyScheduler(context, readyClient);
    context.scheduler.start();
    let stopping: Promise<StopResult> | undefined;
    const stop = (stopOptions: StopOptions = {}) => {
      stopping ??= drainAndDestroy(client, context, stopOptions.drainTimeoutMs ?? config.discord.shutdownTimeoutMs).finally(async () => {
        await context.insights.flush();
        if (ownsState) await state.close();
      });
      return stopping;
    };
    return { client: readyClient, context, stop };
  } catch (error) {
    giveUp.abort();
    await client.destroy();
    if (ownsState) await state.close();
    if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
      // An operator's fix, not a crash: one line, no stack (and, as everywhere, never the token).
      throw new ConfigError('Discord rejected DISCORD_TOKEN (invalid token): copy the bot token again from the Developer Portal (Bot → Reset Token).', { cause: error });
    }
    throw error;
  }
}
