// A wrong argument to any command-line entry point is one clear line and the usage, exit code 1,
// never node:util's stack trace; --help prints the usage and exits 0. Spawned as a user runs them
// (no model is loaded: the arguments are read first).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/paths.js';

const run = promisify(execFile);

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli', script), ...args], { cwd: PROJECT_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

it.each([
  ['ask.ts', ['--bogus', 'a question'], "Unknown option '--bogus'."],
  ['eval.ts', ['--split'], "Option '--split <value>' argument missing"],
  ['export.ts', ['feedback', '--out'], 'Usage: npm run export'],
])('%s %j: one line and the usage, exit 1', async (script, args, first) => {
  const { code, stderr } = await cli(script, args);
  expect(code).toBe(1);
  expect(stderr).toContain(first);
  expect(stderr).toMatch(/^Usage: npm run /m);
  expect(stderr).not.toMatch(/\n\s+at /);
}, 60_000);

it.each(['ask.ts', 'eval.ts', 'index-corpus.ts', 'copy-state.ts', 'export.ts'])('%s --help prints the usage and exits 0', async (script) => {
  const { code, stdout, stderr } = await cli(script, ['--help']);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Usage: npm run /);
  expect(stderr).toBe('');
}, 60_000);
