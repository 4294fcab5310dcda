// The soak's closed loop between samples: pausing the askers, and quieting the loopback server
// (its recorded requests, frames and messages dropped) so a sample reads the bot's memory alone.
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayLogEntry, LoopbackDiscord, RecordedRequest } from '../test/support/loopback/index.js';
import type { LoopbackPruned } from './sections/soak.js';

/** Pauses the closed loop: `drain` stops new questions and resolves once none is in flight. */
export class LoadGate {
  #inFlight = 0;
  #paused = false;
  #resumed: Array<() => void> = [];
  #drained: Array<() => void> = [];

  async enter(): Promise<void> {
    while (this.#paused) await new Promise<void>((resolve) => this.#resumed.push(resolve));
    this.#inFlight++;
  }

  leave(): void {
    this.#inFlight--;
    if (this.#inFlight === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  async drain(): Promise<void> {
    this.#paused = true;
    if (this.#inFlight > 0) await new Promise<void>((resolve) => this.#drained.push(resolve));
  }

  resume(): void {
    this.#paused = false;
    for (const resolve of this.#resumed.splice(0)) resolve();
  }
}

interface LoopbackInternals {
  gateway?: { sessions?: Map<string, { buffer?: unknown[] }> };
}

/**
 * Drops what the loopback server recorded since the last call: every REST request (with bodies),
 * every gateway frame, the gateway's replay buffer, the interactions and the messages they made.
 * It keeps all of that for tests' assertions, so without this its bookkeeping (tens of KiB per
 * answer) would be the growth the soak reports. Only safe with nothing in flight and no waiter
 * pending: the waiters scan these arrays by position.
 */
export function pruneLoopback(server: LoopbackDiscord, keepMessages: ReadonlySet<string>, totals: LoopbackPruned): void {
  const requests = server.requests as RecordedRequest[];
  totals.requests += requests.length;
  requests.length = 0;
  (server.unhandledRequests as RecordedRequest[]).length = 0;
  const frames = server.gatewayLog as GatewayLogEntry[];
  totals.gatewayFrames += frames.length;
  frames.length = 0;
  const sessions = (server as unknown as LoopbackInternals).gateway?.sessions;
  totals.replayBufferReachable = sessions instanceof Map;
  if (sessions instanceof Map) {
    for (const session of sessions.values()) {
      if (!Array.isArray(session.buffer)) continue;
      totals.replayBuffer += session.buffer.length;
      session.buffer.length = 0;
    }
  }
  const { world } = server;
  totals.interactions += world.interactions.size;
  world.interactions.clear();
  world.interactionsByToken.clear();
  for (const id of [...world.messages.keys()]) {
    if (keepMessages.has(id)) continue;
    world.messages.delete(id);
    totals.messages++;
  }
  for (const [channel, ids] of world.channelMessageIds) world.channelMessageIds.set(channel, ids.filter((id) => keepMessages.has(id)));
}

/** Waits until the server has seen no REST request for `quietMs` (at most `maxMs`): nothing trails an answer. */
export async function settle(server: LoopbackDiscord, quietMs = 50, maxMs = 1000): Promise<void> {
  const until = performance.now() + maxMs;
  let seen = server.requests.length;
  while (performance.now() < until) {
    await sleep(quietMs);
    if (server.requests.length === seen) return;
    seen = server.requests.length;
  }
}
