// `npm run export -- feedback` as an operator runs it: the votes in the state database as JSON
// lines on stdout (logs on stderr), or into --out; a wrong argument is one usage line.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { openStateStore, scopeOf, type FeedbackEntry } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../support/paths.js';

const run = promisify(execFile);

const entry = (i: number): FeedbackEntry => ({
  at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
  vote: 'up',
  userId: '444444444444444444',
  guildId: i % 2 ? '111111111111111111' : null,
  channelId: null,
  messageId: String(i),
  question: `q${i}`,
  answer: { answered: false, offset: 0, excerpts: [] },
});

describe('npm run export -- feedback', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-export-'));
    const state = await openStateStore({ dataDir: dir, logger: createLogger('silent') });
    for (let i = 1; i <= 3; i++) await state.feedback.record(scopeOf({ guildId: entry(i).guildId, userId: entry(i).userId }), entry(i));
    await state.close();
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const exportCli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/export.ts'), ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'info' } });

  it('prints every vote as one JSON line, nothing else on stdout', async () => {
    const { stdout } = await exportCli(['feedback']);
    expect(stdout.trim().split('\n').map((line) => JSON.parse(line) as FeedbackEntry)).toEqual([entry(1), entry(2), entry(3)]);
  });

  it('writes the same into --out', async () => {
    const out = path.join(dir, 'votes.jsonl');
    const { stderr } = await exportCli(['feedback', '--out', out]);
    expect(stderr).toContain('wrote 3 feedback votes');
    expect((await readFile(out, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('answers a wrong argument with the usage line and exit code 1', async () => {
    const failed = await exportCli(['votes']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim()).toBe('Usage: npm run export -- feedback [--out FILE]');
  });
});
