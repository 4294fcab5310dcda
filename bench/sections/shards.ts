// `npm start` with SHARDING=N (N = 1, 2, 4), as deployed: one manager process holding the model
// and index as the answer service, N shard processes, against a loopback Discord that asks for N
// shards and holds one server per shard. The same concurrent /ask load, spread over the servers,
// goes through every configuration: answers/s end to end, reply p95, and the memory of each
// process (the answer service holds one model and index, however many shards there are).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  APPLICATION_ID,
  DEFAULT_BOT_PERMISSIONS,
  LOOPBACK_TOKEN,
  copyGuild,
  defaultGuild,
  guildIdOnShard,
  startLoopbackDiscord,
} from '../../test/support/loopback/index.js';
import { PROJECT_ROOT } from '../../test/support/paths.js';
import type { BenchContext } from '../context.js';
import { round, summarize, type Summary } from '../stats.js';
import { benchUser, dispatchAndWait } from './discord.js';

export interface ShardRun {
  shards: number;
  interactions: number;
  failures: number;
  answersPerS: number;
  replyMs: Summary;
  /** Resident memory after the load: the manager (answer service: model + index), and each shard. */
  serviceRssMb: number;
  shardRssMb: number[];
  totalRssMb: number;
  /** The engine alone in the bench process, the same number of fresh questions at once, right after. */
  engineAnswersPerS: number;
  /** Engine-alone throughput / end-to-end throughput (the discord section's overhead, sharded). */
  overhead: number;
}

export interface ShardsResult {
  concurrency: number;
  runs: ShardRun[];
}

const STARTUP_TIMEOUT_MS = 180_000;

async function rssMb(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? round(Number(kb) / 1024, 1) : 0;
}

function startManager(env: Record<string, string>): { child: ChildProcess; output: () => string; waitFor: (pattern: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DISCORD_GUILD_ID: '', ANSWER_CHANNEL_IDS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (pattern.test(text)) finish();
        else if (child.exitCode !== null) finish(new Error(`the sharded bot exited: ${text.slice(-2000)}`));
        else if (Date.now() - started > STARTUP_TIMEOUT_MS) finish(new Error(`no ${pattern} in time: ${text.slice(-2000)}`));
      }, 50);
      const finish = (error?: Error) => {
        clearInterval(poll);
        if (error) reject(error);
        else resolve();
      };
    });
  return { child, output: () => text, waitFor };
}

async function measure(ctx: BenchContext, shards: number, concurrency: number, rounds: number): Promise<ShardRun> {
  const template = defaultGuild(DEFAULT_BOT_PERMISSIONS);
  const guilds = Array.from({ length: shards }, (_, shard) => copyGuild(template, guildIdOnShard(shard, shards), `bench ${shard}`, shard + 1));
  const channels = guilds.map((guild) => guild.channels.find((c) => 'name' in c && c.name === 'general')?.id ?? '');
  const server = await startLoopbackDiscord({ shards, guilds, interactionDeadlineMs: 0 });
  const manager = startManager({
    DISCORD_TOKEN: LOOPBACK_TOKEN,
    DISCORD_CLIENT_ID: APPLICATION_ID,
    DISCORD_API_BASE: server.apiBase,
    SHARDING: String(shards),
    SHARD_SPAWN_DELAY_SECONDS: '0',
    CORPUS_DIR: ctx.workspace.corpusDir,
    EMBEDDINGS_DIR: ctx.workspace.embeddingsDir,
    DATA_DIR: path.join(ctx.tempDir, `shards-${shards}-data`),
    LOG_LEVEL: 'info',
    COOLDOWN_QUESTIONS: '1000',
    COOLDOWN_SECONDS: '1',
    GUILD_COOLDOWN_QUESTIONS: '100000',
    MAX_QUEUED_ANSWERS: String(concurrency + 10),
    ANSWER_SERVICE_MAX_QUEUED: String(concurrency + 10),
  });
  try {
    await manager.waitFor(new RegExp(`${shards} shards online`));
    const questions = ctx.questions.all.map((q) => q.question);
    const questionAt = (i: number) => questions[i % questions.length] ?? 'What is the corpus about?';
    const timeoutMs = 60_000 + concurrency * 500;
    const burst = (count: number, firstUser: number) =>
      Promise.all(Array.from({ length: count }, (_, i) => dispatchAndWait(server, ctx.spellings.next(questionAt(i)), benchUser(firstUser + i), timeoutMs, channels[i % shards])));
    ctx.log(`shards ${shards}: warm-up`);
    await burst(Math.min(concurrency, 50), 800_000 + shards * 10_000);
    const outcomes = [];
    let wallMs = 0;
    for (let r = 0; r < rounds; r++) {
      ctx.log(`shards ${shards}: round ${r + 1}/${rounds}, ${concurrency} concurrent /ask over ${shards} servers`);
      const started = performance.now();
      outcomes.push(...(await burst(concurrency, 1_000_000 + shards * 100_000 + r * concurrency)));
      wallMs += performance.now() - started;
    }
    // The reference, while the sharded bot idles: the engine alone on the same number of fresh questions.
    let engineMs = 0;
    for (let r = 0; r < rounds; r++) {
      const texts = Array.from({ length: concurrency }, (_, i) => ctx.spellings.next(questionAt(i)));
      const started = performance.now();
      await Promise.all(texts.map((text) => ctx.engine.ask(text)));
      engineMs += performance.now() - started;
    }
    const engineAnswersPerS = round(((concurrency * rounds) / engineMs) * 1000, 1);
    const shardPids = Array.from({ length: shards }, (_, shard) => [...manager.output().matchAll(new RegExp(`shard ${shard} process started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1])).at(-1));
    const shardRssMb = await Promise.all(shardPids.map((pid) => rssMb(pid)));
    const serviceRssMb = await rssMb(manager.child.pid);
    return {
      shards,
      interactions: outcomes.length,
      failures: outcomes.filter((o) => !o.ok).length,
      answersPerS: round((outcomes.length / wallMs) * 1000, 1),
      replyMs: summarize(outcomes.flatMap((o) => (o.replyMs !== undefined ? [o.replyMs] : []))),
      serviceRssMb,
      shardRssMb,
      totalRssMb: round(serviceRssMb + shardRssMb.reduce((a, b) => a + b, 0), 1),
      engineAnswersPerS,
      overhead: round(engineAnswersPerS / ((outcomes.length / wallMs) * 1000), 3),
    };
  } finally {
    const exited = new Promise<void>((resolve) => (manager.child.exitCode !== null ? resolve() : manager.child.once('exit', () => resolve())));
    manager.child.kill('SIGTERM');
    const killer = setTimeout(() => manager.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
    await server.close();
  }
}

export async function runShardsSection(ctx: BenchContext): Promise<ShardsResult> {
  const { counts, concurrency, rounds } = ctx.sizes.shards;
  const runs: ShardRun[] = [];
  for (const shards of counts) runs.push(await measure(ctx, shards, concurrency, rounds));
  return { concurrency, runs };
}
