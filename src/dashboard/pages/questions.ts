// Questions: searchable and filtered by outcome, server, channel and dates; newest first, paged;
// the same filter exports as CSV.
import type { QuestionRecord } from '../../state/index.js';
import type { CsvCell } from '../csv.js';
import { channelName, formatTime, OUTCOME_LABELS, outcomeBadge, serverName, type DashboardDeps } from '../deps.js';
import { PAGE_ROWS, pageNumber, questionFilter, type Query } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { withQuery } from '../layout.js';

const EXPORT_ROWS = 100_000;

function topSource(deps: DashboardDeps, q: QuestionRecord, titles: Map<string, string>): string {
  const top = q.passages[0];
  return top ? `${titles.get(top.docId) ?? top.docId} ¶${top.paragraph}` : '';
}

async function filterOptions(deps: DashboardDeps, query: Query): Promise<SafeHtml> {
  const channels = await deps.state.insights.channels({});
  const servers = new Map<string, string>();
  for (const c of channels) servers.set(c.guildId ?? c.scope, c.guildId ? serverName(deps, c.guildId) : `DM ${c.scope.slice(3, 11)}…`);
  const channelIds = [...new Set(channels.map((c) => c.channelId).filter((id): id is string => id !== null && (!query.server || channels.some((x) => x.channelId === id && (x.guildId ?? x.scope) === query.server))))];
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/questions" class="filters" id="question-filters">
<label>Search <input type="search" name="q" value="${query.q ?? ''}" placeholder="words in the question"></label>
<label>Outcome <select name="outcome">${option('', 'any', query.outcome)}${(['answered', 'related', 'not-found'] as const).map((o) => option(o, OUTCOME_LABELS[o], query.outcome))}</select></label>
<label>Server <select name="server">${option('', 'any', query.server)}${[...servers].map(([id, name]) => option(id, name, query.server))}</select></label>
<label>Channel <select name="channel">${option('', 'any', query.channel)}${channelIds.map((id) => option(id, channelName(deps, id), query.channel))}</select></label>
<label>From <input type="date" name="from" value="${query.from ?? ''}"></label>
<label>To <input type="date" name="to" value="${query.to ?? ''}"></label>
<button type="submit">Filter</button>
</form>`;
}

export async function questionsPage(deps: DashboardDeps, query: Query): Promise<{ title: string; body: SafeHtml }> {
  const filter = questionFilter(query);
  const pageNo = pageNumber(query);
  const { rows, total } = await deps.state.insights.questions(filter, { offset: (pageNo - 1) * PAGE_ROWS, limit: PAGE_ROWS });
  const titles = new Map(deps.engine.documents().map((d) => [d.id, d.title]));
  const pages = Math.max(1, Math.ceil(total / PAGE_ROWS));
  const csv = withQuery('/questions.csv', { q: query.q, outcome: query.outcome, server: query.server, channel: query.channel, from: query.from, to: query.to });
  const body = html`${await filterOptions(deps, query)}
<p><span id="question-count">${total}</span> questions · <a href="${csv}" id="export-questions">Export CSV</a></p>
<div class="table"><table id="questions">
<thead><tr><th>Asked</th><th>Server</th><th>Channel</th><th>Question</th><th>Outcome</th><th>Confidence</th><th>Latency</th><th>Asked via</th><th>Reply</th><th>Top passage</th></tr></thead>
<tbody>${rows.map(
    (q) => html`<tr data-outcome="${q.status}"><td>${formatTime(q.askedAt)}</td><td>${serverName(deps, q.guildId)}</td><td>${channelName(deps, q.channelId)}</td><td class="question">${q.question}</td><td>${outcomeBadge(q.status)}</td><td>${q.confidence.toFixed(2)}</td><td>${Math.round(q.latencyMs)} ms</td><td>${q.via}</td><td>${q.replyMode}</td><td>${topSource(deps, q, titles)}</td></tr>`,
  )}</tbody>
</table></div>
${rows.length === 0 ? html`<p class="muted">No question matches.</p>` : ''}
<p class="pager">${pageNo > 1 ? html`<a href="${withQuery('/questions', { ...query, page: String(pageNo - 1) })}">◀ Newer</a>` : ''} page ${pageNo} of ${pages} ${pageNo < pages ? html`<a href="${withQuery('/questions', { ...query, page: String(pageNo + 1) })}">Older ▶</a>` : ''}</p>`;
  return { title: 'Questions', body };
}

export async function questionsCsv(deps: DashboardDeps, query: Query): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const { rows } = await deps.state.insights.questions(questionFilter(query), { offset: 0, limit: EXPORT_ROWS });
  const titles = new Map(deps.engine.documents().map((d) => [d.id, d.title]));
  return {
    header: ['asked_at', 'server_id', 'server', 'channel_id', 'channel', 'question', 'outcome', 'confidence', 'latency_ms', 'via', 'reply_mode', 'user_hash', 'top_passage', 'passages'],
    rows: rows.map((q) => [
      new Date(q.askedAt).toISOString(), q.guildId, serverName(deps, q.guildId), q.channelId, channelName(deps, q.channelId), q.question, q.status,
      Number(q.confidence.toFixed(3)), Math.round(q.latencyMs), q.via, q.replyMode, q.userHash, topSource(deps, q, titles),
      q.passages.map((p) => `${p.docId}#${p.paragraph}@${p.score.toFixed(3)}`).join(' '),
    ]),
  };
}
