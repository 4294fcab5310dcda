// One shard of the sharded bot (started by the sharding manager, src/cli/sharded.ts — never by
// hand): the discord.js client for the shard ids in SHARDS of SHARD_COUNT (set by discord.js's
// ShardingManager, and read by the client itself), answering through the shared answer service at
// ANSWER_SERVICE_URL. No model, no index here: questions go to the service, documents and
// passages come from its catalogue copy (src/service/remote-engine.ts).
import { SHARD_EXIT_CONFIG } from './shard-exit.js';
import { handleSignals } from './shutdown.js';

const signals = handleSignals();
const { bootstrap, runCli } = await import('./bootstrap.js');
const { ConfigError } = await import('../config.js');
const { startBot } = await import('../discord/bot.js');
const { RemoteAnswerEngine } = await import('../service/remote-engine.js');

runCli(async () => {
  const { config, logger: processLogger } = bootstrap();
  const shard = Number(process.env.SHARDS ?? '0');
  const logger = processLogger.child({ shard });
  signals.logTo(logger);
  // The manager holds this shard's IPC channel: if it is gone (killed, crashed), nothing will
  // restart or stop this process, and the answer service went with it — stop as on SIGTERM.
  process.once('disconnect', () => {
    logger.warn('the sharding manager is gone: stopping this shard');
    process.kill(process.pid, 'SIGTERM');
  });
  const url = config.scale.answerService.url;
  if (!url) throw new ConfigError('ANSWER_SERVICE_URL is not set: shards are started by `npm start` with SHARDING set, which also starts the answer service.');
  const engine = await RemoteAnswerEngine.connect(url, { logger, timeoutMs: config.scale.answerService.timeoutMs });
  signals.closeOnStop(engine);
  const bot = await startBot(config, engine, logger);
  if (signals.stopping) return;
  signals.botOnline(bot, engine, config);
  const guilds = bot.client.guilds.cache.size;
  logger.info({ pid: process.pid, guilds, shardCount: bot.client.options.shardCount }, `shard ${shard} ready: ${guilds} servers, answering through ${url}`);
}, { userErrorExitCode: SHARD_EXIT_CONFIG });
