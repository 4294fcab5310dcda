import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../src/discord/question-shape.js';

describe('looksLikeQuestion (messages in the bot’s answer thread)', () => {
  it.each(['when did he take office?', 'and what did he vow', 'Tell me more about the fund', 'how about Pakistan', 'is it free', '¿Cuándo abre la biblioteca?', '图书馆几点开门？', 'the fee, again?'])(
    'answers %j',
    (text) => expect(looksLikeQuestion(text)).toBe(true),
  );
  it.each(['Thanks!', 'ok thanks', 'I agree with Sam', 'lol', 'great answer', 'whoa', 'showcase tomorrow', ''])('lets %j be', (text) =>
    expect(looksLikeQuestion(text)).toBe(false),
  );
});
