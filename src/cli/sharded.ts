// `npm start` with SHARDING set: this process holds the model, the index and retrieval once, serves
// them to the shards as the answer service (src/service/answer-service.ts, HTTP on 127.0.0.1), and
// runs discord.js's ShardingManager, which starts one process per shard (src/cli/shard.ts) and
// starts a shard again when its process dies while the others keep answering.
//
// Why ShardingManager and not discord-hybrid-sharding: it ships with discord.js (no dependency),
// respawns dead shards, and with the heavy parts in the answer service a shard process is only a
// gateway connection and a REST client. Clusters (several shards per process) pay off when
// thousands of shards make the process count itself the cost; that is a later step (README "Scaling").
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { ConfigError, type Config } from '../config.js';
import type { Engine } from '../core/engine.js';
import type { Logger } from '../log.js';
import { startAnswerService, type RunningAnswerService } from '../service/answer-service.js';
import { SHARD_EXIT_CONFIG } from './shard-exit.js';

const SHARD_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'shard.ts');
/** How long one shard may take from spawn to READY. */
const SHARD_READY_TIMEOUT_MS = 60_000;
/** How long a shard may take to drain after SIGTERM before it is killed. */
const SHARD_EXIT_GRACE_MS = 5000;

export interface ShardedBot {
  manager: ShardingManager;
  service: RunningAnswerService;
  /** Stops respawning, drains every shard (SIGTERM), closes the service and the engine; the exit code. */
  stop(): Promise<number>;
}

/** The shard count Discord recommends for this bot (GET /gateway/bot), through DISCORD_API_BASE when set. */
async function recommendedShardCount(config: Config, token: string): Promise<number> {
  const rest = new REST({ ...(config.discord.apiBase ? { api: config.discord.apiBase } : {}) }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards?: unknown };
  if (typeof gateway.shards !== 'number' || gateway.shards < 1) throw new Error('Discord did not recommend a shard count');
  return gateway.shards;
}

function watchShard(shard: Shard, logger: Logger, onFatal: (shard: Shard) => void, stopping: () => boolean): void {
  // mode 'process': the shard's child is a ChildProcess.
  const asChild = (child: unknown) => child as ChildProcess;
  shard.on('spawn', (spawned) => {
    const child = asChild(spawned);
    logger.info({ shard: shard.id, pid: child.pid }, `shard ${shard.id} process started (pid ${child.pid ?? '?'})`);
  });
  shard.on('ready', () => logger.info({ shard: shard.id }, `shard ${shard.id} online`));
  shard.on('death', (dead) => {
    const child = asChild(dead);
    if (child.exitCode === SHARD_EXIT_CONFIG) {
      logger.error({ shard: shard.id }, `shard ${shard.id} cannot start (a setting to fix, see above): stopping`);
      onFatal(shard);
      return;
    }
    const exit = { shard: shard.id, pid: child.pid, exitCode: child.exitCode, signal: child.signalCode };
    if (stopping()) logger.info(exit, `shard ${shard.id} stopped`);
    else logger.warn(exit, `shard ${shard.id} process died; starting it again (the other shards keep answering)`);
  });
  shard.on('error', (error) => logger.error({ err: error, shard: shard.id }, `shard ${shard.id} error`));
}

async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), SHARD_EXIT_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Starts the answer service over `engine`, then every shard; resolves once all are online. */
export async function startShardedBot(config: Config, engine: Engine, logger: Logger): Promise<ShardedBot> {
  const token = config.discord.token;
  const sharding = config.scale.sharding;
  if (!token || sharding === undefined) throw new ConfigError('SHARDING needs DISCORD_TOKEN (and is "auto" or a number of shards).');
  const service = await startAnswerService(engine, {
    logger,
    port: config.scale.answerService.port,
    limits: { maxConcurrent: config.discord.maxConcurrentAnswers, maxQueued: config.scale.answerService.maxQueued },
  });
  let manager: ShardingManager | undefined;
  let stopping: Promise<number> | undefined;
  const stop = (): Promise<number> => {
    stopping ??= (async () => {
      if (manager) {
        manager.respawn = false;
        await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard)));
      }
      await service.close();
      await engine.close();
      return 0;
    })();
    return stopping;
  };
  try {
    const totalShards = sharding === 'auto' ? await recommendedShardCount(config, token) : sharding;
    // Shards inherit this environment: where the service is. (discord.js adds SHARDS, SHARD_COUNT, the token.)
    process.env.ANSWER_SERVICE_URL = service.url;
    manager = new ShardingManager(SHARD_ENTRY, {
      totalShards,
      token,
      mode: 'process',
      respawn: true,
      // The shard entry is TypeScript, run by tsx like every entry point.
      execArgv: ['--import', import.meta.resolve('tsx')],
    });
    let fatal: Shard | undefined;
    manager.on('shardCreate', (shard) =>
      watchShard(shard, logger, (dead) => {
        fatal = dead;
        void stop().then(() => process.exit(1));
      }, () => stopping !== undefined),
    );
    logger.info({ totalShards, answerService: service.url }, `starting ${totalShards} shards against one answer service`);
    await manager.spawn({ amount: totalShards, delay: config.scale.shardSpawnDelayMs, timeout: SHARD_READY_TIMEOUT_MS });
    if (fatal) throw new ConfigError(`shard ${fatal.id} could not start`);
    return { manager, service, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
