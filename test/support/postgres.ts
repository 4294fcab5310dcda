// A throwaway PostgreSQL server for tests and the benchmark: `initdb` into a temporary folder,
// `pg_ctl start` on a free loopback port (its socket in the same folder), one fresh database per
// test, everything stopped and deleted afterwards. Uses the machine's PostgreSQL binaries
// (Debian's `postgresql` package: /usr/lib/postgresql/<version>/bin; .ci/run installs it). initdb
// refuses to run as root, so as root the server runs as the `postgres` user (or `nobody`).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The folder holding initdb and pg_ctl: POSTGRES_BIN, Debian's newest version, or PATH. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN) candidates.push(process.env.POSTGRES_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
}

/** Why PostgreSQL tests are skipped on this machine, or undefined when they can run. */
export function postgresUnavailable(): string | undefined {
  return findPostgresBin()
    ? undefined
    : 'PostgreSQL tests skipped: no initdb/pg_ctl found (install Debian\'s "postgresql" package, or set POSTGRES_BIN)';
}

export interface PostgresCluster {
  port: number;
  /** A new, empty database; its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * Keep PostgreSQL's default durability (fsync, synchronous commit): for measurements. Tests turn
   * it off, as nothing in a throwaway cluster must survive a power cut.
   */
  durable?: boolean;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The account the server runs as when we are root, and the command prefix that switches to it. */
function serverAccount(): { prefix: string[]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { prefix: ['runuser', '-u', user, '--'], uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists: initdb cannot run');
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresUnavailable());
  const account = serverAccount();
  const dir = await mkdtemp(path.join(tmpdir(), 'footnote-pg-'));
  if (account.uid !== undefined && account.gid !== undefined) await chown(dir, account.uid, account.gid);
  const data = path.join(dir, 'data');
  const as = async (tool: string, args: string[]) => {
    const [command, ...rest] = [...account.prefix, path.join(bin, tool), ...args];
    return run(command ?? tool, rest, { cwd: dir });
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await as('initdb', ['-D', data, '-U', 'footnote', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
  } catch (error) {
    remove();
    throw error;
  }
  const settings = ['-c listen_addresses=127.0.0.1', `-k ${dir}`, ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'])];
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await as('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', [`-p ${port}`, ...settings].join(' '), 'start']);
      break;
    } catch (error) {
      // The port was taken between choosing it and the server binding it: choose again.
      if (attempt >= 2) {
        remove();
        throw error;
      }
    }
  }
  const stopNow = () => {
    try {
      const [command, ...rest] = [...account.prefix, path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
      execFileSync(command ?? 'pg_ctl', rest, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
    remove();
  };
  // A test process that exits without its afterAll still takes its server with it.
  process.once('exit', stopNow);
  let databases = 0;
  const url = (database: string) => `postgres://footnote@127.0.0.1:${port}/${database}`;
  return {
    port,
    async createDatabase() {
      const name = `footnote_test_${++databases}`;
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}
