// Dense vectors in PostgreSQL with pgvector (VECTOR_STORE=pgvector), behind the same VectorStore
// seam as hnswlib: every answer-service replica, on any machine, reads one index. Each generation
// gets its own table (`embedding vector(<dimension>)`, an HNSW index with cosine distance), created,
// filled, indexed and registered in ONE transaction: until it commits no reader can see any of it,
// and once it commits it is complete — readers never see half a build. The generation goes live
// when the index's CURRENT pointer moves to it (generations.ts), after this commit; older tables are
// dropped once newer ones exist. The exact SQL is in the README ("Scaling").
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HnswSettings } from '../settings.js';
import { describeDatabaseUrl, openSqlClient, type SqlClient, type SqlQueryable } from './sql-client.js';
import type { VectorFilter, VectorHit, VectorStore, VectorStoreBackend } from './vector-store.js';

export const PGVECTOR_BACKEND = 'pgvector';
/** A note in the generation folder saying where its vectors are (the database is the truth). */
export const PGVECTOR_MARKER_FILE = 'vectors.pgvector.json';
/** Generations whose tables are kept (the live one, the previous one a replica may still read, one more). */
const KEPT_GENERATIONS = 3;
/** Rows per INSERT while filling a table. */
const INSERT_BATCH = 1000;
/**
 * A filtered search over at most this many chunks is exact (primary key, then sort); a wider one
 * walks the HNSW graph with pgvector's iterative scan until enough rows pass the filter.
 */
const EXACT_FILTER_MAX = 5000;
/** For the HNSW build of a large generation: PostgreSQL's default (64 MB) makes it spill to disk. */
const BUILD_MAINTENANCE_WORK_MEM = '512MB';

const REGISTRY = 'footnote_vector_generations';

export const PGVECTOR_SCHEMA_SQL = [
  'CREATE EXTENSION IF NOT EXISTS vector',
  `CREATE TABLE IF NOT EXISTS ${REGISTRY} (
    generation text PRIMARY KEY,
    table_name text NOT NULL,
    dimension integer NOT NULL,
    size integer NOT NULL,
    built_at timestamptz NOT NULL DEFAULT now()
  )`,
];

/** The table of one generation (`gen-<time>-<hex>` → `footnote_vectors_gen_<time>_<hex>`). */
export function tableFor(generation: string): string {
  if (!/^gen-[\w-]+$/.test(generation)) throw new Error(`not a generation name: ${generation}`);
  return `footnote_vectors_${generation.replace(/-/g, '_').toLowerCase()}`;
}

const vectorLiteral = (vector: Float32Array): string => `[${Array.from(vector).join(',')}]`;

class PgVectorStore implements VectorStore {
  readonly backend = PGVECTOR_BACKEND;
  private table: string | undefined;
  private pending: readonly Float32Array[] | undefined;

  constructor(
    private readonly db: () => Promise<SqlClient>,
    readonly dimension: number,
    readonly size: number,
    private readonly settings: HnswSettings,
    source: { table: string } | { vectors: readonly Float32Array[] },
  ) {
    if ('table' in source) this.table = source.table;
    else this.pending = source.vectors;
  }

  private live(): string {
    if (!this.table) throw new Error('pgvector store used before its generation was saved');
    return this.table;
  }

  async search(query: Float32Array, k: number, filter?: VectorFilter): Promise<VectorHit[]> {
    const count = Math.min(k, this.size);
    if (count <= 0) return [];
    const table = this.live();
    const db = await this.db();
    const q = vectorLiteral(query);
    let labels: number[] | undefined;
    if (filter) {
      labels = [];
      for (let label = 0; label < this.size; label++) if (filter.accepts(label)) labels.push(label);
      if (labels.length === 0) return [];
    }
    const rows = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL hnsw.ef_search = ${Math.max(this.settings.efSearch, count)}`);
      if (!labels) {
        return (await tx.query<{ label: number; distance: number }>(`SELECT label, embedding <=> $1::vector AS distance FROM ${table} ORDER BY embedding <=> $1::vector LIMIT $2`, [q, count])).rows;
      }
      if (labels.length <= EXACT_FILTER_MAX) {
        // Exact over the chosen chunks: the HNSW index is bypassed on purpose (a sort of a few rows).
        return (
          await tx.query<{ label: number; distance: number }>(
            `SELECT label, (embedding <=> $1::vector) + 0 AS distance FROM ${table} WHERE label = ANY($3::int[]) ORDER BY distance LIMIT $2`,
            [q, count, labels],
          )
        ).rows;
      }
      await tx.query("SET LOCAL hnsw.iterative_scan = 'relaxed_order'");
      return (
        await tx.query<{ label: number; distance: number }>(
          `SELECT label, embedding <=> $1::vector AS distance FROM ${table} WHERE label = ANY($3::int[]) ORDER BY embedding <=> $1::vector LIMIT $2`,
          [q, count, labels],
        )
      ).rows;
    });
    // Relaxed order may return neighbours slightly out of order: sort, best first.
    return rows.map((row) => ({ label: Number(row.label), score: 1 - Number(row.distance) })).sort((a, b) => b.score - a.score);
  }

  async similarity(query: Float32Array, labels: readonly number[]): Promise<number[]> {
    if (labels.length === 0) return [];
    const db = await this.db();
    const { rows } = await db.query<{ label: number; score: number }>(
      `SELECT label, 1 - (embedding <=> $1::vector) AS score FROM ${this.live()} WHERE label = ANY($2::int[])`,
      [vectorLiteral(query), [...labels]],
    );
    const scores = new Map(rows.map((row) => [Number(row.label), Number(row.score)]));
    return labels.map((label) => scores.get(label) ?? 0);
  }

  async vectorOf(label: number): Promise<Float32Array | undefined> {
    if (!Number.isInteger(label) || label < 0 || label >= this.size) return undefined;
    const db = await this.db();
    // pgvector's text form is a JSON array of numbers: "[0.1,0.2,…]".
    const { rows } = await db.query<{ embedding: string }>(`SELECT embedding::text AS embedding FROM ${this.live()} WHERE label = $1`, [label]);
    const text = rows[0]?.embedding;
    return text ? Float32Array.from(JSON.parse(text) as number[]) : undefined;
  }

  /** Creates, fills, indexes and registers the generation's table in one transaction. */
  async save(generationDir: string): Promise<void> {
    const vectors = this.pending;
    if (!vectors) throw new Error('pgvector store: this generation is already saved');
    const generation = path.basename(generationDir);
    const table = tableFor(generation);
    const db = await this.db();
    await db.transaction(async (tx) => {
      await tx.query(`CREATE TABLE ${table} (label integer PRIMARY KEY, embedding vector(${this.dimension}) NOT NULL)`);
      for (let start = 0; start < vectors.length; start += INSERT_BATCH) {
        const batch = vectors.slice(start, start + INSERT_BATCH);
        await tx.query(`INSERT INTO ${table} (label, embedding) SELECT * FROM unnest($1::int[], $2::text[]::vector[])`, [
          batch.map((_, i) => start + i),
          batch.map(vectorLiteral),
        ]);
      }
      await tx.query(`SET LOCAL maintenance_work_mem = '${BUILD_MAINTENANCE_WORK_MEM}'`);
      await tx.query(
        `CREATE INDEX ${table}_hnsw ON ${table} USING hnsw (embedding vector_cosine_ops) WITH (m = ${this.settings.m}, ef_construction = ${this.settings.efConstruction})`,
      );
      await tx.query(`INSERT INTO ${REGISTRY} (generation, table_name, dimension, size) VALUES ($1, $2, $3, $4)`, [generation, table, this.dimension, vectors.length]);
    });
    this.table = table;
    this.pending = undefined;
    await writeFile(path.join(generationDir, PGVECTOR_MARKER_FILE), JSON.stringify({ generation, table, size: vectors.length, dimension: this.dimension }, null, 2));
    await pruneGenerations(db, generation);
  }
}

/** Drops the tables of all but the newest generations (never `keep`, the one just written). */
async function pruneGenerations(db: SqlClient, keep: string): Promise<void> {
  const { rows } = await db.query<{ generation: string; table_name: string }>(
    `SELECT generation, table_name FROM ${REGISTRY} ORDER BY built_at DESC, generation DESC OFFSET ${KEPT_GENERATIONS}`,
  );
  for (const row of rows) {
    if (row.generation === keep) continue;
    await db.transaction(async (tx: SqlQueryable) => {
      await tx.query(`DROP TABLE IF EXISTS ${tableFor(row.generation)}`);
      await tx.query(`DELETE FROM ${REGISTRY} WHERE generation = $1`, [row.generation]);
    });
  }
}

export interface PgVectorBackend extends VectorStoreBackend {
  close(): Promise<void>;
}

/** The pgvector backend on the database at `url` (connected on first use; the schema is created if missing). */
export function pgvectorBackend(url: string): PgVectorBackend {
  let client: Promise<SqlClient> | undefined;
  const db = () => {
    client ??= (async () => {
      const opened = await openSqlClient(url);
      try {
        for (const statement of PGVECTOR_SCHEMA_SQL) await opened.query(statement);
      } catch (error) {
        await opened.close();
        throw new Error(`pgvector is not usable at ${describeDatabaseUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      return opened;
    })();
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
  return {
    name: PGVECTOR_BACKEND,
    build: (vectors, dimension, settings) => Promise.resolve(new PgVectorStore(db, dimension, vectors.length, settings, { vectors })),
    load: async (generationDir, dimension, expectedSize, settings) => {
      const generation = path.basename(generationDir);
      const { rows } = await (await db()).query<{ table_name: string; dimension: number; size: number }>(
        `SELECT table_name, dimension, size FROM ${REGISTRY} WHERE generation = $1`,
        [generation],
      );
      const row = rows[0];
      if (!row) throw new Error(`the vectors of ${generation} are not in ${describeDatabaseUrl(url)}`);
      if (row.dimension !== dimension || row.size !== expectedSize) {
        throw new Error(`pgvector holds ${row.size} vectors of ${row.dimension} dimensions for ${generation}, expected ${expectedSize} of ${dimension}`);
      }
      return new PgVectorStore(db, dimension, expectedSize, settings, { table: row.table_name });
    },
    close: async () => {
      const opened = client;
      client = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
