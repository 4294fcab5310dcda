// Publication dates in the forms news pages use: "Nov. 3, 2022", "Tuesday, January 20, 2026",
// "Published on 23rd September 2023", "2023-09-23", "23/09/2023" (day first) → ISO date.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

const PATTERNS: Array<{ regex: RegExp; order: 'mdy' | 'dmy' | 'iso' | 'dmy-numeric' }> = [
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'i'), order: 'mdy' },
  { regex: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'i'), order: 'dmy' },
  { regex: /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/, order: 'iso' },
  { regex: /\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b/, order: 'dmy-numeric' },
];

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface FoundDate {
  iso: string;
  /** Where the match starts and ends in the searched text. */
  index: number;
  length: number;
}

/** The first full date (day, month, year) in `text`. */
export function findDate(text: string): FoundDate | undefined {
  let best: FoundDate | undefined;
  for (const { regex, order } of PATTERNS) {
    const m = regex.exec(text);
    if (!m) continue;
    let value: string | undefined;
    const [, a = '', b = '', c = ''] = m;
    if (order === 'mdy') value = iso(Number(c), MONTHS[a.toLowerCase().replace('.', '')] ?? 0, Number(b));
    else if (order === 'dmy') value = iso(Number(c), MONTHS[b.toLowerCase().replace('.', '')] ?? 0, Number(a));
    else if (order === 'iso') value = iso(Number(a), Number(b), Number(c));
    else value = iso(Number(c), Number(b), Number(a));
    if (value && (!best || m.index < best.index)) best = { iso: value, index: m.index, length: m[0].length };
  }
  return best;
}

/** Parses a front-matter date value; returns undefined when it is not a date. */
export function parseDateValue(value: string): string | undefined {
  // Machine dates first: "2023-05-04T10:00:00Z" (the \b of the ISO pattern fails before a "T"), "2023/05/04".
  const machine = /^\s*((?:19|20)\d{2})[-/](\d{2})[-/](\d{2})(?:[T\s]|$)/.exec(value);
  if (machine) {
    const value = iso(Number(machine[1]), Number(machine[2]), Number(machine[3]));
    if (value) return value;
  }
  const found = findDate(value);
  if (found) return found.iso;
  // A month and year alone ("March 2024", as manual pages date themselves): the month is the date.
  const monthYear = new RegExp(`^${MONTH},?\\s+${YEAR}$`, 'i').exec(value.trim());
  const month = monthYear?.[1] ? MONTHS[monthYear[1].toLowerCase().replace('.', '')] : undefined;
  if (monthYear?.[2] && month) return `${monthYear[2]}-${String(month).padStart(2, '0')}`;
  const partial = /^((?:19|20)\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  if (!partial?.[1]) return undefined;
  return partial[2] ? `${partial[1]}-${partial[2]}` : partial[1];
}

/** A line that is only a date ("Tuesday, January 20, 2026"), possibly with a weekday. */
export function isDateLine(text: string): boolean {
  const found = findDate(text);
  if (!found) return false;
  const rest = (text.slice(0, found.index) + text.slice(found.index + found.length)).replace(/\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|[,.\s|-]/gi, '');
  return rest.length === 0;
}
