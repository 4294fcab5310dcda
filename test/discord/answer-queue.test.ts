import { describe, expect, it } from 'vitest';
import { AnswerQueue, type Ticket } from '../../src/discord/answer-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('AnswerQueue', () => {
  it('admits up to maxConcurrent + maxQueued questions, refuses the rest at once, and takes more once one is released', () => {
    const queue = new AnswerQueue({ maxConcurrent: 2, maxQueued: 3 });
    const tickets = Array.from({ length: 5 }, () => queue.admit());
    expect(tickets.every((ticket) => typeof ticket !== 'string')).toBe(true);
    expect(queue.admit()).toBe('busy');
    expect(queue.admit()).toBe('busy');
    (tickets[0] as Ticket).release();
    (tickets[0] as Ticket).release(); // idempotent: frees one place, not two
    expect(typeof queue.admit()).not.toBe('string');
    expect(queue.admit()).toBe('busy');
    expect(queue.stats()).toMatchObject({ inFlight: 5, peakInFlight: 5, refusedBusy: 3 });
  });

  it('runs at most maxConcurrent at once, first come first served, and never more waiting than maxQueued', async () => {
    const queue = new AnswerQueue({ maxConcurrent: 2, maxQueued: 3 });
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const done = gates.map(async (gate, i) => {
      const ticket = queue.admit() as Ticket;
      try {
        await ticket.run(async () => {
          started.push(i);
          running += 1;
          peak = Math.max(peak, running);
          await gate.promise;
          running -= 1;
        });
      } finally {
        ticket.release();
      }
    });
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.stats()).toMatchObject({ running: 2, waiting: 3 });
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await Promise.all(done);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(queue.stats()).toMatchObject({ inFlight: 0, running: 0, waiting: 0, peakRunning: 2, peakWaiting: 3 });
  });

  it('frees the slot when the work throws', async () => {
    const queue = new AnswerQueue({ maxConcurrent: 1, maxQueued: 0 });
    const ticket = queue.admit() as Ticket;
    await expect(ticket.run(() => Promise.reject(new Error('engine failed')))).rejects.toThrow('engine failed');
    ticket.release();
    const next = queue.admit() as Ticket;
    await expect(next.run(async () => 42)).resolves.toBe(42);
    await expect(next.run(async () => 43)).resolves.toBe(43);
    next.release();
    await expect(next.run(async () => 44)).rejects.toThrow(/after release/);
    expect(queue.stats()).toMatchObject({ inFlight: 0, running: 0 });
  });

  it('refuses with "closing" once closed, and drains when the last admitted question is released', async () => {
    const queue = new AnswerQueue({ maxConcurrent: 1, maxQueued: 1 });
    await expect(queue.drained()).resolves.toBeUndefined();
    const a = queue.admit() as Ticket;
    const b = queue.admit() as Ticket;
    queue.close();
    expect(queue.admit()).toBe('closing');
    let drained = false;
    const drain = queue.drained().then(() => (drained = true));
    a.release();
    await tick();
    expect(drained).toBe(false);
    b.release();
    await drain;
    expect(queue.stats()).toMatchObject({ inFlight: 0, refusedClosing: 1, refusedBusy: 0 });
  });
});
