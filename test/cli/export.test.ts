// `npm run export -- feedback` as an operator runs it: the votes in the state database as JSON
// lines on stdout (logs on stderr), or into --out; a wrong argument is one usage line. The same
// with the state in PostgreSQL (DATABASE_URL), where an unreachable server is one line too.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { openStateStore, scopeOf, type FeedbackEntry } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { freePort } from '../support/postgres.js';
import { describeEachBackend } from '../support/state-backends.js';

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

describeEachBackend('npm run export -- feedback', (backend) => {
  let dir = '';
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    await backend.start();
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-export-'));
    databaseUrl = await backend.freshDatabase();
    const state = await openStateStore({ dataDir: dir, databaseUrl, logger: createLogger('silent') });
    for (let i = 1; i <= 3; i++) await state.feedback.record(scopeOf({ guildId: entry(i).guildId, userId: entry(i).userId }), entry(i));
    await state.close();
  });
  afterAll(async () => {
    await backend.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const exportCli = (args: string[], url = databaseUrl) =>
    run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/export.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: url ?? '', LOG_LEVEL: 'info' },
    });

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

  if (backend.name === 'PostgreSQL') {
    it('answers an unreachable DATABASE_URL with one line and exit code 1', async () => {
      const failed = await exportCli(['feedback'], `postgres://footnote:hunter2-secret@127.0.0.1:${await freePort()}/footnote`).catch((error: { code: number; stderr: string }) => error);
      expect(failed).toMatchObject({ code: 1 });
      const stderr = (failed as { stderr: string }).stderr.trim();
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^The state database \(postgres:\/\/127\.0\.0\.1:\d+\/footnote\) cannot be reached: ECONNREFUSED\. Check DATABASE_URL\.$/);
    });
  }
});
