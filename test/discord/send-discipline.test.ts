// "Never ping" holds only if every message goes through send.ts. This guards that structurally:
// no other adapter file calls a discord.js method that creates or edits a message.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const adapterDir = path.resolve(import.meta.dirname, '../../src/discord');
const messageMethods = /\.(reply|followUp|editReply|update|send|edit|startThread)\(/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('message sending', () => {
  it('happens only in send.ts (threads are started in message-create.ts, and answered via send.ts)', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(adapterDir)) {
      const relative = path.relative(adapterDir, file);
      if (relative === 'send.ts') continue;
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (!messageMethods.test(line)) return;
        if (relative === path.join('events', 'message-create.ts') && line.includes('message.startThread(')) return;
        offenders.push(`${relative}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('sets allowedMentions on every call in send.ts', async () => {
    const source = await readFile(path.join(adapterDir, 'send.ts'), 'utf8');
    const calls = source.split('\n').filter((line) => /\.(reply|followUp|editReply|update|send)\(\{/.test(line));
    expect(calls.length).toBeGreaterThanOrEqual(6);
    for (const call of calls) expect(call).toMatch(/allowedMentions: noMentions(InReplies)?/);
  });
});
