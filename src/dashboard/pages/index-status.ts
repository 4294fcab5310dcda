// Index status: the live generation (when built, how long, documents, passages, skipped files,
// model), whether a rebuild runs, the last dashboard rebuild's result, and the Reindex button.
import { formatTime, type DashboardDeps } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { ReindexState } from '../reindex.js';

export function indexPage(deps: DashboardDeps, reindex: ReindexState, csrf: string): { title: string; body: SafeHtml } {
  const status = deps.engine.indexStatus();
  const running = reindex.running !== undefined || status.rebuilding;
  const last = reindex.last;
  const body = html`<dl class="status" id="index-status">
<dt>Built</dt><dd id="built-at">${formatTime(status.builtAt)} (${status.buildSeconds.toFixed(1)} s)</dd>
<dt>Documents</dt><dd id="index-documents">${status.documents}</dd>
<dt>Passages</dt><dd>${status.chunks}</dd>
<dt>Skipped files</dt><dd>${status.skipped}</dd>
<dt>Model</dt><dd>${status.model}</dd>
<dt>Vector store</dt><dd>${status.vectorBackend} · index format ${status.schemaVersion}</dd>
<dt>Rebuild</dt><dd id="rebuild-state">${running ? `running${reindex.running ? ` (started ${formatTime(reindex.running.startedAt)})` : ''}` : 'idle'}</dd>
</dl>
${last ? html`<p id="last-reindex" class="${last.error ? 'error' : 'ok'}">Last rebuild from the dashboard, ${formatTime(last.finishedAt)}: ${last.error ? `failed (${last.error}); questions are still answered from the previous index.` : `${last.summary?.documents ?? 0} documents, ${last.summary?.chunks ?? 0} passages, ${last.summary?.embedded ?? 0} embedded, ${(last.summary?.seconds ?? 0).toFixed(1)} s (${last.summary?.reason ?? ''}).`}</p>` : ''}
<form method="post" action="/index/reindex">${csrfField(csrf)}<button type="submit" id="reindex"${running ? html` disabled` : ''}>Reindex</button></form>
<p class="muted">Rebuilds from the documents folder; questions keep being answered from the current index until the new one is swapped in.</p>`;
  return { title: 'Index', body };
}
