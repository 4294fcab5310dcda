// Scratch (not committed): the discord section's main rounds alone, N rounds, optional query/build.
import { createBenchContext } from '../context.js';
import { SIZES } from '../options.js';
import { runDiscordSection } from '../sections/discord.js';
import { runQuerySection } from '../sections/query.js';
import { runBuildSection } from '../sections/build.js';

const concurrency = Number(process.env.C ?? 50);
const repeats = Number(process.env.R ?? 3);
const ctx = await createBenchContext({ mode: 'quick', json: false, writeReport: false, annBudgetMinutes: 0 });
try {
  if (process.env.BUILD) {
    const b = await runBuildSection(ctx);
    console.log(JSON.stringify({ pipelineOverhead: b.pipelineOverhead }));
  }
  if (process.env.QUERY) {
    const q = await runQuerySection(ctx);
    console.log(JSON.stringify({ answerOverEmbed: q.answerOverEmbed }));
  }
  ctx.options = { ...ctx.options, mode: 'smallest' };
  ctx.sizes = { ...SIZES.quick, discord: { concurrency, rounds: 1 } };
  for (let i = 0; i < repeats; i++) {
    const d = await runDiscordSection(ctx);
    console.log(JSON.stringify({ c: concurrency, overhead: d.discordOverhead, e2e: d.e2eAnswersPerS, engine: d.engineAnswersPerS, failures: d.failures, loop: d.eventLoopDelayMs, ack: d.ackMs.p95, direct: d.directReplies }));
  }
} finally {
  await ctx.close();
  process.exit(0);
}
