import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../src/discord/conversation-store.js';

describe('ConversationStore', () => {
  it('issues short ids that are safe in custom ids', () => {
    const store = new ConversationStore<string>(10, 1000);
    const id = store.add('question');
    expect(id).toMatch(/^[a-z0-9]{1,13}$/);
    expect(store.get(id)).toBe('question');
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const store = new ConversationStore<number>(2, 60_000);
    const first = store.add(1);
    const second = store.add(2);
    store.get(first);
    const third = store.add(3);
    expect(store.get(second)).toBeUndefined();
    expect(store.get(first)).toBe(1);
    expect(store.get(third)).toBe(3);
    expect(store.size).toBe(2);
  });

  it('stores under a chosen key, its age starting again when it is stored again', () => {
    let now = 0;
    const store = new ConversationStore<string>(2, 1000, () => now);
    store.set('thread:1', 'a');
    now = 900;
    store.set('thread:1', 'b');
    now = 1500;
    expect(store.get('thread:1')).toBe('b');
    store.set('dm:2', 'c');
    store.set('dm:3', 'd');
    expect(store.get('thread:1')).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('forgets entries older than its time to live', () => {
    let now = 0;
    const store = new ConversationStore<string>(10, 1000, () => now);
    const id = store.add('q');
    now = 999;
    expect(store.get(id)).toBe('q');
    now = 1001;
    expect(store.get(id)).toBeUndefined();
  });
});
