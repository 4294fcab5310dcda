// Query string → what a page reads: the question filter (outcome, server, channel, dates, text),
// the period of the overview, the page number. Anything malformed is ignored, never an error.
import { DEFAULT_PERIOD, DAY_MS, isInsightPeriod, periodWindow, type InsightPeriod } from '../insights/period.js';
import { guildScope, parseScope, QUESTION_OUTCOMES, type QuestionFilter, type QuestionOutcome } from '../state/index.js';

export type Query = Record<string, string | undefined>;

export const PAGE_ROWS = 50;

function day(text: string | undefined): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

function outcome(text: string | undefined): QuestionOutcome | undefined {
  return QUESTION_OUTCOMES.find((o) => o === text);
}

/** `server` is a guild id, or `dm:<hash>` for one person's DMs. */
export function questionFilter(query: Query): QuestionFilter {
  const server = query.server?.trim();
  const scope = server ? (/^\d{15,22}$/.test(server) ? guildScope(server) : parseScope(server)) : undefined;
  const from = day(query.from);
  const to = day(query.to);
  const status = outcome(query.outcome);
  const text = query.q?.trim().slice(0, 200);
  const channelId = query.channel && /^\d{15,22}$/.test(query.channel) ? query.channel : undefined;
  return {
    ...(scope ? { scope } : {}),
    ...(from !== undefined ? { since: from } : {}),
    ...(to !== undefined ? { until: to + DAY_MS } : {}),
    ...(status ? { status } : {}),
    ...(channelId ? { channelId } : {}),
    ...(text ? { text } : {}),
  };
}

export function period(query: Query): InsightPeriod {
  return isInsightPeriod(query.period) ? query.period : DEFAULT_PERIOD;
}

/** The overview's window, narrowed to a server when one is chosen. */
export function periodFilter(query: Query, now: number): QuestionFilter & { since: number; until: number } {
  const window = periodWindow(period(query), now);
  const { scope } = questionFilter({ server: query.server });
  return { ...(scope ? { scope } : {}), since: window.since, until: window.until };
}

export function pageNumber(query: Query): number {
  const n = Number(query.page);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
