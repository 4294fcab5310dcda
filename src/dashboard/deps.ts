// What the dashboard reads and acts on: the same state store the bot writes, the engine (documents,
// index status, Reindex), and names for ids when the bot is online.
import type { AnswerEngine } from '../core/types.js';
import type { InsightsReader } from '../insights/report.js';
import type { Logger } from '../log.js';
import type { QuestionOutcome, StateStore } from '../state/index.js';
import { html, type SafeHtml } from './html.js';

/** Server and channel names by id (from the bot's cache); ids are shown when a name is unknown. */
export interface NameDirectory {
  guild(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export interface DashboardDeps {
  state: Pick<StateStore, 'insights' | 'escalations'>;
  engine: Pick<AnswerEngine, 'documents' | 'indexStatus' | 'reindex' | 'embedQuery'>;
  reader: InsightsReader;
  names?: NameDirectory;
  logger: Logger;
  now: () => number;
  retentionDays: number;
  /** Writes questions still queued by the bot's recorder, so a page shows the latest. */
  flush?: () => Promise<void>;
}

export const OUTCOME_LABELS: Record<QuestionOutcome, string> = { answered: 'answered', related: 'related only', 'not-found': 'not found' };

export function outcomeBadge(status: QuestionOutcome): SafeHtml {
  return html`<span class="badge ${status}">${OUTCOME_LABELS[status]}</span>`;
}

export function formatTime(ms: number | string): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function serverName(deps: DashboardDeps, guildId: string | null): string {
  if (!guildId) return 'DM';
  return deps.names?.guild(guildId) ?? guildId;
}

export function channelName(deps: DashboardDeps, channelId: string | null): string {
  if (!channelId) return '';
  const name = deps.names?.channel(channelId);
  return name ? `#${name}` : channelId;
}

export function percent(part: number, total: number): string {
  return total > 0 ? `${Math.round((100 * part) / total)} %` : '–';
}
