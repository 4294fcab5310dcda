import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';
import { checkQuestion, cooldownProblem } from '../../src/discord/question-input.js';

describe('Cooldown', () => {
  it('allows N questions per sliding window per user, then says when to retry', () => {
    let now = 0;
    const cooldown = new Cooldown({ questions: 2, windowMs: 30_000 }, () => now);
    expect(cooldown.take('a')).toEqual({ allowed: true });
    now = 10_000;
    expect(cooldown.take('a')).toEqual({ allowed: true });
    expect(cooldown.take('b')).toEqual({ allowed: true });
    now = 12_000;
    expect(cooldown.take('a')).toEqual({ allowed: false, retryAfterMs: 18_000 });
    now = 30_001;
    expect(cooldown.take('a')).toEqual({ allowed: true });
  });

  it('explains the limit and the wait in whole seconds', () => {
    expect(cooldownProblem(1_200, { questions: 5, windowMs: 30_000 })).toContain('5 questions per 30 seconds');
    expect(cooldownProblem(1_200, { questions: 5, windowMs: 30_000 })).toContain('Try again in 2 s');
  });
});

describe('checkQuestion', () => {
  it('trims and accepts a normal question', () => {
    expect(checkQuestion('  What is CPEC?  ', 500)).toEqual({ ok: true, question: 'What is CPEC?' });
  });

  it.each(['', '   ', '\n\t'])('asks for a question when given %j', (raw) => {
    const check = checkQuestion(raw, 500);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toMatch(/write a question/);
  });

  it('says how long is too long', () => {
    const check = checkQuestion('x'.repeat(501), 500);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain('501 characters long; the limit is 500');
  });
});
