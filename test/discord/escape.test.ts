import { describe, expect, it } from 'vitest';
import { escapeDiscordText, neutraliseMentions } from '../../src/discord/render/escape.js';
import { formatEchoedText } from '../../src/discord/render/question.js';
import { liveMention } from './fixtures/assertions.js';

describe('escapeDiscordText', () => {
  it.each([
    ['@everyone look', '@\u200beveryone look'],
    ['hi @here', 'hi @\u200bhere'],
    ['<@123456789012345678>', '<@\u200b123456789012345678>'],
    ['<@!123456789012345678>', '<@!\u200b123456789012345678>'],
    ['<@&123456789012345678>', '<@&\u200b123456789012345678>'],
    ['<#123456789012345678>', '<#\u200b123456789012345678>'],
  ])('makes %s inert', (input, expected) => {
    expect(neutraliseMentions(input)).toBe(expected);
    expect(escapeDiscordText(input)).not.toMatch(liveMention);
  });

  it('breaks masked links and escapes markdown', () => {
    const escaped = escapeDiscordText('[free nitro](https://evil.example) **loud** _quiet_ `code`');
    expect(escaped).not.toMatch(/\]\(/);
    expect(escaped).toContain('\\*\\*loud\\*\\*');
    expect(escaped).toContain('\\_quiet\\_');
    expect(escaped).toContain('\\`code\\`');
  });

  it('escapes line-start markdown (headings, lists) too', () => {
    expect(escapeDiscordText('# Big\n- item\n1. first')).toBe('\\# Big\n\\- item\n1\\. first');
  });

  it('escapes quotes, subtext and plus lists at a line start, and nothing mid-sentence', () => {
    expect(escapeDiscordText('> quote\n>>> block\n-# small\n+ plus\n  - nested')).toBe('\\> quote\n\\>>> block\n\\-# small\n\\+ plus\n  \\- nested');
    expect(escapeDiscordText('rose 1.5 percent - or 2. More > less # tag')).toBe('rose 1.5 percent - or 2. More > less # tag');
  });

  it('leaves bare links whole, so they stay clickable', () => {
    expect(escapeDiscordText('see https://example.com/a_b_c?x=*1* and snake_case')).toBe('see https://example.com/a_b_c?x=*1* and snake\\_case');
  });
});

describe('formatEchoedText', () => {
  it('is one escaped line within the limit', () => {
    const shown = formatEchoedText(`@everyone\n\n${'<@&123456789012345678> '.repeat(200)}`, 256);
    expect(shown.length).toBeLessThanOrEqual(256);
    expect(shown).not.toContain('\n');
    expect(shown).not.toMatch(liveMention);
    expect(shown.endsWith('…')).toBe(true);
  });
});
