// Wall-clock times in a time zone, for the passage of the day: which local day a moment belongs to,
// the instant a local HH:MM happens on a given day (through daylight-saving changes: a time that
// does not exist that day is moved forward by the gap, a time that happens twice is the first), and
// which day's post is due now. Built on Intl only.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name Intl knows ("Europe/Paris", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM" (24-hour) → minutes after midnight; undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localDay(ms: number, timeZone: string): string {
  const t = localTime(ms, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

function parseDay(day: string): { year: number; month: number; day: number } {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: date ?? 1 };
}

export function addDays(day: string, days: number): string {
  const d = parseDay(day);
  const shifted = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The zone's offset from UTC at `ms` (local wall time minus UTC), in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const t = localTime(ms, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** The instant local `minutes` after midnight happen on `day` in `timeZone`. */
export function instantOf(day: string, minutes: number, timeZone: string): number {
  const d = parseDay(day);
  const wall = Date.UTC(d.year, d.month - 1, d.day, Math.floor(minutes / 60), minutes % 60);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) + t === wall);
  // Twice that day (clocks went back): the first. Never that day (clocks went forward): moved on by the gap.
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

export interface DailyTiming {
  /** Minutes after local midnight. */
  minutes: number;
  timeZone: string;
  createdAt: number;
  lastPostDay?: string;
}

/**
 * The local day whose post is due at `now`: the latest day whose post time has passed, unless it was
 * posted already or the schedule did not exist yet then. A bot that was offline for days posts
 * once, for the latest day.
 */
export function dueDay(timing: DailyTiming, now: number): string | undefined {
  const today = localDay(now, timing.timeZone);
  const day = now >= instantOf(today, timing.minutes, timing.timeZone) ? today : addDays(today, -1);
  if (instantOf(day, timing.minutes, timing.timeZone) < timing.createdAt) return undefined;
  if (timing.lastPostDay && timing.lastPostDay >= day) return undefined;
  return day;
}

/** When the next post will be made (for the confirmation message). */
export function nextPostAt(timing: DailyTiming, now: number): number {
  let day = localDay(now, timing.timeZone);
  for (let i = 0; i < 3; i++) {
    const at = instantOf(day, timing.minutes, timing.timeZone);
    if (at > now && (!timing.lastPostDay || day > timing.lastPostDay)) return at;
    day = addDays(day, 1);
  }
  return instantOf(day, timing.minutes, timing.timeZone);
}
