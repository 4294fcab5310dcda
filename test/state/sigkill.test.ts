// A process killed with SIGKILL in the middle of writing loses nothing it had committed: a child
// writes in a loop through the real store and reports every commit; it is killed mid-write; the
// database then opens cleanly (no recovery, no moved-aside file) and holds every reported row.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { guildScope, openStateStore } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../support/paths.js';

describe('state store under SIGKILL', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every committed row of a writer killed mid-write', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-sigkill-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test/state/fixtures/write-loop.ts'), dir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: number[] = [];
    let stderr = '';
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the writer did not commit 300 rows in time: ${stderr}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (/^\d+$/.test(line)) committed.push(Number(line));
        // Killed while it is writing: it never stops between commits on its own.
        if (committed.length >= 300 && child.exitCode === null && !child.killed) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');

    const warnings: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        warnings.push(chunk.toString('utf8'));
        done();
      },
    });
    const state = await openStateStore({ dataDir: dir, logger: createLogger('warn', sink) });
    try {
      expect(warnings).toEqual([]);
      expect((await readdir(dir)).filter((f) => f.includes('.corrupt-'))).toEqual([]);
      const scope = guildScope('111111111111111111');
      const { bookmarks, total } = await state.bookmarks.list(scope, '4', { offset: 0, limit: 100_000 });
      const stored = new Set(bookmarks.map((b) => b.id));
      expect(committed.filter((id) => !stored.has(id))).toEqual([]);
      // At most the transaction in flight is lost; nothing half-written is visible.
      expect(total).toBeGreaterThanOrEqual(committed.length);
      for (const bookmark of bookmarks) expect(bookmark.excerpt).toHaveLength(2000);
      expect(await state.reviews.totalCount(scope, '4')).toBeGreaterThanOrEqual(committed.length - 1);
    } finally {
      await state.close();
    }
  });
});
