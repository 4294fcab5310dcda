// npm start — with DISCORD_TOKEN set, the Discord bot; without it, an interactive terminal
// session on the same engine that first says how to connect Discord.
import { startBot } from '../discord/bot.js';
import { bootstrap, runCli } from './bootstrap.js';
import { formatSummary, openEngineForCli } from './open-engine.js';
import { runRepl } from './repl.js';

runCli(async () => {
  const { config, logger } = bootstrap();
  // Warm everything before logging in: the model, the index and one embedding run, so the
  // first question is answered well within Discord's 3-second window.
  const engine = await openEngineForCli(config, logger);
  await engine.ask('warm-up');
  logger.info(`engine ready: ${formatSummary(engine.startup)}`);

  if (!config.discord.token) {
    console.log('Footnote — terminal mode. To run the Discord bot, set DISCORD_TOKEN (and DISCORD_CLIENT_ID) in .env; see README.');
    await runRepl(engine);
    await engine.close();
    return;
  }

  const bot = await startBot(config, engine, logger);
  const { documents, chunks } = engine.stats();
  logger.info({ guilds: bot.client.guilds.cache.size, documents, chunks }, `ready as ${bot.client.user.tag}: ${bot.client.guilds.cache.size} servers, ${documents} documents, ${chunks} passages`);
  // SIGTERM/SIGINT: stop taking questions, finish those in flight (bounded by
  // SHUTDOWN_TIMEOUT_SECONDS), disconnect, close the engine, exit 0 (1 when answers were
  // abandoned or closing failed). A second signal, or a shutdown that hangs, exits at once.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} received again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info({ inFlight: bot.context.work.stats().inFlight }, `${signal} received, shutting down`);
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.discord.shutdownTimeoutMs + 5000).unref();
    void bot
      .stop()
      .then(async (result) => {
        await engine.close();
        logger.info(result.drained ? 'stopped: every answer in flight was delivered' : `stopped: ${result.abandoned} answers abandoned`);
        process.exitCode = result.drained ? 0 : 1;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exitCode = 1;
      })
      .finally(() => process.exit());
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
});
