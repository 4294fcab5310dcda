// Help requests ("Still need help?"): open ones first, each with a Resolve button (a POST with the
// CSRF token), and the resolved ones below.
import type { CsvCell } from '../csv.js';
import { channelName, formatTime, serverName, type DashboardDeps } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';

const LISTED = 200;

export async function escalationsPage(deps: DashboardDeps, csrf: string): Promise<{ title: string; body: SafeHtml }> {
  const all = await deps.state.escalations.list({ limit: LISTED });
  const open = all.filter((e) => e.resolvedAt === undefined);
  const resolved = all.filter((e) => e.resolvedAt !== undefined);
  const body = html`<p><span id="open-count">${open.length}</span> open · <a href="/escalations.csv" id="export-escalations">Export CSV</a></p>
<div class="table"><table id="open-escalations"><thead><tr><th>Asked for help</th><th>Server</th><th>Channel</th><th>Question</th><th></th></tr></thead>
<tbody>${open.map(
    (e) => html`<tr><td>${formatTime(e.createdAt)}</td><td>${serverName(deps, e.guildId)}</td><td>${channelName(deps, e.channelId)}</td><td class="question">${e.question}</td><td><form method="post" action="/escalations/${e.id}/resolve">${csrfField(csrf)}<button type="submit">Mark resolved</button></form></td></tr>`,
  )}</tbody></table></div>
${open.length === 0 ? html`<p class="muted">No open help request.</p>` : ''}
<h2>Resolved</h2>
<div class="table"><table id="resolved-escalations"><thead><tr><th>Asked for help</th><th>Resolved</th><th>Server</th><th>Question</th></tr></thead>
<tbody>${resolved.map((e) => html`<tr><td>${formatTime(e.createdAt)}</td><td>${formatTime(e.resolvedAt ?? 0)}</td><td>${serverName(deps, e.guildId)}</td><td class="question">${e.question}</td></tr>`)}</tbody></table></div>`;
  return { title: 'Help requests', body };
}

export async function escalationsCsv(deps: DashboardDeps): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const all = await deps.state.escalations.list({ limit: 100_000 });
  return {
    header: ['created_at', 'resolved_at', 'server_id', 'channel_id', 'message_id', 'question', 'user_hash', 'question_id'],
    rows: all.map((e) => [new Date(e.createdAt).toISOString(), e.resolvedAt ? new Date(e.resolvedAt).toISOString() : '', e.guildId, e.channelId, e.messageId, e.question, e.userHash, e.questionId]),
  };
}
