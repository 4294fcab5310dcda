// Whether a user's text can be asked, and what to tell them when it cannot.

export type QuestionCheck = { ok: true; question: string } | { ok: false; problem: string };

export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = raw.trim();
  if (question.length === 0) {
    return { ok: false, problem: 'Please write a question — for example “What is CPEC?”.' };
  }
  if (question.length > maxChars) {
    return {
      ok: false,
      problem: `That question is ${question.length} characters long; the limit is ${maxChars}. Ask about one thing at a time, in a sentence or two.`,
    };
  }
  return { ok: true, question };
}

export function cooldownProblem(retryAfterMs: number, rule: { questions: number; windowMs: number }): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const windowSeconds = Math.round(rule.windowMs / 1000);
  return `You're asking quickly — I answer up to ${rule.questions} questions per ${windowSeconds} seconds for each person. Try again in ${seconds} s.`;
}
