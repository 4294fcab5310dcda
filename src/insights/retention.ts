// INSIGHTS_RETENTION_DAYS, enforced daily: questions, votes and escalations older than the
// retention period are deleted. Driven by the study scheduler's tick (the bot's clock), and run at
// most once a day whatever the tick (the last run is kept in the database, so restarts do not
// repeat it).
import type { Logger } from '../log.js';
import type { InsightsStore, PruneResult } from '../state/index.js';

export const RETENTION_INTERVAL_MS = 86_400_000;

/** Prunes when a day has passed since the last run; returns what was deleted, undefined when not due. */
export async function enforceRetention(store: InsightsStore, now: number, retentionMs: number, logger: Logger): Promise<PruneResult | undefined> {
  const last = await store.lastPrunedAt();
  if (last !== undefined && now - last < RETENTION_INTERVAL_MS && now >= last) return undefined;
  const result = await store.prune(now - retentionMs);
  await store.setLastPrunedAt(now);
  const total = result.questions + result.votes + result.escalations;
  if (total > 0) {
    logger.info({ ...result, retentionDays: Math.round(retentionMs / 86_400_000) }, `insights retention: deleted ${result.questions} questions, ${result.votes} votes and ${result.escalations} escalations older than the retention period`);
  }
  return result;
}
