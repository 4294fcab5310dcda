// The path every question takes, whatever asked it (/ask, /search, a mention, a DM, an answer
// channel, "more passages", search pages): validate, rate-limit (per user, then per server), take a
// place in the bounded answer queue, ask the engine in a free slot, remember the answer for its
// buttons, render.
import type { QuestionVia, ReplyMode } from '../state/index.js';
import type { Refusal, Ticket } from './answer-queue.js';
import type { BotContext } from './context.js';
import { busyText, checkQuestion, cooldownProblem, guildCooldownProblem, shuttingDownText } from './question-input.js';
import { renderAnswer, type AnswerButtonOptions } from './render/answer.js';
import { answerKey } from './follow-ups.js';
import { renderNotice } from './render/notice.js';
import type { MessageView } from './render/view.js';

/** Who is asking: the per-user limit uses the user, the per-server limit the server (none in DMs). */
export interface Asker {
  userId: string;
  guildId: string | null;
}

export type WorkAdmission = { ok: true; ticket: Ticket } | { ok: false; view: MessageView; reason: 'cooldown' | Refusal };
export type Admission = { ok: true; question: string; ticket: Ticket } | { ok: false; view: MessageView; reason: 'input' | 'cooldown' | Refusal };

/** Input checks first, so a malformed question does not use up anyone's allowance or a queue place. */
export function admitQuestion(context: BotContext, raw: string, asker: Asker): Admission {
  const check = checkQuestion(raw, context.config.discord.maxQuestionChars);
  if (!check.ok) return { ok: false, view: renderNotice(check.problem), reason: 'input' };
  const admission = admitWork(context, asker);
  return admission.ok ? { ok: true, question: check.question, ticket: admission.ticket } : admission;
}

/**
 * The per-user and per-server allowances, then a place in the queue. Synchronous, so a refusal is
 * sent at once. A question refused by a later check gives back what the earlier ones counted.
 */
export function admitWork(context: BotContext, asker: Asker): WorkAdmission {
  const user = context.cooldown.take(asker.userId);
  if (!user.allowed) return { ok: false, view: renderNotice(cooldownProblem(user.retryAfterMs, context.cooldown.rule)), reason: 'cooldown' };
  const guildId = asker.guildId;
  if (guildId) {
    const guild = context.guildCooldown.take(guildId);
    if (!guild.allowed) {
      context.cooldown.undo(asker.userId);
      return { ok: false, view: renderNotice(guildCooldownProblem(guild.retryAfterMs, context.guildCooldown.rule)), reason: 'cooldown' };
    }
  }
  const admission = admitToQueue(context);
  if (!admission.ok) {
    context.cooldown.undo(asker.userId);
    if (guildId) context.guildCooldown.undo(guildId);
  }
  return admission;
}

/** A place in the queue only (for work that repeats an admitted question, such as a search page). */
export function admitToQueue(context: BotContext): WorkAdmission {
  const ticket = context.work.admit();
  if (typeof ticket !== 'string') return { ok: true, ticket };
  if (ticket === 'busy') logBusy(context);
  return { ok: false, view: renderNotice(ticket === 'busy' ? busyText : shuttingDownText), reason: ticket };
}

/** Refusals come in floods: one warning per interval, with the running count, is enough. */
const busyLogIntervalMs = 10_000;

function logBusy(context: BotContext): void {
  const now = context.now();
  if (context.lastBusyLogMs !== undefined && now - context.lastBusyLogMs < busyLogIntervalMs) return;
  context.lastBusyLogMs = now;
  const { inFlight, running, waiting, refusedBusy } = context.work.stats();
  context.logger.warn({ inFlight, running, waiting, refusedBusy }, 'answer queue full: refusing questions with "busy" (MAX_CONCURRENT_ANSWERS / MAX_QUEUED_ANSWERS)');
}

/** Runs `body` with an admitted question's ticket and releases the ticket however `body` ends. */
export async function withTicket<T>(ticket: Ticket, body: (ticket: Ticket) => Promise<T>): Promise<T> {
  try {
    return await body(ticket);
  } finally {
    ticket.release();
  }
}

/** Where a question was asked and how it is answered: recorded for insights (first page only). */
export interface QuestionOrigin {
  guildId: string | null;
  channelId: string | null;
  via: QuestionVia;
  replyMode: ReplyMode;
  /** A further page of an asked question: its insights row, so votes on this page count for it. */
  questionId?: string;
  /** The channel's scope (channel-scope.ts): only these collections are searched. */
  collections?: readonly string[];
}

/** Which optional buttons an answer in this place gets. */
export function answerButtonOptions(context: BotContext, guildId: string | null): AnswerButtonOptions {
  return { votes: context.insights.enabled, stillNeedHelp: context.config.discord.helperRoleId !== undefined && guildId !== null };
}

/**
 * `earlier`: the questions before this one in its conversation (oldest first), for a follow-up.
 * The first page of an asked question is remembered as a conversation of its own, so a reply to
 * the answer continues it.
 */
export async function answerQuestion(
  context: BotContext,
  ticket: Ticket,
  question: string,
  userId: string,
  offset = 0,
  origin?: QuestionOrigin,
  earlier: readonly string[] = [],
): Promise<MessageView> {
  const askedAt = context.now();
  const started = performance.now();
  const collections = origin?.collections;
  const answer = await ticket.run(() =>
    context.engine.ask(question, { offset, ...(collections ? { collections } : {}), ...(earlier.length ? { context: [...earlier] } : {}) }),
  );
  const record = origin && offset === 0 && context.insights.enabled;
  const questionId = record ? context.insights.newQuestionId() : origin?.questionId;
  const conversationId = context.answers.add({ question, userId, answer, ...(questionId ? { questionId } : {}), ...(earlier.length ? { context: earlier } : {}) });
  if (origin && offset === 0) context.conversations.remember([answerKey(conversationId)], [...earlier, question]);
  if (record && origin && questionId) {
    // Queued: written after this turn of the event loop, never in the reply's way.
    context.insights.record({ id: questionId, ...origin, userId, question, answer, askedAt, latencyMs: performance.now() - started });
  }
  return renderAnswer(answer, conversationId, answerButtonOptions(context, origin?.guildId ?? null));
}
