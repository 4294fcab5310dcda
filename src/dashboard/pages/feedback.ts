// Feedback: the answers with the most 👎 (distinct voters) and every vote, newest first.
import type { CsvCell } from '../csv.js';
import { channelName, formatTime, OUTCOME_LABELS, outcomeBadge, serverName, type DashboardDeps } from '../deps.js';
import { PAGE_ROWS, pageNumber, questionFilter, type Query } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { withQuery } from '../layout.js';

const DOWNVOTED_SHOWN = 20;
const EXPORT_ROWS = 100_000;

export async function feedbackPage(deps: DashboardDeps, query: Query): Promise<{ title: string; body: SafeHtml }> {
  const filter = questionFilter(query);
  const pageNo = pageNumber(query);
  const [downvoted, votes] = await Promise.all([
    deps.state.insights.mostDownvoted(filter, DOWNVOTED_SHOWN),
    deps.state.insights.votes(filter, { offset: (pageNo - 1) * PAGE_ROWS, limit: PAGE_ROWS }),
  ]);
  const pages = Math.max(1, Math.ceil(votes.total / PAGE_ROWS));
  const body = html`<h2>Answers with the most 👎</h2>
<div class="table"><table id="downvoted"><thead><tr><th>Question</th><th>Outcome</th><th>👎</th><th>👍</th><th>Asked</th></tr></thead>
<tbody>${downvoted.map((v) => html`<tr><td class="question">${v.question.question}</td><td>${outcomeBadge(v.question.status)}</td><td>${v.down}</td><td>${v.up}</td><td>${formatTime(v.question.askedAt)}</td></tr>`)}</tbody></table></div>
${downvoted.length === 0 ? html`<p class="muted">No 👎 yet.</p>` : ''}
<h2>Votes <a class="more" href="${withQuery('/feedback.csv', { server: query.server })}" id="export-feedback">Export CSV</a></h2>
<div class="table"><table id="votes"><thead><tr><th>When</th><th>Vote</th><th>Question</th><th>Outcome</th><th>Server</th><th>Channel</th><th>Voter (hash)</th></tr></thead>
<tbody>${votes.rows.map((v) => html`<tr><td>${formatTime(v.at)}</td><td>${v.vote === 'up' ? '👍' : '👎'}</td><td class="question">${v.question}</td><td>${v.status ? outcomeBadge(v.status) : ''}</td><td>${serverName(deps, v.guildId)}</td><td>${channelName(deps, v.channelId)}</td><td><code>${v.userHash.slice(0, 8)}</code></td></tr>`)}</tbody></table></div>
<p class="pager">${pageNo > 1 ? html`<a href="${withQuery('/feedback', { ...query, page: String(pageNo - 1) })}">◀ Newer</a>` : ''} page ${pageNo} of ${pages} ${pageNo < pages ? html`<a href="${withQuery('/feedback', { ...query, page: String(pageNo + 1) })}">Older ▶</a>` : ''}</p>`;
  return { title: 'Feedback', body };
}

export async function feedbackCsv(deps: DashboardDeps, query: Query): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const { rows } = await deps.state.insights.votes(questionFilter(query), { offset: 0, limit: EXPORT_ROWS });
  return {
    header: ['at', 'vote', 'question', 'outcome', 'server_id', 'channel_id', 'user_hash', 'question_id'],
    rows: rows.map((v) => [v.at, v.vote, v.question, v.status ? OUTCOME_LABELS[v.status] : '', v.guildId, v.channelId, v.userHash, v.questionId]),
  };
}
