// Documents: what the bot answers from — passages (chunks), citations in the retention period,
// when each was last indexed, and where it came from (the corpus folder, or an upload: who, when).
import type { DocumentSummary } from '../../core/types.js';
import type { CsvCell } from '../csv.js';
import { formatTime, type DashboardDeps } from '../deps.js';
import { html, type SafeHtml } from '../html.js';

interface DocumentRow {
  doc: DocumentSummary;
  citations: number;
}

async function rowsOf(deps: DashboardDeps): Promise<DocumentRow[]> {
  const citations = await deps.reader.citationCounts({ since: deps.now() - deps.retentionDays * 86_400_000 });
  return deps.engine
    .documents()
    .map((doc) => ({ doc, citations: citations.get(doc.id) ?? 0 }))
    .sort((a, b) => b.citations - a.citations || a.doc.title.localeCompare(b.doc.title));
}

function source(doc: DocumentSummary): string {
  return doc.origin ? `upload (${doc.origin.via}) by ${doc.origin.addedBy.name}, ${formatTime(doc.origin.addedAt)}` : 'corpus folder';
}

export async function documentsPage(deps: DashboardDeps): Promise<{ title: string; body: SafeHtml }> {
  const rows = await rowsOf(deps);
  const body = html`<p>${rows.length} documents · citations over the last ${deps.retentionDays} days · <a href="/documents.csv" id="export-documents">Export CSV</a></p>
<div class="table"><table id="documents"><thead><tr><th>Title</th><th>File</th><th>Format</th><th>Passages</th><th>Paragraphs</th><th>Citations</th><th>Last indexed</th><th>Source</th></tr></thead>
<tbody>${rows.map(
    ({ doc, citations }) => html`<tr${citations === 0 ? html` class="never-cited"` : ''}><td>${doc.title}</td><td><code>${doc.id}</code></td><td>${doc.format ?? ''}</td><td>${doc.chunks}</td><td>${doc.paragraphs}</td><td>${citations}</td><td>${doc.indexedAt ? formatTime(doc.indexedAt) : ''}</td><td>${source(doc)}</td></tr>`,
  )}</tbody></table></div>`;
  return { title: 'Documents', body };
}

export async function documentsCsv(deps: DashboardDeps): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const rows = await rowsOf(deps);
  return {
    header: ['document_id', 'title', 'format', 'passages', 'paragraphs', 'pages', 'citations', 'last_indexed', 'source', 'added_by', 'added_at'],
    rows: rows.map(({ doc, citations }) => [
      doc.id, doc.title, doc.format, doc.chunks, doc.paragraphs, doc.pages, citations, doc.indexedAt, doc.origin ? `upload:${doc.origin.via}` : 'corpus', doc.origin?.addedBy.name, doc.origin?.addedAt,
    ]),
  };
}
