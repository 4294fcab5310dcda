import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/discord/cooldown.js';
import { checkQuestion, cleanQuestionText, cooldownProblem, emptyQuestionText, guildCooldownProblem, noWordsText } from '../../src/discord/question-input.js';

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

describe('Cooldown.undo and the per-server limit', () => {
  it('gives back the last counted question, so a refused question costs nothing', () => {
    const now = 0;
    const cooldown = new Cooldown({ questions: 1, windowMs: 30_000 }, () => now);
    expect(cooldown.take('guild')).toEqual({ allowed: true });
    cooldown.undo('guild');
    expect(cooldown.size).toBe(0);
    expect(cooldown.take('guild')).toEqual({ allowed: true });
    expect(cooldown.take('guild')).toMatchObject({ allowed: false });
  });

  it('says the limit is per server', () => {
    expect(guildCooldownProblem(4_100, { questions: 30, windowMs: 30_000 })).toBe(
      'This server is asking a lot at once — I answer up to 30 questions per 30 seconds for each server. Try again in 5 s.',
    );
  });
});

describe('checkQuestion with invisible and unsearchable input', () => {
  it.each(['\u200b', '\u200b\u200f\u202e', '\ufeff \u2066\u2069', '\u0000\u0007', '\u00ad'])('treats %j as empty', (raw) => {
    expect(checkQuestion(raw, 500)).toEqual({ ok: false, problem: emptyQuestionText });
  });

  it.each(['?!.,;:—…', '🙂🙂🙂', '***', '`` ``', '@ # $ %'])('asks for words when given only %j', (raw) => {
    expect(checkQuestion(raw, 500)).toEqual({ ok: false, problem: noWordsText });
  });

  it('drops bidirectional overrides and zero-width characters, and turns control characters into spaces', () => {
    expect(checkQuestion('What\u202e is\u200b CPEC\u0000?\u200f', 500)).toEqual({ ok: true, question: 'What is CPEC ?' });
    expect(cleanQuestionText('a\u0007b\nc\u200dd\ud800e')).toBe('a b cde');
  });

  it('measures the length after cleaning', () => {
    expect(checkQuestion(`${'\u200b'.repeat(600)}What is CPEC?`, 500)).toEqual({ ok: true, question: 'What is CPEC?' });
  });
});
