// The few things the pgvector store needs from PostgreSQL (queries with parameters, one
// transaction), over either driver: node-postgres (`pg`) for a PostgreSQL server — production,
// any PostgreSQL 15+ with the pgvector extension — or PGlite, PostgreSQL compiled to WebAssembly
// with the same pgvector code, for tests and a single machine without a server. Chosen by the
// URL: `postgres://…` / `postgresql://…` → pg; `pglite:memory` or `pglite:/a/folder` → PGlite.

export interface SqlRows<T> {
  rows: T[];
}

export interface SqlQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<SqlRows<T>>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Which driver: 'pg' or 'pglite'. */
  readonly driver: 'pg' | 'pglite';
}

/** Where the vectors live, without credentials (for log lines). */
export function describeDatabaseUrl(url: string): string {
  if (url.startsWith('pglite:')) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable database URL';
  }
}

async function openPglite(location: string): Promise<SqlClient> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite/vector');
  const db = await PGlite.create({ ...(location === 'memory' ? {} : { dataDir: location }), extensions: { vector } });
  return {
    driver: 'pglite',
    query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params),
    transaction: <T>(work: (tx: SqlQueryable) => Promise<T>) => db.transaction((tx) => work({ query: <R>(sql: string, params?: unknown[]) => tx.query<R>(sql, params) })),
    close: () => db.close(),
  };
}

async function openPg(url: string): Promise<SqlClient> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url });
  // Fail now with the connection problem rather than on the first question.
  await pool.query('SELECT 1');
  const query = async <T>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as T[] });
  return {
    driver: 'pg',
    query,
    transaction: async <T>(work: (tx: SqlQueryable) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as R[] }) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openSqlClient(url: string): Promise<SqlClient> {
  if (url.startsWith('pglite:')) return openPglite(url.slice('pglite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPg(url);
  throw new Error(`VECTOR_DATABASE_URL must start with postgres://, postgresql:// or pglite: (got ${describeDatabaseUrl(url)})`);
}
