// Grouping unanswered questions into topics (by words alone, and with the real model's embeddings),
// and reading a long period in pages that give the event loop back between them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InsightsReader, SCAN_PAGE_ROWS } from '../../src/insights/report.js';
import { groupTopics, type TopicQuestion } from '../../src/insights/topics.js';
import { createLogger } from '../../src/log.js';
import { guildScope, openStateStore } from '../../src/state/index.js';
import { useSharedEngine } from '../support/shared-engine.js';

const engine = useSharedEngine();

function asked(texts: string[]): TopicQuestion[] {
  return texts.map((question, i) => ({ id: `q${i}`, question, askedAt: 1000 + i, userHash: `u${i % 3}` }));
}

describe('unanswered topics', () => {
  it('by words alone: repeats and rephrasings with the same content words meet; other subjects stay apart', async () => {
    const topics = await groupTopics(
      asked([
        'How do I renew a parking permit?',
        'how do i renew a parking permit',
        'Where can I renew my parking permit online?',
        'When is the library open on Sundays?',
        'Is the library open on Sunday?',
        'What is the wifi password?',
      ]),
    );
    expect(topics.map((t) => [t.count, t.label])).toEqual([
      [3, 'parking · permit · renew'],
      [2, 'library · open · sunday'],
      [1, 'password · wifi'],
    ]);
    expect(topics[0]?.questions).toHaveLength(2);
    expect(topics[0]?.people).toBe(3);
    expect(topics[1]?.example).toBe('Is the library open on Sunday?');
  });

  it('with the engine’s embeddings: the same need in different words is one topic', async () => {
    const texts = ['How much does a parking permit for visitors cost?', 'What is the price of a guest parking pass?', 'Who won the football match on Saturday?', 'What was the final score of the weekend football game?'];
    const lexical = await groupTopics(asked(texts));
    const semantic = await groupTopics(asked(texts), (t) => engine().embedQuery(t));
    expect(semantic.length).toBeLessThan(lexical.length);
    const parking = semantic.find((t) => t.questions.some((q) => q.includes('guest parking')));
    expect(parking?.questions.some((q) => q.includes('visitors'))).toBe(true);
    expect(parking?.questions.some((q) => q.includes('football'))).toBe(false);
  });

  it('reads a long period page by page, yielding between pages (answers keep flowing meanwhile)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'footnote-topics-'));
    const state = await openStateStore({ dataDir: dir, logger: createLogger('silent') });
    try {
      const rows = 3 * SCAN_PAGE_ROWS + 10;
      await state.insights.recordQuestions(
        Array.from({ length: rows }, (_, i) => ({
          id: `r${i}`, scope: guildScope('111111111111111111'), guildId: '111111111111111111', channelId: null, userHash: `u${i % 40}`, askedAt: 1_000_000 + i,
          question: `question number ${i % 25} about topic ${i % 7}`, status: i % 4 === 0 ? ('answered' as const) : ('not-found' as const), confidence: 0.5, latencyMs: i % 100,
          via: 'ask' as const, replyMode: 'public' as const, passages: [{ docId: `doc${i % 3}.txt`, chunkId: 'c', paragraph: 1, score: 0.5 }],
        })),
      );
      const reader = new InsightsReader(state, { documents: () => [], embedQuery: (t) => engine().embedQuery(t) });
      let ticks = 0;
      let pages = 0;
      const timer = setInterval(() => ticks++, 0);
      for await (const page of reader.scan({})) {
        pages++;
        expect(page.length).toBeLessThanOrEqual(SCAN_PAGE_ROWS);
      }
      clearInterval(timer);
      expect(pages).toBe(4);
      // Other work ran between the pages: the reader never held the event loop for the whole period.
      expect(ticks).toBeGreaterThanOrEqual(1);
      const citations = await reader.citationCounts({});
      expect([...citations.values()].reduce((a, b) => a + b, 0)).toBe(Math.ceil(rows / 4));
    } finally {
      await state.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
