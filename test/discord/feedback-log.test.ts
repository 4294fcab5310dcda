import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackLog, feedbackAnswer, type FeedbackEntry } from '../../src/discord/feedback-log.js';
import { answer, excerpt, prose } from './fixtures/synthetic-answers.js';

describe('FeedbackLog', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('appends one complete JSON line per vote, even when many are written at once', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-feedback-'));
    const log = new FeedbackLog(path.join(dir, 'nested', 'feedback.jsonl'));
    const recorded = answer({ excerpts: [excerpt(1, `${prose(50_000, 2)}\nline two`, [])] });
    const entry = (i: number): FeedbackEntry => ({
      at: new Date(0).toISOString(),
      vote: i % 2 ? 'up' : 'down',
      userId: String(i),
      guildId: null,
      channelId: 'c',
      messageId: 'm',
      question: `question ${i}\nwith a newline`,
      answer: feedbackAnswer(recorded),
    });
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.record(entry(i))));
    const lines = (await readFile(log.filePath, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(40);
    const parsed = lines.map((line) => JSON.parse(line) as FeedbackEntry);
    expect(new Set(parsed.map((p) => p.userId)).size).toBe(40);
    expect(parsed[0]?.answer.excerpts[0]?.text.length).toBeGreaterThan(50_000);
  });
});
