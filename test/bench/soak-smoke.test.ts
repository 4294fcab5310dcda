// The soak mode runs end to end for a few seconds and prints one JSON object with its figures and
// samples; nothing fails. No timing or memory slope is asserted (a few seconds cannot level off,
// and the machine decides timings). With --no-write it must leave BENCHMARKS.md alone.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CyclingSpellings, fitWindow, leastSquaresFit, leastSquaresSlope, parseArgs, thin } from '../../bench/index.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { mtimeOf, RUN_TIMEOUT_MS, runBench } from './run-bench.js';


describe('bench --soak options', () => {
  it('accepts --soak MINUTES and --soak=MINUTES, fractions included', () => {
    expect(parseArgs(['--soak', '10']).soakMinutes).toBe(10);
    expect(parseArgs(['--soak=0.2', '--json'])).toEqual(expect.objectContaining({ soakMinutes: 0.2, json: true, writeReport: true }));
    expect(parseArgs(['--soak=0.1', '--no-write']).writeReport).toBe(false);
    expect(parseArgs([]).soakMinutes).toBeUndefined();
  });

  it('rejects a missing, zero, negative or non-numeric duration with a clear message', () => {
    for (const argv of [['--soak'], ['--soak=0'], ['--soak', '-1'], ['--soak=ten'], ['--soak', '--json'], ['--soak=']]) {
      expect(() => parseArgs(argv), argv.join(' ')).toThrow(/--soak needs a positive number of minutes/);
    }
  });
});

describe('soak arithmetic', () => {
  it('fits the slope over the second half of the samples', () => {
    expect(leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
    expect(leastSquaresSlope([{ x: 1, y: 1 }])).toBeNaN();
    expect(leastSquaresFit([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }]).stdErr).toBeCloseTo(0);
    expect(leastSquaresFit([{ x: 0, y: 0 }, { x: 1, y: 2 }, { x: 2, y: 0 }, { x: 3, y: 2 }]).stdErr).toBeGreaterThan(0);
    expect(fitWindow([1, 2, 3, 4, 5])).toEqual([3, 4, 5]);
    expect(fitWindow([1, 2, 3])).toEqual([2, 3]);
    expect(fitWindow([1, 2])).toEqual([1, 2]);
  });

  it('hands out re-cased spellings that repeat only after a full cycle', () => {
    const questions = ['What is the corpus about?', 'what is the corpus about?', 'Who wrote it?', 'Why'];
    const spellings = new CyclingSpellings(questions, 3);
    // Left out: the case-duplicate, and 'Why' (2 inner letters). Kept: 15 and 7 inner letters, so the shorter one sets the cycle.
    expect(spellings.cycle).toBe(2 * (2 ** 7 - 1));
    const texts = Array.from({ length: spellings.cycle }, () => spellings.next());
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) {
      expect(['what is the corpus about?', 'who wrote it?']).toContain(text.toLowerCase());
      expect(questions).not.toContain(text);
    }
    // After the cycle the longer question is still new; the shorter one comes back to its first spelling.
    expect(texts).not.toContain(spellings.next());
    expect(spellings.next()).toBe(texts[1]);
  });

  it('thins a table evenly, keeping the first and last rows', () => {
    const rows = Array.from({ length: 61 }, (_, i) => i);
    const thinned = thin(rows, 30);
    expect(thinned.length).toBeLessThanOrEqual(30);
    expect(thinned[0]).toBe(0);
    expect(thinned.at(-1)).toBe(60);
    expect(thin([1, 2, 3], 30)).toEqual([1, 2, 3]);
  });
});

describe('npm run bench -- --soak=0.1 --json --no-write', () => {
  it('answers under steady load with no failure, reports samples and memory, and writes nothing', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const reportBefore = await mtimeOf(path.join(PROJECT_ROOT, 'BENCHMARKS.md'));

    const { code, stdout, stderr } = await runBench(['--soak=0.1', '--json', '--no-write']);
    expect(code, stderr.slice(-3000)).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines, 'stdout carries exactly one JSON object').toHaveLength(1);
    const report = JSON.parse(lines[0] ?? '') as Record<string, unknown>;

    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'machine',
        'mode',
        'minutes',
        'askers',
        'forcedGc',
        'answers',
        'failures',
        'failureReasons',
        'answersPerS',
        'replyMs',
        'rssMiB',
        'heapUsedMiB',
        'heapAfterMajorGcMiB',
        'levelledOffThresholdMiBPerMin',
        'levelledOff',
        'pass',
        'samples',
      ]),
    );
    expect(report.mode).toBe('soak');
    expect(report.machine).toEqual(expect.objectContaining({ cpu: expect.any(String), cores: expect.any(Number), node: expect.any(String) }));
    expect(report.answers).toBeGreaterThan(0);
    expect(report.failures, JSON.stringify(report.failureReasons)).toBe(0);
    expect(report.rssMiB).toEqual(expect.objectContaining({ start: expect.any(Number), end: expect.any(Number), peak: expect.any(Number), slopePerMin: expect.any(Number) }));
    // Two points in the fit of a few-second run leave the standard error undetermined (null in JSON).
    expect(report.rssMiB).toHaveProperty('slopeStdErrPerMin');
    expect(report.heapUsedMiB).toEqual(expect.objectContaining({ start: expect.any(Number), end: expect.any(Number), slopePerMin: expect.any(Number) }));
    expect(report.replyMs).toEqual(expect.objectContaining({ p50: expect.any(Number), p95: expect.any(Number) }));
    const samples = report.samples as Array<Record<string, unknown>>;
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const sample of samples) {
      expect(sample).toEqual(
        expect.objectContaining({
          elapsedS: expect.any(Number),
          answers: expect.any(Number),
          failures: expect.any(Number),
          answersPerS: expect.any(Number),
          rssMiB: expect.any(Number),
          heapUsedMiB: expect.any(Number),
        }),
      );
    }
    expect(samples.at(-1)?.answers).toBe(report.answers);

    expect(await mtimeOf(path.join(PROJECT_ROOT, 'BENCHMARKS.md'))).toBe(reportBefore);
  });
});
