// npm start — with DISCORD_TOKEN set, the Discord bot; without it, an interactive terminal
// session on the same engine that first says how to connect Discord. With SHARDING set as well,
// the bot runs as shard processes around one answer service in this process (cli/sharded.ts).
import type { Config } from '../config.js';
import type { CorpusWatcher } from '../core/watch/corpus-watcher.js';
import type { Logger } from '../log.js';
import { handleSignals } from './shutdown.js';

// Signals first: the modules below (model runtime, discord.js) take seconds to load, and a
// SIGTERM meanwhile must already stop the start-up cleanly.
const signals = handleSignals();
const { bootstrap, runCli } = await import('./bootstrap.js');
const { formatSummary, openEngineForCli } = await import('./open-engine.js');
const { startBot } = await import('../discord/bot.js');
const { runRepl } = await import('./repl.js');
const { startCorpusWatcher } = await import('../core/watch/corpus-watcher.js');
const { openDashboard } = await import('./dashboard.js');
const { openStateStore } = await import('../state/index.js');

runCli(async () => {
  const { config, logger } = bootstrap();
  signals.logTo(logger);
  // Watching starts before the index is opened, so a file that arrives meanwhile is not missed;
  // changes are acted on once the engine is attached.
  const watcher = config.watchCorpus
    ? await startCorpusWatcher({ corpusDir: config.corpusDir, exclude: [config.embeddingsDir, config.dataDir], logger })
    : undefined;
  if (!watcher) return run(config, logger);
  signals.stopWatcher(watcher);
  try {
    await run(config, logger, watcher);
  } catch (error) {
    // A failed start-up must still exit: the watcher's handles would keep the process alive.
    await watcher.close();
    throw error;
  }
});

async function run(config: Config, logger: Logger, watcher?: CorpusWatcher): Promise<void> {
  // Warm everything before logging in: the model, the index and one embedding run, so the
  // first question is answered well within Discord's 3-second window.
  const engine = await openEngineForCli(config, logger);
  await engine.ask('warm-up');
  signals.closeOnStop(engine);
  watcher?.attach(engine);
  logger.info(`engine ready: ${formatSummary(engine.startup)}`);

  if (!config.discord.token) {
    signals.release();
    // The dashboard (DASHBOARD_PORT) still shows what the bot recorded while it ran.
    const state = config.dashboard ? await openStateStore({ dataDir: config.dataDir, databaseUrl: config.stateDatabaseUrl, logger }) : undefined;
    const dashboard = state ? await openDashboard(config, engine, state, logger) : undefined;
    console.log('Footnote — terminal mode. To run the Discord bot, set DISCORD_TOKEN (and DISCORD_CLIENT_ID) in .env; see README.');
    await runRepl(engine);
    await dashboard?.close();
    await state?.close();
    await watcher?.close();
    await engine.close();
    return;
  }

  // The study candidate table (quizzes, passage of the day) is built in the background, in batches
  // that yield: the first /quiz on a large corpus then finds it ready.
  engine.studyIndex().then(
    (index) => logger.info({ sentences: index.sentences.length, ms: Math.round(index.buildMs) }, 'study table ready'),
    (error: unknown) => logger.warn({ err: error }, 'study table could not be built; /quiz will retry'),
  );

  if (config.scale.sharding !== undefined) {
    // SHARDING: this process becomes the answer service and the shards' manager (README "Scaling").
    const { startShardedBot } = await import('./sharded.js');
    const sharded = await startShardedBot(config, engine, logger);
    if (signals.stopping) return;
    signals.supervising({ stop: sharded.stop, timeoutMs: config.discord.shutdownTimeoutMs + 10_000 });
    const { documents, chunks } = engine.stats();
    logger.info({ shards: sharded.manager.totalShards, documents, chunks }, `${String(sharded.manager.totalShards)} shards online, answering from one answer service: ${documents} documents, ${chunks} passages`);
    return;
  }

  const bot = await startBot(config, engine, logger);
  // A signal during log-in is already closing the engine and exiting.
  if (signals.stopping) return;
  signals.botOnline(bot, engine, config);
  // Same process, same state store as the bot (it exits with the process).
  await openDashboard(config, engine, bot.context.state, logger, bot);
  const { documents, chunks } = engine.stats();
  logger.info({ guilds: bot.client.guilds.cache.size, documents, chunks }, `ready as ${bot.client.user.tag}: ${bot.client.guilds.cache.size} servers, ${documents} documents, ${chunks} passages`);
}
