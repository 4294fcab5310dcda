// Shared statistics for the benchmark sections. Machines are shared and noisy, so every figure
// that matters is a ratio against a reference measured beside it; these helpers keep the
// percentile and ratio arithmetic identical across sections.

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Linear interpolation between closest ranks (numpy's default), on an ascending array. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: round(mean(sorted)),
    p50: round(percentileOfSorted(sorted, 0.5)),
    p95: round(percentileOfSorted(sorted, 0.95)),
    p99: round(percentileOfSorted(sorted, 0.99)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Rounds for reports: enough digits for sub-millisecond stages, no float noise in the JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? round(numerator / denominator) : Number.NaN;
}

/**
 * Median of per-pair ratios: when a reference and a subject run back to back, each pair shares
 * the machine's momentary load, so the ratio of a pair is steadier than the ratio of two medians.
 */
export function medianPairRatio(pairs: ReadonlyArray<{ subject: number; reference: number }>): number {
  return round(median(pairs.filter((p) => p.reference > 0).map((p) => p.subject / p.reference)));
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

export type Comparison = '<=' | '>=';

export interface TargetCheck {
  value: number;
  target: number;
  op: Comparison;
  met: boolean;
  /** What the value was measured on, when that differs from what the target names (e.g. a smaller ANN size in --quick). */
  note?: string;
}

export function checkTarget(value: number, op: Comparison, target: number, note?: string): TargetCheck {
  const met = Number.isFinite(value) && (op === '<=' ? value <= target : value >= target);
  return { value: round(value), target, op, met, ...(note ? { note } : {}) };
}

/** Samples peak resident memory while `during` runs (an interval, cleared when it settles). */
export async function withPeakRss<T>(during: () => Promise<T>, everyMs = 25): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  try {
    const value = await during();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakRssMb: round(peak / 2 ** 20, 1) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Runs `during` while a 5 ms interval timer measures how late it fires: the longest gap is the
 * longest time this thread could not run a callback — in a bot, how long a new interaction waits
 * before it can even be acknowledged. The gaps before the first tick and after the last one count
 * too (Node's monitorEventLoopDelay drops both, missing a stall that starts or ends the work).
 */
export async function withEventLoopDelay<T>(during: () => Promise<T>): Promise<{ value: T; maxDelayMs: number; p99DelayMs: number; p50DelayMs: number }> {
  const intervalMs = 5;
  const delays: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    delays.push(Math.max(0, now - last - intervalMs));
    last = now;
  }, intervalMs);
  try {
    const value = await during();
    delays.push(Math.max(0, performance.now() - last - intervalMs));
    return { value, maxDelayMs: round(Math.max(...delays), 1), p99DelayMs: round(percentile(delays, 0.99), 1), p50DelayMs: round(percentile(delays, 0.5), 1) };
  } finally {
    clearInterval(timer);
  }
}
