import { describe, expect, it } from 'vitest';
import { installProcessGuards } from '../../src/discord/failures.js';
import { createLogger } from '../../src/log.js';
import type { LogLine } from './fixtures/bot-harness.js';
import { Writable } from 'node:stream';

describe('installProcessGuards', () => {
  it('logs unhandled rejections instead of ending the process, until uninstalled', () => {
    const lines: LogLine[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
        done();
      },
    });
    const before = process.listeners('unhandledRejection');
    const uninstall = installProcessGuards(createLogger('info', sink));
    const added = process.listeners('unhandledRejection').filter((listener) => !before.includes(listener));
    expect(added).toHaveLength(1);
    added[0]?.(new Error('lost promise'), Promise.resolve());
    expect(lines[0]).toMatchObject({ level: 50, msg: 'unhandled promise rejection', err: { message: 'lost promise' } });
    uninstall();
    expect(process.listeners('unhandledRejection')).toEqual(before);
  });
});
