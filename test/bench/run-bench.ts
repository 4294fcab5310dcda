// Runs `npm run bench` (bench/run.ts through tsx) in a child process and captures its output.
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths.js';

const TSX_CLI = path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');
const RUN = path.join(PROJECT_ROOT, 'bench/run.ts');
/**
 * Only a hang guard: the smallest run is every section at its smallest sizes (PGlite's pgvector
 * build, shards, the Discord rounds): 54 s alone on 2 cores, over 110 s beside the rest
 * of the suite, so the guard leaves room for a loaded machine.
 */
export const RUN_TIMEOUT_MS = 360_000;

export function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, RUN, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A file's modification time, or undefined when it does not exist. */
export async function mtimeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}
