// One quiz answer's state-store calls (read the session, advance it, store the attempt, add the
// review card of a missed item), awaited one interaction at a time on a store opened as the bot
// opens it: the database's own latency per interaction, without the event loop or a connection
// pool shared with other interactions. Used by bench/state-db.ts for SQLite and PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/log.js';
import { guildScope, openStateStore } from '../src/state/index.js';
import { summarize, type Summary } from './stats.js';

/** Interactions timed, after WARM_UP untimed ones (connections opened, statements prepared). */
export const SEQUENTIAL_INTERACTIONS = 500;
const WARM_UP = 50;

export async function measureAnswerCalls(databaseUrl?: string): Promise<Summary> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'footnote-state-calls-'));
  const state = await openStateStore({ dataDir, databaseUrl, logger: createLogger('silent') });
  const scope = guildScope('111111111111111111');
  const times: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + SEQUENTIAL_INTERACTIONS; i++) {
      const userId = String(900_000 + i);
      await state.quiz.createSession(scope, { id: `s${i}`, userId, channelId: null, payload: { items: [{ i }] }, createdAt: i, expiresAt: Number.MAX_SAFE_INTEGER });
      const started = performance.now();
      const session = await state.quiz.session(scope, `s${i}`, i);
      await state.quiz.advanceSession(scope, `s${i}`, session?.position ?? 0, false);
      await state.quiz.recordAttempt(scope, { userId, itemKey: `item-${i}`, docId: 'a.txt', correct: false, points: 0, at: i });
      await state.reviews.addCard(scope, { userId, cardKey: `item-${i}`, source: 'quiz', content: { i }, schedule: {}, due: i }, i);
      if (i >= WARM_UP) times.push(performance.now() - started);
    }
  } finally {
    await state.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return summarize(times);
}
