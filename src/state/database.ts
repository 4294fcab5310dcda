// Opening the SQLite file: WAL journal (readers never block the writer; a commit is one append to
// the log, so a process killed mid-write loses at most the transaction it was in), a busy timeout
// (another process holding the write lock — `npm run export` beside the bot — waits instead of
// failing), migrations, and recovery: a file that is not a database, or fails SQLite's own check,
// is moved aside as `footnote.db.corrupt-<time>` with one log line, and a fresh one is started.
// Never a crash loop: the moved file is not looked at again.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import { migrate, SchemaTooNewError } from './migrations.js';

export const DATABASE_FILE = 'footnote.db';

/** How long a statement waits for another connection's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  /** The folder (DATA_DIR); created when missing. */
  dataDir: string;
  logger: Logger;
  /** File name inside dataDir (default footnote.db). */
  fileName?: string;
  /** For the moved-aside name; tests pass a fixed clock. */
  now?: () => number;
}

export interface OpenedDatabase {
  db: Database;
  file: string;
  /** Set when a damaged file was moved aside: where it went. */
  movedAside?: string;
}

function configure(db: Database): void {
  db.pragma('journal_mode = WAL');
  // NORMAL with WAL: a commit survives the process being killed (the log is written before the
  // commit returns); only a power cut may lose the last commits. FULL would fsync every commit.
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
}

/** Throws when the file is not a healthy SQLite database. */
function verify(db: Database): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') throw new Error(`integrity check failed: ${String(result)}`);
}

function openOnce(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    configure(db);
    verify(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/** Moves the database and its WAL/SHM companions aside; returns the new name of the main file. */
function moveAside(file: string, now: number): string {
  const target = `${file}.corrupt-${stamp(now)}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, options.fileName ?? DATABASE_FILE);
  try {
    return { db: openOnce(file), file };
  } catch (error) {
    // A newer schema is not damage: moving it aside would lose a newer version's data.
    if (error instanceof SchemaTooNewError) throw error;
    if (!existsSync(file)) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const movedAside = moveAside(file, (options.now ?? Date.now)());
    options.logger.warn(
      { file, movedAside, reason },
      `state database ${file} could not be opened (${reason}): moved aside to ${path.basename(movedAside)}, starting a fresh one`,
    );
    return { db: openOnce(file), file, movedAside };
  }
}
