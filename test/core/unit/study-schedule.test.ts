// The pure parts of the study features: the daily post's time in a zone (through daylight-saving
// changes), which day is due after downtime, FSRS scheduling, and judging a typed answer.
import { describe, expect, it } from 'vitest';
import { judgeAnswer } from '../../../src/core/study/answer-check.js';
import { dueDay, instantOf, isTimeZone, localDay, nextPostAt, parseTimeOfDay } from '../../../src/core/study/daily-time.js';
import { newSchedule, parseSchedule, previewRatings, reviewCard } from '../../../src/core/study/review.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('daily post times', () => {
  it('parses HH:MM and knows time zones', () => {
    expect(parseTimeOfDay('09:30')).toBe(570);
    expect(parseTimeOfDay('7:05')).toBe(425);
    for (const bad of ['24:00', '9', '09:60', 'nine']) expect(parseTimeOfDay(bad)).toBeUndefined();
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('finds the instant of a local time, also on daylight-saving days', () => {
    expect(new Date(instantOf('2024-01-15', 9 * 60, 'Europe/Paris')).toISOString()).toBe('2024-01-15T08:00:00.000Z');
    expect(new Date(instantOf('2024-07-15', 9 * 60, 'Europe/Paris')).toISOString()).toBe('2024-07-15T07:00:00.000Z');
    // 02:30 does not exist in Paris on 31 March 2024 (02:00 → 03:00): moved on by the gap, 03:30 CEST.
    expect(new Date(instantOf('2024-03-31', 150, 'Europe/Paris')).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    // 02:30 happens twice on 27 October 2024: the first one (CEST).
    expect(new Date(instantOf('2024-10-27', 150, 'Europe/Paris')).toISOString()).toBe('2024-10-27T00:30:00.000Z');
    // New York springs forward on 10 March 2024.
    expect(new Date(instantOf('2024-03-10', 9 * 60, 'America/New_York')).toISOString()).toBe('2024-03-10T13:00:00.000Z');
    expect(new Date(instantOf('2024-03-09', 9 * 60, 'America/New_York')).toISOString()).toBe('2024-03-09T14:00:00.000Z');
    // A zone ahead of UTC crosses the date line: 08:00 in Auckland is the previous UTC day.
    expect(localDay(Date.parse('2024-05-01T20:00:00Z'), 'Pacific/Auckland')).toBe('2024-05-02');
  });

  it('makes one post due after downtime (the latest day), none before its time or before the schedule existed', () => {
    const createdAt = Date.parse('2024-05-01T06:00:00Z');
    const timing = { minutes: 9 * 60, timeZone: 'Europe/Paris', createdAt };
    expect(dueDay(timing, Date.parse('2024-05-01T06:30:00Z'))).toBeUndefined(); // 08:30 Paris
    expect(dueDay(timing, Date.parse('2024-05-01T07:00:00Z'))).toBe('2024-05-01');
    expect(dueDay({ ...timing, lastPostDay: '2024-05-01' }, Date.parse('2024-05-01T20:00:00Z'))).toBeUndefined();
    // Offline from the 1st to the 4th at 15:00: one post, for the 4th.
    expect(dueDay({ ...timing, lastPostDay: '2024-05-01' }, Date.parse('2024-05-04T13:00:00Z'))).toBe('2024-05-04');
    // …at 07:00 on the 4th (before that day's time): the 3rd is the latest due day.
    expect(dueDay({ ...timing, lastPostDay: '2024-05-01' }, Date.parse('2024-05-04T05:00:00Z'))).toBe('2024-05-03');
    // A schedule set after today's time starts tomorrow.
    expect(dueDay({ ...timing, createdAt: Date.parse('2024-05-01T12:00:00Z') }, Date.parse('2024-05-01T13:00:00Z'))).toBeUndefined();
    expect(nextPostAt({ ...timing, createdAt: Date.parse('2024-05-01T12:00:00Z') }, Date.parse('2024-05-01T13:00:00Z'))).toBe(Date.parse('2024-05-02T07:00:00Z'));
  });
});

describe('FSRS review scheduling', () => {
  it('schedules a new card: Again soonest, Easy latest, and a rating moves the due date on', () => {
    const now = Date.parse('2024-01-01T12:00:00Z');
    const card = newSchedule(now);
    expect(card.due).toBe(now);
    const preview = previewRatings(card, now);
    expect(preview.again).toBeLessThan(preview.hard);
    expect(preview.hard).toBeLessThanOrEqual(preview.good);
    expect(preview.good).toBeLessThan(preview.easy);
    const good = reviewCard(card, 'good', now);
    expect(good.due).toBe(preview.good);
    expect(good.reps).toBe(1);
    // Successive Good ratings space the reviews further apart.
    const later = reviewCard(reviewCard(good, 'good', good.due), 'good', reviewCard(good, 'good', good.due).due);
    expect(later.due - now).toBeGreaterThan(3 * DAY);
    const lapse = reviewCard(later, 'again', later.due);
    expect(lapse.lapses).toBe(1);
    expect(lapse.due - later.due).toBeLessThan(DAY);
  });

  it('round-trips through JSON', () => {
    const card = reviewCard(newSchedule(0), 'hard', 0);
    expect(parseSchedule(JSON.parse(JSON.stringify(card)))).toEqual(card);
    expect(parseSchedule({ due: 'soon' })).toBeUndefined();
  });
});

describe('typed answers', () => {
  const item = (answer: string, type: 'number' | 'name' | 'term' | 'date' = 'term') => ({ answer, type });
  it('ignores case, accents, articles and number formats', () => {
    expect(judgeAnswer(item('68.9 percent', 'number'), '68.9%').correct).toBe(true);
    expect(judgeAnswer(item('2,000', 'number'), '2000').correct).toBe(true);
    expect(judgeAnswer(item('2,000', 'number'), '2001').correct).toBe(false);
    expect(judgeAnswer(item('Zürich', 'name'), 'zurich').correct).toBe(true);
    expect(judgeAnswer(item('the Global Security Initiative', 'name'), 'global security initiative').correct).toBe(true);
  });

  it('forgives one slip per five letters in words, none in numbers, and a surname for a full name', () => {
    expect(judgeAnswer(item('coexistence'), 'coexistance')).toEqual({ correct: true, close: true });
    expect(judgeAnswer(item('dignity'), 'divinity').correct).toBe(false);
    expect(judgeAnswer(item('seal'), 'seat').correct).toBe(false);
    expect(judgeAnswer(item('Shehbaz Sharif', 'name'), 'Sharif').correct).toBe(true);
    expect(judgeAnswer(item('Shehbaz Sharif', 'name'), '').correct).toBe(false);
  });
});
