// "Never ping" holds only if every message goes through send.ts. This guards that structurally:
// no other adapter file calls a discord.js method that creates or edits a message.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noMentions, noMentionsInReplies, onlyRoleMention } from '../../src/discord/send.js';

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

  it('sets allowedMentions on every call in send.ts: none, or only the helper role in the one function that posts for it', async () => {
    const source = await readFile(path.join(adapterDir, 'send.ts'), 'utf8');
    const calls = source.split('\n').filter((line) => /\.(reply|followUp|editReply|update|send)\(\{/.test(line));
    expect(calls.length).toBeGreaterThanOrEqual(7);
    const roleCalls = calls.filter((call) => /allowedMentions: onlyRoleMention\(roleId\)/.test(call));
    expect(roleCalls).toHaveLength(1);
    for (const call of calls.filter((c) => !roleCalls.includes(c))) expect(call).toMatch(/allowedMentions: noMentions(InReplies)?\b/);
    // No other mention rule is built anywhere in the adapter (the client's default is send.ts's noMentionsInReplies).
    for (const file of await sourceFiles(adapterDir)) {
      const relative = path.relative(adapterDir, file);
      if (relative === 'send.ts') continue;
      const source = await readFile(file, 'utf8');
      expect(source, relative).not.toMatch(/allowed_mentions|onlyRoleMention|roles:\s*\[|parse:\s*\[/);
      for (const use of source.match(/allowedMentions:\s*\w+/g) ?? []) expect(use, relative).toMatch(/allowedMentions: noMentions(InReplies)?$/);
    }
  });

  it('allows no mention at all, or exactly one role id and nothing parsed from the text', () => {
    expect(noMentions).toEqual({ parse: [] });
    expect(noMentionsInReplies).toEqual({ parse: [], repliedUser: false });
    expect(onlyRoleMention('123456789012345678')).toEqual({ parse: [], roles: ['123456789012345678'], repliedUser: false });
    for (const bad of ['', 'everyone', '@here', '123', '123456789012345678,987654321098765432', '<@&123456789012345678>']) expect(() => onlyRoleMention(bad)).toThrow();
  });
});
