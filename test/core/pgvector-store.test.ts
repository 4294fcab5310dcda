// The pgvector VectorStore against PGlite (PostgreSQL compiled to WebAssembly, with the same
// pgvector extension code a PostgreSQL server uses): search and exact similarity, filters, the
// one-transaction build (a failed build leaves nothing; readers never see half of one), loading
// checks, old generations dropped — and the real engine on it, answering like the hnswlib engine
// and rebuilding while it answers.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { PGVECTOR_MARKER_FILE, pgvectorBackend, tableFor, type PgVectorBackend } from '../../src/core/index/pgvector-store.js';
import { openSqlClient } from '../../src/core/index/sql-client.js';
import { DEFAULT_HNSW } from '../../src/core/settings.js';
import { readQuestions } from '../../src/eval/questions.js';
import { DEV_QUESTIONS, PROJECT_CORPUS } from '../support/paths.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const DIM = 16;

/** Deterministic unit vectors (a small LCG), so the test needs no fixture files. */
function unitVectors(count: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: DIM }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

function exactTop(vectors: readonly Float32Array[], query: Float32Array, k: number, accept: (label: number) => boolean = () => true): number[] {
  return vectors
    .map((v, label) => ({ label, score: dot(v, query) }))
    .filter((hit) => accept(hit.label))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit) => hit.label);
}

describe('pgvector vector store (PGlite)', () => {
  let dir: string;
  let dbDir: string;
  let backend: PgVectorBackend;
  const vectors = unitVectors(1500, 7);
  const queries = unitVectors(20, 99);
  const generationDir = () => path.join(dir, `gen-${Date.now()}-${Math.random().toString(16).slice(2, 8)}`);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-pgvector-'));
    dbDir = path.join(dir, 'pgdata');
    backend = pgvectorBackend(`pglite:${dbDir}`);
  });
  afterAll(async () => {
    await backend?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the cosine nearest neighbours (recall@10 ≥ 0.95 against exact search) and gives exact similarities', async () => {
    const store = await backend.build(vectors, DIM, DEFAULT_HNSW);
    const gen = generationDir();
    await mkdir(gen);
    await store.save(gen);
    let found = 0;
    for (const query of queries) {
      const hits = await store.search(query, 10);
      expect(hits).toHaveLength(10);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
      const truth = new Set(exactTop(vectors, query, 10));
      found += hits.filter((hit) => truth.has(hit.label)).length;
      for (const hit of hits) expect(hit.score).toBeCloseTo(dot(vectors[hit.label] ?? new Float32Array(DIM), query), 5);
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
    const query = queries[0] ?? new Float32Array(DIM);
    const scores = await store.similarity(query, [3, 0, 1499]);
    expect(scores.map((s) => Number(s.toFixed(5)))).toEqual([3, 0, 1499].map((label) => Number(dot(vectors[label] ?? new Float32Array(DIM), query).toFixed(5))));
    // The stored vector of one chunk comes back as stored ("more like this" searches with it).
    const stored = await store.vectorOf(7);
    expect(Array.from(stored ?? []).map((x) => Number(x.toFixed(5)))).toEqual(Array.from(vectors[7] ?? []).map((x) => Number(x.toFixed(5))));
    expect(await store.vectorOf(1500)).toBeUndefined();
    expect(JSON.parse(await readFile(path.join(gen, PGVECTOR_MARKER_FILE), 'utf8'))).toMatchObject({ size: 1500, dimension: DIM, table: tableFor(path.basename(gen)) });
  });

  it('restricts a search to the accepted chunks, exactly for a few and through the graph for many', async () => {
    const gen = generationDir();
    await mkdir(gen);
    await (await backend.build(vectors, DIM, DEFAULT_HNSW)).save(gen);
    const store = await backend.load(gen, DIM, vectors.length, DEFAULT_HNSW);
    const query = queries[1] ?? new Float32Array(DIM);
    const few = (label: number) => label % 100 === 0;
    const hits = await store.search(query, 5, { accepts: few, docIds: new Set() });
    expect(hits.map((hit) => hit.label)).toEqual(exactTop(vectors, query, 5, few));
    const many = (label: number) => label % 3 !== 0;
    const wide = await store.search(query, 10, { accepts: many, docIds: new Set() });
    expect(wide).toHaveLength(10);
    expect(wide.every((hit) => many(hit.label))).toBe(true);
    expect(await store.search(query, 5, { accepts: () => false, docIds: new Set() })).toEqual([]);
  });

  it('refuses to load a generation it does not hold, or one of another size', async () => {
    await expect(backend.load(generationDir(), DIM, 10, DEFAULT_HNSW)).rejects.toThrow(/are not in pglite:/);
    const gen = generationDir();
    await mkdir(gen);
    await (await backend.build(vectors.slice(0, 50), DIM, DEFAULT_HNSW)).save(gen);
    await expect(backend.load(gen, DIM, 51, DEFAULT_HNSW)).rejects.toThrow(/holds 50 vectors of 16 dimensions/);
  });

  it('builds in one transaction: a build that fails leaves no table and no registry row', async () => {
    const gen = generationDir();
    await mkdir(gen);
    // The last vector has the wrong dimension: the INSERT of the last batch fails, after the table was created.
    const broken = [...vectors.slice(0, 1200), new Float32Array(DIM + 1)];
    await expect((await backend.build(broken, DIM, DEFAULT_HNSW)).save(gen)).rejects.toThrow();
    await backend.close();
    const db = await openSqlClient(`pglite:${dbDir}`);
    try {
      const table = tableFor(path.basename(gen));
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables WHERE tablename = $1', [table])).rows[0]?.n).toBe(0);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM footnote_vector_generations WHERE generation = $1', [path.basename(gen)])).rows[0]?.n).toBe(0);
      // Only the newest three generations keep their tables.
      const kept = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM footnote_vector_generations')).rows[0]?.n;
      const tables = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'footnote_vectors_gen_%'")).rows[0]?.n;
      expect([kept, tables]).toEqual([3, 3]);
    } finally {
      await db.close();
    }
  });
});

describe('the engine on pgvector (PGlite)', () => {
  let hnswWorkspace: TempWorkspace;
  let pgWorkspace: TempWorkspace;
  let hnsw: Engine;
  let pg: Engine;

  beforeAll(async () => {
    hnswWorkspace = await tempWorkspace(PROJECT_CORPUS);
    pgWorkspace = await tempWorkspace(PROJECT_CORPUS);
    hnsw = await openTestEngine(hnswWorkspace);
    pg = await openTestEngine(pgWorkspace, { vectorBackend: 'pgvector', vectorDatabaseUrl: `pglite:${path.join(pgWorkspace.dir, 'pgdata')}` });
  });
  afterAll(async () => {
    await hnsw?.close();
    await pg?.close();
    await hnswWorkspace?.cleanup();
    await pgWorkspace?.cleanup();
  });

  it('records the backend in the manifest and ranks the dev questions like hnswlib', async () => {
    expect(pg.manifest.vectorStore.backend).toBe('pgvector');
    expect(hnsw.manifest.vectorStore.backend).toBe('hnswlib');
    const questions = await readQuestions(DEV_QUESTIONS);
    for (const { question } of questions) {
      const [a, b] = await Promise.all([hnsw.rank(question, 'dense', 10), pg.rank(question, 'dense', 10)]);
      expect(b.map((r) => r.chunk.id), question).toEqual(a.map((r) => r.chunk.id));
      const [x, y] = await Promise.all([hnsw.ask(question), pg.ask(question)]);
      expect({ answered: y.answered, top: y.excerpts[0]?.chunkId }, question).toEqual({ answered: x.answered, top: x.excerpts[0]?.chunkId });
    }
  });

  it('keeps answering from the old generation during a rebuild and swaps in the new one whole', async () => {
    const before = pg.generation;
    await writeFile(path.join(pgWorkspace.corpusDir, 'bell-foundry.txt'), 'The Bell Foundry of Ostmark\n\nThe Ostmark bell foundry cast its last church bell in 1974, a tenor bell of 612 kilograms.\n');
    const rebuild = pg.reindex();
    const during: string[] = [];
    let done = false;
    void rebuild.finally(() => {
      done = true;
    });
    while (!done) {
      const answer = await pg.ask('What security concept has Xi come up with?');
      expect(answer.answered).toBe(true);
      during.push(answer.excerpts[0]?.chunkId ?? '');
      // A cached question can be answered in microtasks alone: let the rebuild's I/O run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await rebuild).toMatchObject({ documents: 6, embedded: 1 });
    expect(pg.generation).not.toBe(before);
    expect(during.length).toBeGreaterThan(0);
    const answer = await pg.ask('When did the Ostmark foundry cast its last bell?');
    expect(answer.excerpts[0]?.text).toContain('1974');
  });
});
