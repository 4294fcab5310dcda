// Overview: the period's numbers, questions per day by outcome and the outcome shares as charts
// (Chart.js in the browser, data in a JSON block), the top unanswered topics and cited documents.
import { OUTCOME_COLOURS, OUTCOME_LABELS as CHART_LABELS } from '../../insights/chart.js';
import { INSIGHT_PERIODS } from '../../insights/period.js';
import { formatTime, percent, type DashboardDeps } from '../deps.js';
import { period, periodFilter, type Query } from '../filters.js';
import { html, jsonScript, type SafeHtml } from '../html.js';
import { withQuery } from '../layout.js';

const TOPICS_SHOWN = 5;
const LISTED = 10;

export async function overviewPage(deps: DashboardDeps, query: Query): Promise<{ title: string; body: SafeHtml; charts: true }> {
  const filter = periodFilter(query, deps.now());
  const chosen = period(query);
  const report = await deps.reader.report(filter, { topics: TOPICS_SHOWN, listed: LISTED });
  const { counts } = report;
  const periods = Object.entries(INSIGHT_PERIODS).map(
    ([value, p]) => html`<a href="${withQuery('/', { period: value, server: query.server })}"${value === chosen ? html` aria-current="true"` : ''}>${p.label}</a>`,
  );
  const chartData = {
    days: report.perDay.map((d) => d.day.slice(5)),
    series: (['answered', 'related', 'notFound'] as const).map((key) => ({ label: CHART_LABELS[key], colour: OUTCOME_COLOURS[key], data: report.perDay.map((d) => d[key]) })),
    outcomes: {
      labels: [CHART_LABELS.answered, CHART_LABELS.related, CHART_LABELS.notFound],
      colours: [OUTCOME_COLOURS.answered, OUTCOME_COLOURS.related, OUTCOME_COLOURS.notFound],
      data: [counts.answered, counts.related, counts.notFound],
    },
  };
  const card = (label: string, value: string | number, id: string) => html`<div class="card" id="${id}"><span class="value">${value}</span><span class="label">${label}</span></div>`;
  const body = html`
<p class="periods">${periods} <span class="muted">· ${formatTime(filter.since)} to now</span></p>
<section class="cards">
${card('questions', counts.total, 'kpi-questions')}
${card('people', counts.people, 'kpi-people')}
${card('answered', percent(counts.answered, counts.total), 'kpi-answered')}
${card('related only', percent(counts.related, counts.total), 'kpi-related')}
${card('not found', percent(counts.notFound, counts.total), 'kpi-not-found')}
${card('reply time p50', report.latency ? `${Math.round(report.latency.p50)} ms` : '–', 'kpi-latency')}
${card('open help requests', report.openEscalations, 'kpi-escalations')}
</section>
<section class="charts">
<figure><figcaption>Questions per day</figcaption><div class="chart"><canvas id="per-day" aria-label="Questions per day by outcome" role="img"></canvas></div></figure>
<figure><figcaption>Outcomes</figcaption><div class="chart"><canvas id="outcomes" aria-label="Share of outcomes" role="img"></canvas></div></figure>
</section>
${jsonScript('chart-data', chartData)}
<section class="columns">
<div>
<h2>Top unanswered topics <a class="more" href="/topics${query.period ? `?period=${chosen}` : ''}">all</a></h2>
${report.topics.length ? html`<ol class="topics">${report.topics.map((t) => html`<li><strong>${t.label}</strong> — ${t.count} ${t.count === 1 ? 'question' : 'questions'} · e.g. “${t.example}”</li>`)}</ol>` : html`<p class="muted">None: every question found an answer.</p>`}
</div>
<div>
<h2>Most-cited documents <a class="more" href="/documents">all</a></h2>
${report.mostCited.length ? html`<ol>${report.mostCited.map((d) => html`<li>${d.title} — ${d.citations} ${d.citations === 1 ? 'answer' : 'answers'}</li>`)}</ol>` : html`<p class="muted">No answer cited a document yet.</p>`}
<p class="muted">${report.neverCited.length} of ${report.documents} documents never cited in this period.</p>
</div>
</section>`;
  return { title: 'Overview', body, charts: true };
}
