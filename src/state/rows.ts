// Rows as both backends read them back (the same column names in SQLite and PostgreSQL), and their
// mapping to the interface's objects: one place, so a column is read the same way whichever
// database holds it. Damaged JSON or an unknown scope reads as "no row" rather than throwing
// inside a handler.
import { createHash } from 'node:crypto';
import { fromJson } from './json.js';
import { parseScope } from './scope.js';
import type {
  Bookmark, BookmarkKind, DailySchedule, Escalation, FeedbackEntry, QuestionOutcome, QuestionRecord, QuestionVia, QuizSession, ReadingPosition,
  ReplyMode, ReviewCard, ShownPassage,
} from './types.js';

// ---- feedback ----

export interface FeedbackRow {
  at: string;
  vote: 'up' | 'down';
  user_id: string;
  guild_id: string | null;
  channel_id: string | null;
  message_id: string;
  question: string;
  answer_json: string;
  question_id: string | null;
}

export const FEEDBACK_COLUMNS = 'at, vote, user_id, guild_id, channel_id, message_id, question, answer_json, question_id';

/** A canonical hash of an entry: same fields, same hash, whatever their order in the source line. */
export function entryHash(entry: FeedbackEntry): string {
  const canonical = JSON.stringify([entry.at, entry.vote, entry.userId, entry.guildId, entry.channelId, entry.messageId, entry.question, entry.answer]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function toFeedbackEntry(row: FeedbackRow): FeedbackEntry {
  return {
    at: row.at,
    vote: row.vote,
    userId: row.user_id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    question: row.question,
    ...(row.question_id ? { questionId: row.question_id } : {}),
    answer: JSON.parse(row.answer_json) as FeedbackEntry['answer'],
  };
}

// ---- quiz sessions ----

export interface SessionRow {
  id: string;
  user_id: string;
  channel_id: string | null;
  payload_json: string;
  position: number;
  correct: number;
  created_at: number;
  expires_at: number;
}

export const SESSION_COLUMNS = 'id, user_id, channel_id, payload_json, position, correct, created_at, expires_at';

export function toSession(row: SessionRow): QuizSession | undefined {
  const payload = fromJson(row.payload_json);
  if (payload === undefined) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    channelId: row.channel_id,
    payload,
    position: row.position,
    correct: row.correct,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

// ---- review cards ----

export interface CardRow {
  id: number;
  user_id: string;
  card_key: string;
  source: 'quiz' | 'bookmark';
  content_json: string;
  schedule_json: string;
  due: number;
  created_at: number;
}

export const CARD_COLUMNS = 'id, user_id, card_key, source, content_json, schedule_json, due, created_at';

export function toCard(row: CardRow): ReviewCard | undefined {
  const content = fromJson(row.content_json);
  const schedule = fromJson(row.schedule_json);
  if (content === undefined || schedule === undefined) return undefined;
  return { id: row.id, userId: row.user_id, cardKey: row.card_key, source: row.source, content, schedule, due: row.due, createdAt: row.created_at };
}

// ---- bookmarks and reading positions ----

export interface BookmarkRow {
  id: number;
  user_id: string;
  kind: BookmarkKind;
  doc_id: string;
  paragraph: number;
  title: string;
  excerpt: string;
  content_hash: string | null;
  note: string | null;
  created_at: number;
}

export const BOOKMARK_COLUMNS = 'id, user_id, kind, doc_id, paragraph, title, excerpt, content_hash, note, created_at';

export function toBookmark(row: BookmarkRow): Bookmark {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    docId: row.doc_id,
    paragraph: row.paragraph,
    title: row.title,
    excerpt: row.excerpt,
    ...(row.content_hash ? { contentHash: row.content_hash } : {}),
    ...(row.note ? { note: row.note } : {}),
    createdAt: row.created_at,
  };
}

export interface PositionRow {
  doc_id: string;
  paragraph: number;
  updated_at: number;
}

export const toPosition = (row: PositionRow): ReadingPosition => ({ docId: row.doc_id, paragraph: row.paragraph, updatedAt: row.updated_at });

// ---- passage of the day ----

export interface ScheduleRow {
  scope: string;
  channel_id: string;
  time: string;
  timezone: string;
  collection: string | null;
  created_by: string;
  created_at: number;
  last_post_day: string | null;
}

export const SCHEDULE_COLUMNS = 'scope, channel_id, time, timezone, collection, created_by, created_at, last_post_day';

export function toSchedule(row: ScheduleRow): DailySchedule {
  return {
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    ...(row.collection ? { collection: row.collection } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.last_post_day ? { lastPostDay: row.last_post_day } : {}),
  };
}

// ---- escalations ----

export interface EscalationRow {
  id: string;
  scope: string;
  question_id: string | null;
  guild_id: string | null;
  channel_id: string;
  message_id: string;
  user_hash: string;
  question: string;
  created_at: number;
  resolved_at: number | null;
}

export const ESCALATION_COLUMNS = 'id, scope, question_id, guild_id, channel_id, message_id, user_hash, question, created_at, resolved_at';

export function toEscalation(row: EscalationRow): Escalation | undefined {
  const scope = parseScope(row.scope);
  if (!scope) return undefined;
  return {
    id: row.id,
    scope,
    ...(row.question_id ? { questionId: row.question_id } : {}),
    guildId: row.guild_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    userHash: row.user_hash,
    question: row.question,
    createdAt: row.created_at,
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
  };
}

// ---- insights questions ----

export interface QuestionRow {
  id: string;
  scope: string;
  guild_id: string | null;
  channel_id: string | null;
  user_hash: string;
  asked_at: number;
  question: string;
  status: QuestionOutcome;
  confidence: number;
  latency_ms: number;
  via: QuestionVia;
  reply_mode: ReplyMode;
  passages_json: string;
}

export const QUESTION_COLUMNS = 'q.id, q.scope, q.guild_id, q.channel_id, q.user_hash, q.asked_at, q.question, q.status, q.confidence, q.latency_ms, q.via, q.reply_mode, q.passages_json';

function passagesOf(json: string): ShownPassage[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as ShownPassage[]) : [];
  } catch {
    return [];
  }
}

export function toRecord(row: QuestionRow): QuestionRecord | undefined {
  const scope = parseScope(row.scope);
  if (!scope) return undefined;
  return {
    id: row.id,
    scope,
    guildId: row.guild_id,
    channelId: row.channel_id,
    userHash: row.user_hash,
    askedAt: row.asked_at,
    question: row.question,
    status: row.status,
    confidence: row.confidence,
    latencyMs: row.latency_ms,
    via: row.via,
    replyMode: row.reply_mode,
    passages: passagesOf(row.passages_json),
  };
}

export function records(rows: QuestionRow[]): QuestionRecord[] {
  return rows.map(toRecord).filter((r): r is QuestionRecord => r !== undefined);
}
