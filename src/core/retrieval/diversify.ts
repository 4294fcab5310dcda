// Overlapping windows of one long paragraph can both rank high; showing the same sentences
// twice wastes one of three excerpt slots. Keep the better of any two chunks that overlap.
import type { Chunk } from '../types.js';

export function overlaps(a: Chunk, b: Chunk): boolean {
  return a.docId === b.docId && a.charStart < b.charEnd && b.charStart < a.charEnd;
}

/** Drops hits whose chunk overlaps a better-ranked kept hit; order is preserved. */
export function dropOverlapping<T extends { label: number }>(hits: readonly T[], chunks: readonly Chunk[]): T[] {
  const kept: T[] = [];
  const keptChunks: Chunk[] = [];
  for (const hit of hits) {
    const chunk = chunks[hit.label];
    if (!chunk || keptChunks.some((k) => overlaps(k, chunk))) continue;
    kept.push(hit);
    keptChunks.push(chunk);
  }
  return kept;
}
