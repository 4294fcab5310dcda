// Number and table formatting shared by every section of the bench report.
import type { Summary } from '../stats.js';

export const fmt = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

export function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function summaryCells(s: Summary): string[] {
  return [ms(s.p50), ms(s.p95), ms(s.p99)];
}

