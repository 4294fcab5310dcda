// The watcher's batching, on fake timers (no file system): a burst is one batch, changes that
// arrive while a batch is handled form the next one, and a stream that never goes quiet is still
// handled after the longest delay.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChangeBatch, ChangeBatcher } from '../../../src/core/watch/change-batcher.js';

const settings = { debounceMs: 500, maxDelayMs: 5000 };

describe('ChangeBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function batcher(handle: (batch: ChangeBatch) => Promise<void>, held = false) {
    return new ChangeBatcher(handle, settings, { held, now: () => Date.now() });
  }

  it('hands a burst over as one batch once the folder is quiet, latest kind per path', async () => {
    const batches: ChangeBatch[] = [];
    const b = batcher(async (batch) => void batches.push(batch));
    for (let i = 0; i < 100; i++) b.add({ kind: 'add', path: `f${i}.txt` });
    b.add({ kind: 'unlink', path: 'f3.txt' });
    await vi.advanceTimersByTimeAsync(499);
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.size).toBe(100);
    expect(batches[0]?.get('f3.txt')).toBe('unlink');
  });

  it('changes during a batch become exactly one more batch after it', async () => {
    const batches: string[][] = [];
    let finish!: () => void;
    const b = batcher((batch) => {
      batches.push([...batch.keys()]);
      return batches.length === 1 ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve();
    });
    b.add({ kind: 'add', path: 'a.txt' });
    await vi.advanceTimersByTimeAsync(500);
    expect(b.busy).toBe(true);
    b.add({ kind: 'add', path: 'b.txt' });
    b.add({ kind: 'change', path: 'c.txt' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches).toEqual([['a.txt']]);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    // The quiet period had long passed: handled at once.
    expect(batches).toEqual([['a.txt'], ['b.txt', 'c.txt']]);
  });

  it('a stream of changes that never goes quiet is handled after maxDelayMs', async () => {
    const batches: number[] = [];
    const b = batcher(async (batch) => void batches.push(batch.size));
    for (let t = 0; t < 6000; t += 100) {
      b.add({ kind: 'change', path: `log${t}.txt` });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(batches[0]).toBe(50);
  });

  it('a failing batch does not stop the next; held changes wait for release; close drops the rest', async () => {
    const seen: string[][] = [];
    const b = batcher(async (batch) => {
      seen.push([...batch.keys()]);
      if (seen.length === 1) throw new Error('rebuild failed');
    }, true);
    b.add({ kind: 'add', path: 'early.txt' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual([]);
    b.release();
    await vi.advanceTimersByTimeAsync(500);
    b.add({ kind: 'add', path: 'next.txt' });
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toEqual([['early.txt'], ['next.txt']]);
    b.add({ kind: 'add', path: 'late.txt' });
    b.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toHaveLength(2);
  });
});
