// CSV export (RFC 4180: comma-separated, CRLF, fields quoted when they hold a quote, comma or line
// break). Guarded against CSV injection: a cell a spreadsheet would read as a formula (starting
// with = + - @, or a tab or carriage return) gets a leading apostrophe, so a question such as
// `=HYPERLINK(...)` opens as text.
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
