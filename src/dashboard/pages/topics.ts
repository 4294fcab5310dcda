// Unanswered topics: the period's questions answered with related passages only or not at all,
// grouped by meaning and words (src/insights/topics.ts), largest first, with every question.
import { INSIGHT_PERIODS } from '../../insights/period.js';
import type { Topic } from '../../insights/topics.js';
import type { CsvCell } from '../csv.js';
import { formatTime, type DashboardDeps } from '../deps.js';
import { period, periodFilter, type Query } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { withQuery } from '../layout.js';

async function topicsOf(deps: DashboardDeps, query: Query): Promise<Topic[]> {
  return deps.reader.topics(periodFilter(query, deps.now()));
}

export async function topicsPage(deps: DashboardDeps, query: Query): Promise<{ title: string; body: SafeHtml }> {
  const topics = await topicsOf(deps, query);
  const chosen = period(query);
  const periods = Object.entries(INSIGHT_PERIODS).map(
    ([value, p]) => html`<a href="${withQuery('/topics', { period: value })}"${value === chosen ? html` aria-current="true"` : ''}>${p.label}</a>`,
  );
  const body = html`<p class="periods">${periods} · <a href="${withQuery('/topics.csv', { period: chosen })}" id="export-topics">Export CSV</a></p>
<p class="muted">Questions the documents answered with related passages only, or not at all — what the documents do not cover yet.</p>
<div class="table"><table id="topics"><thead><tr><th>#</th><th>Topic</th><th>Questions</th><th>People</th><th>Example</th><th>Last asked</th></tr></thead>
<tbody>${topics.map(
    (t, i) => html`<tr><td>${i + 1}</td><td><strong>${t.label}</strong></td><td>${t.count}</td><td>${t.people}</td><td>“${t.example}”${t.questions.length > 1 ? html`<details><summary>${t.questions.length} different questions</summary><ul>${t.questions.map((q) => html`<li>${q}</li>`)}</ul></details>` : ''}</td><td>${formatTime(t.lastAskedAt)}</td></tr>`,
  )}</tbody></table></div>
${topics.length === 0 ? html`<p class="muted">None: every question of the period found an answer.</p>` : ''}`;
  return { title: 'Unanswered topics', body };
}

export async function topicsCsv(deps: DashboardDeps, query: Query): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const topics = await topicsOf(deps, query);
  return {
    header: ['topic', 'questions', 'people', 'example', 'last_asked_at', 'all_questions'],
    rows: topics.map((t) => [t.label, t.count, t.people, t.example, new Date(t.lastAskedAt).toISOString(), t.questions.join(' | ')]),
  };
}
