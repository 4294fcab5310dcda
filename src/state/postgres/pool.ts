// The connection pool to the state database (DATABASE_URL), node-postgres (`pg`). BIGINT columns
// (times in ms, ids, counts) and SUMs over them (NUMERIC) are read as JS numbers: every value the
// schema holds is far below 2^53. A server that cannot be reached at start is one clear line
// (a UserError naming the database without its password), not a driver stack trace.
import pg from 'pg';
import { UserError } from '../../core/errors.js';

/**
 * Connections per process. Handlers hold one only for a statement or a short transaction; a few
 * let concurrent interactions overlap, and several processes (shards, the dashboard, an export)
 * stay far below PostgreSQL's default max_connections (100).
 */
export const STATE_POOL_SIZE = 8;
/** How long opening a connection may take before the start fails (or a query waits in the pool). */
export const CONNECT_TIMEOUT_MS = 10_000;

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (text: string) => Number(text);

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? toNumber : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Where the state lives, without credentials (for log lines and errors). */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable database URL';
  }
}

/** The driver's reason in a few words: Node's errno code, PostgreSQL's message, or the first of an AggregateError's. */
export function connectionProblem(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return connectionProblem(error.errors[0]);
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    if (typeof message === 'string' && message.trim()) return message.split('\n')[0] ?? message;
  }
  return String(error);
}

export async function openPool(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: STATE_POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types });
  // An idle connection the server drops (restart, failover) is an event, not an uncaught error:
  // the pool replaces it on the next query.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UserError('state-database-unavailable', { where: describeDatabaseUrl(url), reason: connectionProblem(error) }, { cause: error });
  }
  return pool;
}

/** Runs `work` on one connection in one transaction: committed when it resolves, rolled back when it throws. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
