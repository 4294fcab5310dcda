// A QuestionFilter as one WHERE clause over `insight_questions q` with named parameters (`@name`),
// shared by both backends (SQLite binds the names; PostgreSQL turns them into $1… with named.ts).
// Plain SQL only: LOWER, LIKE with an explicit escape character.
import { assertScope } from './scope.js';
import type { QuestionFilter } from './types.js';

export const DAY_MS = 86_400_000;
/** `meta` keys of insights. */
export const SALT_KEY = 'insights:salt';
export const PRUNED_KEY = 'insights:last-pruned-at';
/** A raw Discord user id (a snowflake); hashes are 32 hex characters. */
export const RAW_USER_ID = /^\d{15,22}$/;

/** `%`, `_` and the escape character itself match literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function where(filter: QuestionFilter): { clause: string; params: Record<string, string | number> } {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.scope !== undefined) {
    assertScope(filter.scope);
    parts.push('q.scope = @scope');
    params.scope = filter.scope;
  }
  if (filter.since !== undefined) {
    parts.push('q.asked_at >= @since');
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    parts.push('q.asked_at < @until');
    params.until = filter.until;
  }
  if (filter.status !== undefined) {
    parts.push('q.status = @status');
    params.status = filter.status;
  }
  if (filter.channelId !== undefined) {
    parts.push('q.channel_id = @channelId');
    params.channelId = filter.channelId;
  }
  if (filter.text !== undefined && filter.text.trim()) {
    parts.push("LOWER(q.question) LIKE @text ESCAPE '\\'");
    params.text = likePattern(filter.text.trim());
  }
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
