// The periods insights are read over (Discord's /insights choices and the dashboard's).
export const DAY_MS = 86_400_000;

export const INSIGHT_PERIODS = {
  '7d': { label: 'last 7 days', days: 7 },
  '30d': { label: 'last 30 days', days: 30 },
  '90d': { label: 'last 90 days', days: 90 },
} as const;

export type InsightPeriod = keyof typeof INSIGHT_PERIODS;
export const DEFAULT_PERIOD: InsightPeriod = '30d';

export function isInsightPeriod(value: unknown): value is InsightPeriod {
  return typeof value === 'string' && Object.hasOwn(INSIGHT_PERIODS, value);
}

/** The window [since, until) of a period ending now: whole UTC days, today included. */
export function periodWindow(period: InsightPeriod, now: number): { since: number; until: number; days: number; label: string } {
  const { days, label } = INSIGHT_PERIODS[period];
  const today = Math.floor(now / DAY_MS);
  return { since: (today - days + 1) * DAY_MS, until: now + 1, days, label };
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
