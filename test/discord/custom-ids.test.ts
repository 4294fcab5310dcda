import { describe, expect, it } from 'vitest';
import { encodeCustomId, encodeModalId, parseCustomId, parseModalId, type ComponentAction } from '../../src/discord/custom-ids.js';

describe('custom ids', () => {
  const actions: ComponentAction[] = [
    { kind: 'more', conversationId: 'a1b2c3' },
    { kind: 'like', conversationId: 'a1b2c3' },
    { kind: 'feedback', conversationId: 'a1b2c3', vote: 'up' },
    { kind: 'feedback', conversationId: 'a1b2c3', vote: 'down' },
    { kind: 'cite', n: 2, paragraph: 14, docId: 'notes:2024/plan.md' },
    { kind: 'cite-ref', conversationId: 'zz9', n: 3 },
    { kind: 'passage', paragraph: 1, docId: '004_ac1d386c61ac9a3c.txt' },
    { kind: 'search-page', conversationId: 'k', offset: 40 },
    { kind: 'documents-page', page: 3 },
    { kind: 'quiz-choice', sessionId: 'q1w2', position: 3, choice: 2 },
    { kind: 'quiz-type', sessionId: 'q1w2', position: 0 },
    { kind: 'quiz-next', sessionId: 'q1w2', position: 4 },
    { kind: 'round-choice', roundId: 'r9', item: 1, choice: 0 },
    { kind: 'daily-choice', seed: 4_000_000_000, paragraph: 7, choice: 3, docId: 'guides/a:b.md' },
    { kind: 'review-show', cardId: 12, due: 1_700_000_000_000 },
    { kind: 'review-rate', cardId: 12, due: 1_700_000_000_000, rating: 'easy' },
    { kind: 'read', paragraph: 9, docId: 'guides/intro.md' },
    { kind: 'save-passage', paragraph: 2, docId: 'x.txt' },
    { kind: 'save-answer', conversationId: 'abc' },
    { kind: 'bookmark-open', id: 5 },
    { kind: 'bookmark-delete', id: 5, offset: 10 },
    { kind: 'bookmark-review', id: 5 },
    { kind: 'bookmarks-page', offset: 5 },
  ];

  it.each([
    { kind: 'quiz-answer', sessionId: 'q1w2', position: 1 },
    { kind: 'save-passage', paragraph: 3, docId: 'guides/a:b.md' },
    { kind: 'save-answer', conversationId: 'zz' },
  ] as const)('round-trips the form %o', (action) => {
    expect(parseModalId(encodeModalId(action) ?? '')).toEqual(action);
  });

  it.each(actions)('round-trips %o', (action) => {
    const id = encodeCustomId(action);
    expect(id).toBeDefined();
    expect(id?.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(id ?? '')).toEqual(action);
  });

  it('refuses actions that would not fit in 100 characters', () => {
    expect(encodeCustomId({ kind: 'passage', paragraph: 1, docId: 'd'.repeat(100) })).toBeUndefined();
  });

  it.each(['', 'more', 'more:', 'more:UPPER', 'like:', 'fb:abc:maybe', 'cite:x:1:doc', 'sp:abc:-1', 'docs:', 'other:1', 'psg:1:', 'qc:abc:1', 'rv:1:zz:meh', 'gr:R:1:1', 'dq:1:1:1:', 'bkd:1'])('ignores %j', (id) => {
    expect(parseCustomId(id)).toBeUndefined();
  });
});
