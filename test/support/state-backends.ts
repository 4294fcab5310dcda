// The state backends every state test runs over: SQLite (always) and PostgreSQL (a throwaway
// server started for the test file: test/support/postgres.ts; skipped, with the reason in the
// suite's name, only when no PostgreSQL binaries exist). Each test gets a fresh place: a new
// temporary DATA_DIR, and on PostgreSQL a new database.
import { describe } from 'vitest';
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from './postgres.js';

export interface StateBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** Why this backend's suite is skipped here, if it is. */
  skipped?: string;
  /** Once per file (beforeAll): starts the server, if the backend has one. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The DATABASE_URL of a fresh, empty database (undefined for SQLite: the state lives in DATA_DIR). */
  freshDatabase(): Promise<string | undefined>;
}

const sqlite: StateBackend = {
  name: 'SQLite',
  start: async () => undefined,
  stop: async () => undefined,
  freshDatabase: async () => undefined,
};

function postgres(): StateBackend {
  let cluster: PostgresCluster | undefined;
  const skipped = postgresUnavailable();
  return {
    name: 'PostgreSQL',
    ...(skipped ? { skipped } : {}),
    async start() {
      cluster = await startPostgresCluster();
    },
    async stop() {
      await cluster?.stop();
      cluster = undefined;
    },
    async freshDatabase() {
      if (!cluster) throw new Error('the PostgreSQL test server is not running');
      return cluster.createDatabase();
    },
  };
}

export function stateBackends(): StateBackend[] {
  return [sqlite, postgres()];
}

/** `describe` per backend; a skipped backend's suite is named with the reason. */
export function describeEachBackend(title: string, body: (backend: StateBackend) => void): void {
  for (const backend of stateBackends()) {
    if (backend.skipped) describe.skip(`${title} on ${backend.name} — ${backend.skipped}`, () => body(backend));
    else describe(`${title} on ${backend.name}`, () => body(backend));
  }
}
