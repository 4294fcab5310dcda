// npm run copy-state — moves the state from SQLite (DATA_DIR/footnote.db) into the empty PostgreSQL
// database at DATABASE_URL, once, with the bot stopped (README "Scaling"). Then start the bot with
// DATABASE_URL set; footnote.db is left as it was.
import { copyStateToPostgres } from '../state/copy-to-postgres.js';
import { describeDatabaseUrl } from '../state/postgres/pool.js';
import { bootstrap, runCli, UsageError } from './bootstrap.js';

const USAGE = 'Usage: npm run copy-state   (copies DATA_DIR/footnote.db into the empty database at DATABASE_URL)';

runCli(async () => {
  if (process.argv.length > 2) throw new UsageError(USAGE);
  const { config, logger } = bootstrap();
  if (!config.stateDatabaseUrl) throw new UsageError('Set DATABASE_URL to the PostgreSQL database to copy the state into (postgres://user:password@host:5432/db).');
  const { from, counts } = await copyStateToPostgres({ dataDir: config.dataDir, databaseUrl: config.stateDatabaseUrl, logger });
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const nonEmpty = Object.entries(counts).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`);
  console.log(`copied ${total} rows from ${from} to ${describeDatabaseUrl(config.stateDatabaseUrl)}${nonEmpty.length ? ` (${nonEmpty.join(', ')})` : ''}`);
}, { usage: USAGE });
