// Measures the time spent in the state store: every method of every sub-store is wrapped, and
// `onCall` receives its name and duration — from the call until its promise settles, which is
// what the interaction waits for: SQLite's synchronous work, or PostgreSQL's round trips (and a
// wait for a pooled connection under load).
import type { StateStore } from './types.js';

export type StateCallListener = (call: { store: string; method: string; ms: number }) => void;

function timedStore<T extends object>(store: T, name: string, onCall: StateCallListener): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const done = () => onCall({ store: name, method: String(property), ms: performance.now() - started });
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          done();
          throw error;
        }
        if (result instanceof Promise) return result.finally(done);
        done();
        return result;
      };
    },
  });
}

export function timedState(state: StateStore, onCall: StateCallListener): StateStore {
  return {
    feedback: timedStore(state.feedback, 'feedback', onCall),
    quiz: timedStore(state.quiz, 'quiz', onCall),
    reviews: timedStore(state.reviews, 'reviews', onCall),
    bookmarks: timedStore(state.bookmarks, 'bookmarks', onCall),
    reading: timedStore(state.reading, 'reading', onCall),
    daily: timedStore(state.daily, 'daily', onCall),
    settings: timedStore(state.settings, 'settings', onCall),
    insights: timedStore(state.insights, 'insights', onCall),
    escalations: timedStore(state.escalations, 'escalations', onCall),
    location: state.location,
    close: () => state.close(),
  };
}
