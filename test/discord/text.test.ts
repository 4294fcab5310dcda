import { describe, expect, it } from 'vitest';
import { fitRendered, sentenceWindow, truncateText } from '../../src/discord/render/text.js';

describe('truncateText', () => {
  it('leaves short text alone', () => {
    expect(truncateText('Short.', 10)).toBe('Short.');
  });

  it('cuts at the last sentence end that keeps most of the budget', () => {
    const text = 'First sentence here. Second sentence is here. Third one is cut.';
    expect(truncateText(text, 50)).toBe('First sentence here. Second sentence is here.…');
  });

  it('falls back to a word boundary, then to a hard cut', () => {
    expect(truncateText('one two three four five six seven', 20)).toBe('one two three four…');
    expect(truncateText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateText('🙂'.repeat(100), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('sentenceWindow', () => {
  const text = 'Alpha one. Beta two. Gamma three. Delta four. Epsilon five.';
  it('contains the focus and grows to whole sentences', () => {
    const focus = { start: text.indexOf('Gamma'), end: text.indexOf('Delta') - 1 };
    const window = sentenceWindow(text, focus, 30);
    const shown = text.slice(window.start, window.end);
    expect(shown).toContain('Gamma three.');
    expect(shown.length).toBeLessThanOrEqual(30);
    expect(shown.trim()).toMatch(/^[A-Z].*\.$/);
  });

  it('cuts inside a sentence longer than the budget, starting near the focus', () => {
    const long = `Start ${'word '.repeat(500)}target here ${'word '.repeat(500)}end.`;
    const at = long.indexOf('target');
    const window = sentenceWindow(long, { start: at, end: at + 6 }, 100);
    expect(window.end - window.start).toBeLessThanOrEqual(100);
    expect(long.slice(window.start, window.end)).toContain('target');
  });
});

describe('fitRendered', () => {
  it('shrinks the raw budget until the rendering fits', () => {
    const doubled = fitRendered((budget) => 'ab'.repeat(budget), 100);
    expect(doubled.length).toBeLessThanOrEqual(100);
    expect(doubled.length).toBeGreaterThan(60);
  });
});
