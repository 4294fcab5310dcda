// Whether a user's text can be asked, and what to tell them when it cannot.

export type QuestionCheck = { ok: true; question: string } | { ok: false; problem: string };

export const emptyQuestionText = 'Please write a question — for example “What is CPEC?”.';
export const noWordsText = 'I need words to search for — that was only punctuation, symbols or emoji. Try a question such as “What is CPEC?”.';

/**
 * The text of a question without what cannot be searched and can mislead when shown back:
 * control characters become spaces; format characters (zero-width spaces and joiners, byte-order
 * marks, bidirectional overrides such as U+202E that would reverse the rest of an embed title)
 * and unpaired surrogates are dropped; runs of whitespace become one space.
 */
export function cleanQuestionText(raw: string): string {
  return raw
    .replace(/\p{Cc}/gu, ' ')
    .replace(/[\p{Cf}\p{Cs}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A letter or a digit, in any script. */
const searchable = /[\p{L}\p{N}]/u;

export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = cleanQuestionText(raw);
  if (question.length === 0) return { ok: false, problem: emptyQuestionText };
  if (question.length > maxChars) {
    return {
      ok: false,
      problem: `That question is ${question.length} characters long; the limit is ${maxChars}. Ask about one thing at a time, in a sentence or two.`,
    };
  }
  if (!searchable.test(question)) return { ok: false, problem: noWordsText };
  return { ok: true, question };
}

export function cooldownProblem(retryAfterMs: number, rule: { questions: number; windowMs: number }): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const windowSeconds = Math.round(rule.windowMs / 1000);
  return `You're asking quickly — I answer up to ${rule.questions} questions per ${windowSeconds} seconds for each person. Try again in ${seconds} s.`;
}

export function guildCooldownProblem(retryAfterMs: number, rule: { questions: number; windowMs: number }): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const windowSeconds = Math.round(rule.windowMs / 1000);
  return `This server is asking a lot at once — I answer up to ${rule.questions} questions per ${windowSeconds} seconds for each server. Try again in ${seconds} s.`;
}

export const busyText = "I'm busy right now — please try again in a moment.";
export const shuttingDownText = "I'm shutting down for a moment (a restart or an update) — please ask again in a minute.";
