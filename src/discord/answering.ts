// The path every question takes, whatever asked it (/ask, a mention, a DM, "more passages"):
// validate, rate-limit, ask the engine, remember the answer for its buttons, render.
import type { BotContext } from './context.js';
import { checkQuestion, cooldownProblem } from './question-input.js';
import { renderAnswer } from './render/answer.js';
import { renderNotice } from './render/notice.js';
import type { MessageView } from './render/view.js';

export type Admission = { ok: true; question: string } | { ok: false; view: MessageView };

/** Input checks first, so a malformed question does not use up the user's allowance. */
export function admitQuestion(context: BotContext, raw: string, userId: string): Admission {
  const check = checkQuestion(raw, context.config.discord.maxQuestionChars);
  if (!check.ok) return { ok: false, view: renderNotice(check.problem) };
  const allowance = admitByCooldown(context, userId);
  return allowance.ok ? { ok: true, question: check.question } : allowance;
}

export function admitByCooldown(context: BotContext, userId: string): { ok: true } | { ok: false; view: MessageView } {
  const decision = context.cooldown.take(userId);
  if (decision.allowed) return { ok: true };
  return { ok: false, view: renderNotice(cooldownProblem(decision.retryAfterMs, context.cooldown.rule)) };
}

export async function answerQuestion(context: BotContext, question: string, userId: string, offset = 0): Promise<MessageView> {
  const answer = await context.engine.ask(question, { offset });
  const conversationId = context.answers.add({ question, userId, answer });
  return renderAnswer(answer, conversationId);
}
