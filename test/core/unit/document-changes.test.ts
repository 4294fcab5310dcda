// What a rebuild changed, from two manifests (pure): added, changed, removed, and renamed when the
// same bytes moved; and the one log line that reports it.
import { describe, expect, it } from 'vitest';
import { documentChanges } from '../../../src/core/index/lifecycle.js';
import { describeChanges, rebuildLine } from '../../../src/core/watch/change-report.js';
import type { IndexSummary } from '../../../src/core/types.js';

const docs = (entries: Record<string, string>) => ({ documents: Object.fromEntries(Object.entries(entries).map(([id, contentHash]) => [id, { contentHash, chunks: 1 }])) });

describe('documentChanges', () => {
  it('names added, changed, removed and renamed documents', () => {
    const before = docs({ 'a.txt': 'h1', 'b.txt': 'h2', 'c.txt': 'h3', 'd.txt': 'h4' });
    const after = docs({ 'a.txt': 'h1', 'b.txt': 'h2-new', 'sub/c.txt': 'h3', 'e.txt': 'h5' });
    expect(documentChanges(before, after)).toEqual({ added: ['e.txt'], changed: ['b.txt'], removed: ['d.txt'], renamed: [{ from: 'c.txt', to: 'sub/c.txt' }] });
  });

  it('is empty when nothing changed', () => {
    const same = docs({ 'a.txt': 'h1' });
    expect(documentChanges(same, same)).toEqual({ added: [], changed: [], removed: [], renamed: [] });
  });
});

describe('the rebuild line', () => {
  it('counts each kind, lists the first three names, and says what was embedded', () => {
    const added = Array.from({ length: 5 }, (_, i) => `n${i}.txt`);
    expect(describeChanges({ added, changed: ['x.md'], removed: [], renamed: [{ from: 'a.txt', to: 'b.txt' }] })).toBe(
      '5 added (n0.txt, n1.txt, n2.txt, +2 more), 1 changed (x.md), 1 renamed (a.txt → b.txt)',
    );
    const summary = { documents: 7, chunks: 80, embedded: 14, seconds: 1.234 } as IndexSummary;
    expect(rebuildLine(summary, { added: ['a.txt'], changed: [], removed: ['b.txt'], renamed: [] })).toBe(
      'corpus changed: 1 added (a.txt), 1 removed (b.txt); 14 chunks embedded; index now 7 documents, 80 chunks (1.2 s)',
    );
  });
});
