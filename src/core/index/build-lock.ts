// One index build at a time per embeddings folder, across processes (the bot's /reindex and
// `npm run index` may overlap). A lock file holds the owner's pid; a lock whose owner is gone
// (killed mid-build) is taken over, so a crash never blocks builds forever; a process that exits
// mid-build (a signal during `npm start`) removes its lock on the way out.
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';


const LOCK_FILE = '.build.lock';
/** Longer than any build of a corpus this machine can hold (100 documents take ~40 s). */
const LOCK_TIMEOUT_MS = 10 * 60_000;
/** How often a waiting build checks the lock: cheap, and a fraction of a build's duration. */
const LOCK_POLL_MS = 200;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerOf(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(file, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export interface LockOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (ownerPid: number | undefined) => void;
}

/** Runs `work` holding the build lock of `dir`; waits for another build to finish first. */
export async function withBuildLock<T>(dir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { timeoutMs = LOCK_TIMEOUT_MS, pollMs = LOCK_POLL_MS } = options;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await ownerOf(file);
      if (owner !== undefined && owner !== process.pid && !isAlive(owner)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new UserError('index-locked', { pid: owner, dir });
      }
      if (!warned) options.onWait?.(owner);
      warned = true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  const releaseOnExit = () => rmSync(file, { force: true });
  process.once('exit', releaseOnExit);
  try {
    return await work();
  } finally {
    process.off('exit', releaseOnExit);
    await rm(file, { force: true });
  }
}
