// Scratch: CPU profile of the discord section's rounds only.
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { createBenchContext } from '../context.js';
import { SIZES } from '../options.js';
import { runDiscordSection } from '../sections/discord.js';

const concurrency = Number(process.env.C ?? 200);
const ctx = await createBenchContext({ mode: 'quick', json: false, writeReport: false, annBudgetMinutes: 0 });
const session = new Session();
session.connect();
try {
  ctx.options = { ...ctx.options, mode: 'smallest' };
  ctx.sizes = { ...SIZES.quick, discord: { concurrency, rounds: 1 } };
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const d = await runDiscordSection(ctx);
  const { profile } = await session.post('Profiler.stop');
  await writeFile(process.env.OUT ?? '/tmp/discord.cpuprofile', JSON.stringify(profile));
  console.log(JSON.stringify({ c: concurrency, overhead: d.discordOverhead, e2e: d.e2eAnswersPerS, engine: d.engineAnswersPerS, failures: d.failures }));
} finally {
  await ctx.close();
  process.exit(0);
}
