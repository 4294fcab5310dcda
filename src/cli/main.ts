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
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    void bot
      .stop()
      .then(() => engine.close())
      .catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
});
