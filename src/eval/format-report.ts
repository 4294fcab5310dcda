// Evaluation reports as text: a fixed-width table for the terminal, Markdown rows for notes.
import { type EvalReport, SYSTEMS, type SystemMetrics } from './run-eval.js';

export const METRICS = ['passageAt1', 'passageAt3', 'mrr', 'answerInReply', 'noAnswerAccuracy', 'falseRefusalRate', 'answeredPrecision', 'relatedPrecision', 'notFoundPrecision'] as const satisfies ReadonlyArray<keyof SystemMetrics>;

/** The metrics a report has: pageAccuracy only when some question expects a page. */
function metricsOf(report: EvalReport): ReadonlyArray<keyof SystemMetrics & string> {
  return report.withPage ? [...METRICS, 'pageAccuracy'] : METRICS;
}

export function formatTable(report: EvalReport): string {
  const paged = report.withPage ? `; ${report.withPage} with an expected page` : '';
  const lines = [`${report.questions} questions (${report.answerable} answerable, ${report.unanswerable} not${paged})`, ''];
  const metrics = metricsOf(report);
  lines.push(['system'.padEnd(8), ...metrics.map((k) => k.padStart(18))].join(''));
  for (const mode of SYSTEMS) {
    const m = report.systems[mode];
    if (m) lines.push([mode.padEnd(8), ...metrics.map((k) => Number(m[k]).toFixed(3).padStart(18))].join(''));
  }
  return lines.join('\n');
}

/** One Markdown row per system: `| label | system | n | metrics… |`. */
export function markdownRows(label: string, report: EvalReport): string[] {
  return SYSTEMS.map((mode, i) => {
    const m = report.systems[mode];
    const cells = m ? METRICS.map((k) => m[k].toFixed(3)) : METRICS.map(() => '—');
    return `| ${i === 0 ? label : ''} | ${mode} | ${i === 0 ? `${report.answerable}+${report.unanswerable}` : ''} | ${cells.join(' | ')} |`;
  });
}

export const MARKDOWN_HEADER = [`| corpus | system | questions (answerable+not) | ${METRICS.join(' | ')} |`, `| --- | --- | --- | ${METRICS.map(() => '---').join(' | ')} |`];

export function formatMisses(report: EvalReport): string[] {
  const lines: string[] = [];
  for (const r of report.perQuestion) {
    const h = r.systems.hybrid;
    const wrong = (r.answer ? h?.rank !== 1 || !h.answered : h?.answered) || (r.page !== undefined && !h?.pageHit);
    const page = r.page !== undefined ? ` page=${r.page} cited=${h?.citedPages ?? '-'}` : '';
    if (wrong) lines.push(`  ${r.id} rank=${h?.rank ?? '-'} status=${h?.status}${page} bm25=${r.systems.bm25?.rank ?? '-'} dense=${r.systems.dense?.rank ?? '-'} | ${r.question} → ${r.doc ?? 'none'} "${r.answer ?? ''}" top=${h?.top.join(',')}`);
  }
  return lines;
}
