// Time spent in the state store per interaction: the store is wrapped (state/timing.ts) and each
// interaction's handler runs in its own async context, so calls made while answering it — however
// many interactions are in flight — add up to that interaction alone. Logged with each handled
// interaction, and reported to BotOptions.onInteractionHandled (the benchmark's load section).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { StateStore } from '../state/index.js';
import { timedState } from '../state/timing.js';

const current = new AsyncLocalStorage<{ stateMs: number; stateCalls: number }>();

export function timedForInteractions(state: StateStore): StateStore {
  return timedState(state, ({ ms }) => {
    const measuring = current.getStore();
    if (measuring) {
      measuring.stateMs += ms;
      measuring.stateCalls += 1;
    }
  });
}

export interface StateUse {
  stateMs: number;
  stateCalls: number;
}

export async function measuringState(body: () => Promise<void>): Promise<StateUse> {
  const use = { stateMs: 0, stateCalls: 0 };
  await current.run(use, body);
  return use;
}
