// Collections with the real model and index: sub-folders of the corpus are collections, and a
// question limited to some never gets a passage from elsewhere yet still finds the answer there.
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf, inCollection, inCollections, scopeOfCollections } from '../../src/core/documents/collections.js';
import type { Engine } from '../../src/core/engine.js';
import { HnswStore } from '../../src/core/index/hnsw-store.js';
import { normalizeForMatch } from '../../src/core/text/normalize.js';
import type { Answer, Excerpt } from '../../src/core/types.js';
import { type EvalQuestion, readQuestions } from '../../src/eval/questions.js';
import { PROJECT_CORPUS, PROJECT_ROOT } from '../support/paths.js';
import { openTestEngine, type TempWorkspace, tempWorkspace } from '../support/workspace.js';

const corpora = path.join(PROJECT_ROOT, 'test/eval/corpora');
/**
 * Two collections of other kinds beside the project's top-level news articles (in no collection):
 * four documents of each development corpus, enough to mix topics and quick to index.
 */
const COLLECTIONS: Record<string, string[]> = {
  faq: ['netwave-forum-evening-dropouts.txt', 'fernleigh-mobile-banking-faq.md', 'willow-lane-community-garden-faq.md', 'harwick-university-library-faq.md'],
  manual: ['tidepool-release-notes.md', 'halden-smart-thermostat-installation.md', 'nordvik-dehumidifier-d20-manual.txt', 'brightwell-bth220-sensor-datasheet.txt'],
};
const COLLECTION_NAMES = Object.keys(COLLECTIONS);

const shownOf = (answer: Answer): Excerpt[] => [...answer.excerpts, ...answer.related];

/** The question's answer is among the passages shown (its document, its words). */
function found(answer: Answer, question: EvalQuestion, collection: string): boolean {
  const expected = normalizeForMatch(question.answer ?? '');
  return shownOf(answer).some((excerpt) => excerpt.citation.docId === `${collection}/${question.doc}` && normalizeForMatch(excerpt.text).includes(expected));
}

describe('collection names', () => {
  it('takes a document’s first folder as its collection; top-level files have none', () => {
    expect(collectionOf('handbook/leave.md')).toBe('handbook');
    expect(collectionOf('handbook/hr/leave.md')).toBe('handbook');
    expect(collectionOf('leave.md')).toBeUndefined();
    expect(inCollection('handbook/hr/leave.md', 'handbook/')).toBe(true);
    expect(inCollection('handbook/hr/leave.md', 'handbook/hr')).toBe(true);
    expect(inCollection('handbooks/leave.md', 'handbook')).toBe(false);
    expect(inCollections('faq/a.md', ['manual', 'faq'])).toBe(true);
    expect(inCollections('a.md', ['faq'])).toBe(false);
    expect(inCollections('a.md', [])).toBe(true);
    expect(scopeOfCollections([' policies/', 'handbook', 'handbook', ''])).toEqual(['handbook', 'policies']);
    expect(scopeOfCollections(['/', ' '])).toBeUndefined();
  });
});

describe('hnswlib filtered search', () => {
  it('returns k accepted neighbours, the exact ones, when few vectors pass the filter', () => {
    let state = 42;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) - 0.5;
    const unit = () => {
      const v = Float32Array.from({ length: 32 }, random);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const vectors = Array.from({ length: 2000 }, unit);
    const store = HnswStore.build(vectors, 32);
    // One vector in 25 passes: an unfiltered top-20 would hold about one of them.
    const accepts = (label: number) => label % 25 === 0;
    const query = unit();
    const hits = store.searchNow(query, 20, { accepts, docIds: new Set() });
    expect(hits).toHaveLength(20);
    expect(hits.every((hit) => accepts(hit.label))).toBe(true);
    const exact = vectors
      .map((v, label) => ({ label, score: v.reduce((sum, x, i) => sum + x * (query[i] ?? 0), 0) }))
      .filter((hit) => accepts(hit.label))
      .sort((a, b) => b.score - a.score)
      .slice(0, 20)
      .map((hit) => hit.label);
    const recall = hits.filter((hit) => exact.includes(hit.label)).length / exact.length;
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('questions limited to collections (real model)', () => {
  let workspace: TempWorkspace;
  let engine: Engine;
  const questions = new Map<string, EvalQuestion[]>();

  beforeAll(async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    for (const [name, files] of Object.entries(COLLECTIONS)) {
      await mkdir(path.join(workspace.corpusDir, name));
      for (const file of files) await cp(path.join(corpora, name, 'docs', file), path.join(workspace.corpusDir, name, file));
      const all = await readQuestions(path.join(corpora, name, 'questions.jsonl'));
      questions.set(name, all.filter((q) => q.doc && files.includes(q.doc)));
    }
    engine = await openTestEngine(workspace);
  }, 600_000);
  afterAll(async () => {
    await engine?.close();
    await workspace?.cleanup();
  });

  it('lists each document with its collection', () => {
    const documents = engine.documents();
    for (const name of COLLECTION_NAMES) expect(documents.filter((d) => d.collection === name).length).toBeGreaterThan(0);
    const topLevel = documents.filter((d) => !d.id.includes('/'));
    expect(topLevel.length).toBeGreaterThan(0);
    expect(topLevel.every((d) => d.collection === undefined)).toBe(true);
  });

  it('never shows a passage from outside the scope, and finds the answers inside it as well as unscoped', async () => {
    for (const name of COLLECTION_NAMES) {
      const answerable = (questions.get(name) ?? []).filter((q) => q.answer);
      let scopedFound = 0;
      let unscopedFound = 0;
      for (const question of answerable) {
        const scoped = await engine.ask(question.question, { collections: [name] });
        expect(scoped.scope).toEqual([name]);
        for (const excerpt of shownOf(scoped)) expect(excerpt.citation.docId.startsWith(`${name}/`)).toBe(true);
        if (found(scoped, question, name)) scopedFound++;
        if (found(await engine.ask(question.question), question, name)) unscopedFound++;
      }
      // Taking the other documents away can only make room for the right passage.
      expect(scopedFound).toBeGreaterThanOrEqual(unscopedFound);
      expect(scopedFound / answerable.length).toBeGreaterThanOrEqual(0.8);
    }
  }, 600_000);

  it('asked in the wrong collection, shows only that collection’s passages (or says not found)', async () => {
    const faqQuestions = (questions.get('faq') ?? []).filter((q) => q.doc).slice(0, 15);
    for (const question of faqQuestions) {
      const answer = await engine.ask(question.question, { collections: ['manual'] });
      for (const excerpt of shownOf(answer)) expect(excerpt.citation.docId.startsWith('manual/')).toBe(true);
    }
    const nowhere = await engine.ask(faqQuestions[0]?.question ?? 'x', { collections: ['no-such-folder'] });
    expect(nowhere.status).toBe('not-found');
    expect(shownOf(nowhere)).toEqual([]);
  }, 120_000);

  it('limits searches and their paging the same way, and several collections together', async () => {
    const question = (questions.get('manual') ?? []).find((q) => q.doc && q.answer);
    const page = await engine.search(question?.question ?? '', { collections: ['manual'], limit: 5 });
    expect(page.scope).toEqual(['manual']);
    expect(page.total).toBeGreaterThan(0);
    expect(page.hits.every((hit) => hit.citation.docId.startsWith('manual/'))).toBe(true);
    const next = await engine.search(question?.question ?? '', { collections: ['manual'], offset: 5, limit: 5 });
    expect(next.hits.every((hit) => hit.citation.docId.startsWith('manual/'))).toBe(true);
    const both = await engine.ask(question?.question ?? '', { collections: ['manual', 'faq'] });
    expect(both.scope).toEqual(['faq', 'manual']);
    expect(shownOf(both).every((e) => e.citation.docId.startsWith('manual/') || e.citation.docId.startsWith('faq/'))).toBe(true);
    const unscoped = await engine.ask(question?.question ?? '');
    expect(unscoped.scope).toBeUndefined();
  }, 120_000);

  it('keeps "more like this" inside the scope: other documents of the same collections only', async () => {
    const source = (await engine.ask((questions.get('manual') ?? []).find((q) => q.answer)?.question ?? '', { collections: ['manual'] })).excerpts[0];
    expect(source?.citation.docId.startsWith('manual/')).toBe(true);
    const scoped = await engine.moreLikeThis(source?.chunkId ?? '', { collections: ['manual'] });
    // A scope holding no document leaves nothing to list (unscoped, the rest of the corpus would be there).
    expect((await engine.moreLikeThis(source?.chunkId ?? '', { collections: ['no-such-folder'] }))?.hits).toEqual([]);
    expect((await engine.moreLikeThis(source?.chunkId ?? ''))?.hits.length).toBeGreaterThan(0);
    expect(scoped?.hits.length).toBeGreaterThan(0);
    for (const hit of scoped?.hits ?? []) {
      expect(hit.citation.docId.startsWith('manual/')).toBe(true);
      expect(hit.citation.docId).not.toBe(source?.citation.docId);
    }
  }, 120_000);
});
