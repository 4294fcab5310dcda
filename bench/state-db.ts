// npx tsx bench/state-db.ts [--quick] — the state database's time per interaction on SQLite and on
// PostgreSQL (a throwaway local server, default durability), side by side, without running the
// whole benchmark: one quiz answer's store calls alone (bench/state-calls.ts), then the study
// section's N concurrent study interactions through the real bot (the full `npm run bench` reports
// the latter in its Study table).
import { createBenchContext } from './context.js';
import { parseArgs } from './options.js';
import { measureStateOnPostgres, measureStateUnderLoad } from './sections/study.js';
import { measureAnswerCalls, SEQUENTIAL_INTERACTIONS } from './state-calls.js';
import { postgresUnavailable, startPostgresCluster } from '../test/support/postgres.js';

const skipped = postgresUnavailable();
console.log(`One quiz answer's store calls (session read, advance, attempt, card), ${SEQUENTIAL_INTERACTIONS} interactions one at a time, ms:\n`);
console.log('| state backend | p50 | p95 | p99 |\n| --- | --- | --- | --- |');
const alone = await measureAnswerCalls();
console.log(`| SQLite | ${alone.p50} | ${alone.p95} | ${alone.p99} |`);
if (skipped) console.log(`| PostgreSQL | skipped: ${skipped} |`);
else {
  const cluster = await startPostgresCluster({ durable: true });
  try {
    const pgAlone = await measureAnswerCalls(await cluster.createDatabase());
    console.log(`| PostgreSQL | ${pgAlone.p50} | ${pgAlone.p95} | ${pgAlone.p99} |`);
  } finally {
    await cluster.stop();
  }
}
console.log('');

const ctx = await createBenchContext(parseArgs(process.argv.slice(2)));
try {
  ctx.log('state under load: SQLite');
  const sqlite = await measureStateUnderLoad(ctx);
  ctx.log('state under load: PostgreSQL');
  const postgres = await measureStateOnPostgres(ctx);
  const row = (name: string, load: typeof sqlite) =>
    `| ${name} | ${load.concurrency} | ${load.stateMsPerInteraction.all.p50} | ${load.stateMsPerInteraction.all.p95} | ${load.stateMsPerInteraction.all.p99} | ${load.stateCallsPerInteraction} | ${load.replyMs.p95} | ${load.failures} |`;
  console.log('| state backend | concurrent | store ms/interaction p50 | p95 | p99 | calls/interaction | reply p95 ms | failures |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(row('SQLite (DATA_DIR)', sqlite));
  console.log('skipped' in postgres ? `| PostgreSQL | skipped: ${postgres.skipped} |` : row('PostgreSQL (DATABASE_URL, local server)', postgres));
  console.log(JSON.stringify({ sqlite, postgres }));
} finally {
  await ctx.close();
}
