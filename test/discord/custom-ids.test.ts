import { describe, expect, it } from 'vitest';
import { encodeCustomId, parseCustomId, type ComponentAction } from '../../src/discord/custom-ids.js';

describe('custom ids', () => {
  const actions: ComponentAction[] = [
    { kind: 'more', conversationId: 'a1b2c3' },
    { kind: 'feedback', conversationId: 'a1b2c3', vote: 'up' },
    { kind: 'feedback', conversationId: 'a1b2c3', vote: 'down' },
    { kind: 'cite', n: 2, paragraph: 14, docId: 'notes:2024/plan.md' },
    { kind: 'cite-ref', conversationId: 'zz9', n: 3 },
    { kind: 'passage', paragraph: 1, docId: '004_ac1d386c61ac9a3c.txt' },
    { kind: 'search-page', conversationId: 'k', offset: 40 },
    { kind: 'documents-page', page: 3 },
  ];

  it.each(actions)('round-trips %o', (action) => {
    const id = encodeCustomId(action);
    expect(id).toBeDefined();
    expect(id?.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(id ?? '')).toEqual(action);
  });

  it('refuses actions that would not fit in 100 characters', () => {
    expect(encodeCustomId({ kind: 'passage', paragraph: 1, docId: 'd'.repeat(100) })).toBeUndefined();
  });

  it.each(['', 'more', 'more:', 'more:UPPER', 'fb:abc:maybe', 'cite:x:1:doc', 'sp:abc:-1', 'docs:', 'other:1', 'psg:1:'])('ignores %j', (id) => {
    expect(parseCustomId(id)).toBeUndefined();
  });
});
