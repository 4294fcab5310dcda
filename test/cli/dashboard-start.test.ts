// `npm start` (src/cli/main.ts) with the dashboard on a non-loopback address and no token: it
// refuses before loading anything, with one line and no stack trace.
import { describe, expect, it } from 'vitest';
import { runNode } from '../discord/fixtures/child-bot.js';

describe('npm start with DASHBOARD_HOST=0.0.0.0 and no DASHBOARD_TOKEN', () => {
  it('refuses to start, with one clear line', { timeout: 60_000 }, async () => {
    const run = runNode('src/cli/main.ts', { DASHBOARD_PORT: '8765', DASHBOARD_HOST: '0.0.0.0', DASHBOARD_TOKEN: '', LOG_LEVEL: 'info' });
    const exit = await run.exited;
    expect(exit.code).not.toBe(0);
    const lines = run.stderr().trim().split('\n').filter(Boolean);
    expect(lines, run.output()).toEqual([expect.stringMatching(/DASHBOARD_TOKEN is required when DASHBOARD_HOST \(0\.0\.0\.0\) is not a loopback address/)]);
    expect(run.output()).not.toContain('engine ready');
  });
});
