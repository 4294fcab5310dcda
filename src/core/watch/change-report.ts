// The one log line a rebuild after a corpus change gets: what changed (counts, and the first few
// names), how much was embedded, and where the index stands now.
import type { DocumentChanges, IndexSummary } from '../types.js';

/** Names listed per kind of change before "+N more": enough to recognise a small change. */
export const NAMES_LISTED = 3;

function listed(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_LISTED).join(', ');
  return names.length > NAMES_LISTED ? `${shown}, +${names.length - NAMES_LISTED} more` : shown;
}

export function changeCount(changes: DocumentChanges): number {
  return changes.added.length + changes.changed.length + changes.removed.length + changes.renamed.length;
}

/** "2 added (a.txt, b.md), 1 renamed (c.txt → d.txt)"; empty when nothing changed. */
export function describeChanges(changes: DocumentChanges): string {
  const parts: string[] = [];
  if (changes.added.length) parts.push(`${changes.added.length} added (${listed(changes.added)})`);
  if (changes.changed.length) parts.push(`${changes.changed.length} changed (${listed(changes.changed)})`);
  if (changes.removed.length) parts.push(`${changes.removed.length} removed (${listed(changes.removed)})`);
  if (changes.renamed.length) parts.push(`${changes.renamed.length} renamed (${listed(changes.renamed.map((r) => `${r.from} → ${r.to}`))})`);
  return parts.join(', ');
}

/** The whole line: "corpus changed: 1 added (a.txt); 3 chunks embedded; index now 6 documents, 61 chunks (1.4 s)". */
export function rebuildLine(summary: IndexSummary, changes: DocumentChanges): string {
  return (
    `corpus changed: ${describeChanges(changes)}; ${summary.embedded} ${summary.embedded === 1 ? 'chunk' : 'chunks'} embedded; ` +
    `index now ${summary.documents} documents, ${summary.chunks} chunks (${summary.seconds.toFixed(1)} s)`
  );
}
