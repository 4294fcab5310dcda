// The one facade adapters use: open() loads the model and the index (building or repairing it
// when needed); ask(), search(), documents(), passage() answer from the live index; reindex()
// builds a new generation while questions keep being answered from the old one, then swaps.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { selectHighlights } from './answer/sentences.js';
import { DEFAULT_ANSWERABILITY, type AnswerabilitySettings, isAnswerable, signalsOf } from './answer/answerability.js';
import { DEFAULT_CHUNKER, type ChunkerSettings } from './chunk.js';
import { loadCorpus } from './corpus/load.js';
import { Embedder } from './embed/embedder.js';
import { QueryEmbeddingCache } from './embed/query-cache.js';
import type { FusedHit } from './retrieve/fuse.js';
import { DEFAULT_RETRIEVAL, type RetrievalMode, type RetrievalSettings, retrieve } from './retrieve/hybrid-search.js';
import { type AnalyzedQuery, analyzeQuery, chunkCoverage } from './retrieve/query.js';
import { buildIndex, type BuildSettings } from './store/build-index.js';
import { withBuildLock } from './store/build-lock.js';
import { type IndexData, IndexUnavailable, readCurrentGeneration, readGeneration, readManifest } from './store/index-files.js';
import type { Manifest } from './store/manifest.js';
import { SCHEMA_VERSION } from './store/manifest.js';
import { DEFAULT_HNSW, type HnswSettings } from './store/vector-index.js';
import type {
  Answer, AnswerEngine, AskOptions, Chunk, CleanDocument, DocumentSummary, Excerpt, IndexSummary, PassageView,
  ProgressEvent, SearchOptions, SearchPage, StageTimings,
} from './types.js';

export interface EngineOptions {
  corpusDir: string;
  embeddingsDir: string;
  model: { id: string; dtype: string; modelsDir: string; allowRemote: boolean; threads?: number };
  logger: Logger;
  chunker?: ChunkerSettings;
  hnsw?: HnswSettings;
  retrieval?: RetrievalSettings;
  answerability?: AnswerabilitySettings;
  onProgress?: (event: ProgressEvent) => void;
}

export function engineOptionsFromConfig(config: Config, logger: Logger): EngineOptions {
  return {
    corpusDir: config.corpusDir,
    embeddingsDir: config.embeddingsDir,
    model: { id: config.embeddingModel, dtype: config.embeddingDtype, modelsDir: config.modelsDir, allowRemote: config.allowRemoteModels },
    logger,
  };
}

export const EXCERPTS_PER_ANSWER = 3;
const RELATED_PER_ANSWER = 2;
/** Top hits checked for an answer: the best passage by fusion is not always the one that answers. */
const ANSWER_CHECK_DEPTH = 3;

/** A ranked chunk with its fusion components, for evaluation and benchmarks. */
export interface RankedChunk {
  chunk: Chunk;
  score: number;
  lexical: number;
  dense: number;
}

export class Engine implements AnswerEngine {
  private data: IndexData;
  private readonly embedder: Embedder;
  private readonly queryCache: QueryEmbeddingCache;
  private reindexing: Promise<IndexSummary> | undefined;
  private docsById = new Map<string, CleanDocument>();
  /** How the index at open() came to be: loaded as is, or built and why. */
  readonly startup: IndexSummary;

  private constructor(
    private readonly options: Required<Omit<EngineOptions, 'onProgress'>> & Pick<EngineOptions, 'onProgress'>,
    embedder: Embedder,
    data: IndexData,
    startup: IndexSummary,
  ) {
    this.embedder = embedder;
    this.data = data;
    this.startup = startup;
    this.queryCache = new QueryEmbeddingCache((text) => embedder.embedOne(text));
    this.indexDocuments();
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const full = {
      chunker: DEFAULT_CHUNKER,
      hnsw: DEFAULT_HNSW,
      retrieval: DEFAULT_RETRIEVAL,
      answerability: DEFAULT_ANSWERABILITY,
      ...options,
    };
    const embedder = await Embedder.load({
      model: full.model.id,
      dtype: full.model.dtype,
      modelsDir: full.model.modelsDir,
      allowRemote: full.model.allowRemote,
      ...(full.model.threads ? { threads: full.model.threads } : {}),
    });
    const { data, summary } = await loadOrBuild(full, embedder, full.onProgress);
    return new Engine(full, embedder, data, summary);
  }

  // ---- questions -------------------------------------------------------------------------

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return this.askWith('hybrid', question, options);
  }

  /** `ask` with a chosen retrieval mode; the evaluation compares bm25, dense and hybrid. */
  async askWith(mode: RetrievalMode, question: string, options: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const limit = Math.min(10, Math.max(1, Math.floor(options.limit ?? EXCERPTS_PER_ANSWER)));
    const data = this.data;
    const trimmed = question.trim();
    const t0 = performance.now();
    const vector = trimmed ? await this.queryCache.get(trimmed) : undefined;
    const embedMs = performance.now() - t0;
    const query = analyzeQuery(trimmed, data.acronyms, data.lexical);
    const retrieval = trimmed
      ? retrieve(data, query, mode === 'bm25' ? undefined : vector, mode, this.options.retrieval)
      : { hits: [], lexicalMs: 0, vectorMs: 0, fuseMs: 0 };

    const t1 = performance.now();
    const answered = this.answerable(retrieval.hits, query, data, vector);
    const pick = (hits: FusedHit[], from: number, count: number): Excerpt[] =>
      hits.slice(from, from + count).map((hit, i) => this.excerpt(data, hit, query, from + i + 1));
    const excerpts = answered ? pick(retrieval.hits, offset, limit) : [];
    const related = answered ? [] : pick(retrieval.hits.filter((h) => h.dense >= 0.25 || h.lexical > 0.5), offset, RELATED_PER_ANSWER);
    const composeMs = performance.now() - t1;

    const shown = answered ? excerpts.length : related.length;
    const timings: StageTimings = {
      embedMs,
      lexicalMs: retrieval.lexicalMs,
      vectorMs: retrieval.vectorMs,
      fuseMs: retrieval.fuseMs,
      composeMs,
      totalMs: performance.now() - started,
    };
    return {
      question: trimmed,
      answered,
      summary: answered
        ? offset > 0
          ? `More passages from the documents (${offset + 1}–${offset + excerpts.length}):`
          : 'Here is what the documents say:'
        : "I couldn't find that in the documents.",
      excerpts,
      related,
      offset,
      hasMore: offset + shown < (answered ? retrieval.hits.length : Math.min(retrieval.hits.length, RELATED_PER_ANSWER)),
      timings,
    };
  }

  async search(queryText: string, options: SearchOptions = {}): Promise<SearchPage> {
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const limit = Math.min(10, Math.max(1, Math.floor(options.limit ?? 5)));
    const data = this.data;
    const trimmed = queryText.trim();
    const docId = options.docId && this.docsById.has(options.docId) ? options.docId : undefined;
    if (!trimmed) return { query: trimmed, ...(docId ? { docId } : {}), offset, limit, total: 0, hits: [] };
    const vector = await this.queryCache.get(trimmed);
    const query = analyzeQuery(trimmed, data.acronyms, data.lexical);
    const { hits } = retrieve(data, query, vector, 'hybrid', this.options.retrieval, docId);
    const relevant = hits.filter((h) => h.lexical > 0 || h.dense >= 0.2);
    return {
      query: trimmed,
      ...(docId ? { docId } : {}),
      offset,
      limit,
      total: relevant.length,
      hits: relevant.slice(offset, offset + limit).map((hit, i) => ({ ...this.excerpt(data, hit, query, offset + i + 1), highlights: [] })),
    };
  }

  /** Ranked chunks for one retrieval mode (evaluation and benchmarks compare the modes). */
  async rank(question: string, mode: RetrievalMode, limit = 10): Promise<RankedChunk[]> {
    const data = this.data;
    const vector = mode === 'bm25' ? undefined : await this.queryCache.get(question.trim());
    const query = analyzeQuery(question, data.acronyms, data.lexical);
    const { hits } = retrieve(data, query, vector, mode, this.options.retrieval);
    return hits.slice(0, limit).flatMap((h) => {
      const chunk = data.chunks[h.label];
      return chunk ? [{ chunk, score: h.score, lexical: h.lexical, dense: h.dense }] : [];
    });
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embedder.embedOne(text);
  }

  // ---- corpus ------------------------------------------------------------------------------

  documents(): DocumentSummary[] {
    return this.data.documents.map((doc) => this.summaryOf(doc));
  }

  findDocuments(text: string, limit: number): DocumentSummary[] {
    const needle = text.trim().toLowerCase();
    const scored = this.data.documents
      .map((doc) => {
        const title = doc.title.toLowerCase();
        const id = doc.id.toLowerCase();
        const score = !needle ? 1 : title.startsWith(needle) || id.startsWith(needle) ? 3 : title.includes(needle) || id.includes(needle) ? 2 : 0;
        return { doc, score };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title));
    return scored.slice(0, Math.max(0, limit)).map((s) => this.summaryOf(s.doc));
  }

  passage(docId: string, paragraph = 1, context = 1): PassageView | undefined {
    const doc = this.docsById.get(docId);
    if (!doc || doc.paragraphs.length === 0) return undefined;
    const focus = Math.min(Math.max(1, Math.floor(paragraph)), doc.paragraphs.length);
    const from = Math.max(1, focus - context);
    const to = Math.min(doc.paragraphs.length, focus + context);
    return { document: this.summaryOf(doc), paragraphs: doc.paragraphs.slice(from - 1, to), focus };
  }

  stats(): { documents: number; chunks: number } {
    return { documents: this.data.documents.length, chunks: this.data.chunks.length };
  }

  get manifest(): Manifest {
    return this.data.manifest;
  }

  /** Builds from the current corpus folder; concurrent calls share one build. */
  reindex(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary> {
    this.reindexing ??= (async () => {
      try {
        const { data, summary } = await loadOrBuild(this.options, this.embedder, onProgress, 'requested');
        this.data = data;
        this.indexDocuments();
        return summary;
      } finally {
        this.reindexing = undefined;
      }
    })();
    return this.reindexing;
  }

  async close(): Promise<void> {
    await this.reindexing?.catch(() => undefined);
    await this.embedder.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------

  private answerable(hits: FusedHit[], query: AnalyzedQuery, data: IndexData, vector: Float32Array | undefined): boolean {
    return hits.slice(0, ANSWER_CHECK_DEPTH).some((hit) => {
      const chunk = data.chunks[hit.label];
      if (!chunk) return false;
      // Whatever ranked the hit, judge it with both signals (a bm25-only hit has no cosine yet).
      const cosine = hit.dense || (vector ? data.vectors.similarity(vector, hit.label) : 0);
      const signals = signalsOf({ ...hit, dense: cosine }, chunkCoverage(data, query, hit.label));
      return isAnswerable(signals, this.options.answerability);
    });
  }

  private excerpt(data: IndexData, hit: FusedHit, query: AnalyzedQuery, n: number): Excerpt {
    const chunk = data.chunks[hit.label];
    if (!chunk) throw new Error(`chunk ${hit.label} missing from the index`);
    const doc = this.docsById.get(chunk.docId);
    return {
      citation: {
        n,
        docId: chunk.docId,
        title: doc?.title ?? chunk.docId,
        ...(doc?.date ? { date: doc.date } : {}),
        ...(doc?.source ? { source: doc.source } : {}),
        ...(doc?.url ? { url: doc.url } : {}),
        paragraphStart: chunk.paragraphStart,
        paragraphEnd: chunk.paragraphEnd,
      },
      chunkId: chunk.id,
      text: chunk.text,
      highlights: selectHighlights(chunk, query),
      score: hit.score,
    };
  }

  private indexDocuments(): void {
    this.docsById = new Map(this.data.documents.map((d) => [d.id, d]));
    this.chunkCounts = new Map();
    for (const chunk of this.data.chunks) this.chunkCounts.set(chunk.docId, (this.chunkCounts.get(chunk.docId) ?? 0) + 1);
  }

  private chunkCounts = new Map<string, number>();

  private summaryOf(doc: CleanDocument): DocumentSummary {
    return {
      id: doc.id,
      title: doc.title,
      ...(doc.date ? { date: doc.date } : {}),
      ...(doc.source ? { source: doc.source } : {}),
      ...(doc.author ? { author: doc.author } : {}),
      ...(doc.url ? { url: doc.url } : {}),
      chunks: this.chunkCounts.get(doc.id) ?? 0,
      paragraphs: doc.paragraphs.length,
      characters: doc.text.length,
    };
  }
}

export function openEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}

type FullOptions = Required<Omit<EngineOptions, 'onProgress'>>;

/**
 * Reads the corpus, then loads the live index if it matches the corpus, model and settings;
 * otherwise (missing, corrupt or stale) builds a new generation and says why in one log line.
 */
async function loadOrBuild(
  options: FullOptions,
  embedder: Embedder,
  onProgress?: (event: ProgressEvent) => void,
  requested?: 'requested',
): Promise<{ data: IndexData; summary: IndexSummary }> {
  const { logger } = options;
  const started = performance.now();
  const corpus = await loadCorpus(options.corpusDir, (done, total) => onProgress?.({ phase: 'read', done, total }));
  for (const skipped of corpus.skipped) logger.warn({ file: skipped.file }, `skipped ${skipped.file}: ${skipped.reason}`);

  const settings: BuildSettings = {
    embeddingsDir: options.embeddingsDir,
    model: { id: options.model.id, dtype: options.model.dtype },
    chunker: options.chunker,
    hnsw: options.hnsw,
  };
  const upToDate = (data: IndexData): { data: IndexData; summary: IndexSummary } => {
    if (requested) logger.info('index is up to date; nothing to rebuild');
    const summary: IndexSummary = {
      documents: data.documents.length,
      chunks: data.chunks.length,
      embedded: 0,
      reused: data.chunks.length,
      skipped: corpus.skipped,
      removedDocuments: 0,
      seconds: (performance.now() - started) / 1000,
      reason: 'up to date',
    };
    return { data, summary };
  };
  const first = await tryLoad(options, settings, corpus.documents);
  if ('data' in first) return upToDate(first.data);

  return withBuildLock(
    options.embeddingsDir,
    async () => {
      // Another process may have built exactly this index while we waited for the lock.
      const again = await tryLoad(options, settings, corpus.documents);
      if ('data' in again) return upToDate(again.data);
      const { reason, previous } = again;
      if (reason.startsWith('missing')) logger.info(`building the index (${reason})`);
      else logger.warn(`rebuilding the index (${reason})`);
      const built = await buildIndex(corpus.documents, corpus.skipped, embedder, settings, reason, logger, onProgress);
      const removed = previous ? Object.keys(previous.documents).filter((id) => !built.data.manifest.documents[id]).length : 0;
      return { data: built.data, summary: { ...built.summary, removedDocuments: removed, seconds: (performance.now() - started) / 1000 } };
    },
    { onWait: (pid) => logger.info(`waiting for another index build (pid ${pid ?? 'unknown'}) to finish`) },
  );
}

/** The live generation if it matches corpus and settings; otherwise why not. */
async function tryLoad(
  options: FullOptions,
  settings: BuildSettings,
  documents: CleanDocument[],
): Promise<{ data: IndexData } | { reason: string; previous?: Manifest }> {
  let previous: Manifest | undefined;
  try {
    const generation = await readCurrentGeneration(options.embeddingsDir);
    const manifest = await readManifest(options.embeddingsDir, generation);
    previous = manifest;
    const stale = staleness(manifest, settings, documents);
    if (stale) return { reason: `stale: ${stale}`, previous };
    return { data: await readGeneration(options.embeddingsDir, generation, manifest, options.hnsw) };
  } catch (error) {
    if (!(error instanceof IndexUnavailable)) throw error;
    return { reason: `${error.kind}: ${error.message}`, ...(previous ? { previous } : {}) };
  }
}

/** Why a manifest no longer matches, or undefined when it does. */
function staleness(manifest: Manifest, settings: BuildSettings, documents: CleanDocument[]): string | undefined {
  if (manifest.schemaVersion !== SCHEMA_VERSION) return `index format ${manifest.schemaVersion} is older than ${SCHEMA_VERSION}`;
  if (manifest.model.id !== settings.model.id || manifest.model.dtype !== settings.model.dtype) {
    return `model changed (${manifest.model.id}@${manifest.model.dtype} → ${settings.model.id}@${settings.model.dtype})`;
  }
  if (JSON.stringify(manifest.chunker) !== JSON.stringify(settings.chunker)) return 'chunker settings changed';
  if (manifest.hnsw.m !== settings.hnsw.m || manifest.hnsw.efConstruction !== settings.hnsw.efConstruction) return 'vector index settings changed';
  const current = new Map(documents.map((d) => [d.id, d.contentHash]));
  const changed = documents.filter((d) => manifest.documents[d.id] && manifest.documents[d.id]?.contentHash !== d.contentHash).length;
  const added = documents.filter((d) => !manifest.documents[d.id]).length;
  const removed = Object.keys(manifest.documents).filter((id) => !current.has(id)).length;
  if (changed || added || removed) return `corpus changed (${changed} changed, ${added} added, ${removed} removed)`;
  return undefined;
}
