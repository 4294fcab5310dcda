// The one facade adapters use. It composes the three jobs, each in its own module:
//   index/lifecycle.ts  open, build, repair, staleness, lock, atomic swap, rebuild while answering
//   answer/answering.ts ask, search, rank — from whichever generation is live when a question starts
//   catalogue.ts        documents, title lookup, paragraph views of the live generation
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { answerQuestion, type AnsweringContext, rankPassages, searchPassages } from './answer/answering.js';
import { Catalogue } from './catalogue.js';
import { Embedder } from './embed/embedder.js';
import { QueryEmbeddingCache } from './embed/query-cache.js';
import { DEFAULT_VECTOR_BACKEND, vectorStoreBackend } from './index/backends.js';
import type { BuildSettings } from './index/build-index.js';
import type { IndexData } from './index/generations.js';
import { IndexLifecycle } from './index/lifecycle.js';
import type { Manifest } from './index/manifest.js';
import type { VectorStoreBackend } from './index/vector-store.js';
import type { RetrievalMode } from './retrieval/pipeline.js';
import { type EngineSettings, resolveSettings, type SettingsOverrides } from './settings.js';
import type {
  Answer, AnswerEngine, AskOptions, DocumentSummary, IndexSummary, PassageView, ProgressEvent, RankedChunk, RankingEngine,
  SearchOptions, SearchPage,
} from './types.js';

export interface EngineOptions {
  corpusDir: string;
  embeddingsDir: string;
  model: { id: string; dtype: string; modelsDir: string; allowRemote: boolean; threads?: number };
  logger: Logger;
  /** Parts of the defaults to replace (settings.ts); the evaluation and tests tune through this. */
  settings?: SettingsOverrides;
  /** The VectorStore backend new generations are built with (default hnswlib). */
  vectorBackend?: string;
  /** Where the pgvector backend keeps the vectors (VECTOR_DATABASE_URL). */
  vectorDatabaseUrl?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export function engineOptionsFromConfig(config: Config, logger: Logger): EngineOptions {
  return {
    corpusDir: config.corpusDir,
    embeddingsDir: config.embeddingsDir,
    model: { id: config.embeddingModel, dtype: config.embeddingDtype, modelsDir: config.modelsDir, allowRemote: config.allowRemoteModels },
    logger,
    vectorBackend: config.vectorStore.backend,
    ...(config.vectorStore.databaseUrl ? { vectorDatabaseUrl: config.vectorStore.databaseUrl } : {}),
  };
}

export class Engine implements AnswerEngine, RankingEngine {
  private catalogue: Catalogue;
  private catalogueOf: IndexData;
  private readonly queryCache: QueryEmbeddingCache;

  private constructor(
    private readonly lifecycle: IndexLifecycle,
    private readonly embedder: Embedder,
    readonly settings: EngineSettings,
    private readonly vectorBackend: VectorStoreBackend,
  ) {
    this.queryCache = new QueryEmbeddingCache((text) => embedder.embedOne(text), settings.embedding.queryCacheEntries);
    this.catalogueOf = lifecycle.current;
    this.catalogue = new Catalogue(this.catalogueOf);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const settings = resolveSettings(options.settings);
    const backendName = options.vectorBackend ?? DEFAULT_VECTOR_BACKEND;
    const vectorBackend = vectorStoreBackend(backendName, { databaseUrl: options.vectorDatabaseUrl });
    if (!vectorBackend) throw new Error(`unknown vector store backend "${backendName}"`);
    const embedder = await Embedder.load({
      model: options.model.id,
      dtype: options.model.dtype,
      modelsDir: options.model.modelsDir,
      allowRemote: options.model.allowRemote,
      ...(options.model.threads ? { threads: options.model.threads } : {}),
    });
    const build: BuildSettings = {
      embeddingsDir: options.embeddingsDir,
      model: { id: options.model.id, dtype: options.model.dtype },
      chunker: settings.chunker,
      hnsw: settings.hnsw,
      vectorBackend,
      embedBatchSize: settings.embedding.batchSize,
    };
    try {
      const lifecycle = await IndexLifecycle.open({ corpusDir: options.corpusDir, build, logger: options.logger }, embedder, options.onProgress);
      return new Engine(lifecycle, embedder, settings, vectorBackend);
    } catch (error) {
      await embedder.dispose();
      await vectorBackend.close?.();
      throw error;
    }
  }

  /** How the index at open() came to be: loaded as is, or built and why. */
  get startup(): IndexSummary {
    return this.lifecycle.startup;
  }

  get manifest(): Manifest {
    return this.lifecycle.current.manifest;
  }

  /** The name of the live index generation (changes when a rebuild is swapped in). */
  get generation(): string {
    return this.lifecycle.current.generation;
  }

  /** Calls `listener` each time a new generation goes live (from reindex(), whoever called it). */
  onGenerationChange(listener: (generation: string) => void): () => void {
    return this.lifecycle.onSwap(listener);
  }

  // ---- questions -------------------------------------------------------------------------

  ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return answerQuestion(this.context(), 'hybrid', question, options);
  }

  askWith(mode: RetrievalMode, question: string, options: AskOptions = {}): Promise<Answer> {
    return answerQuestion(this.context(), mode, question, options);
  }

  search(query: string, options: SearchOptions = {}): Promise<SearchPage> {
    return searchPassages(this.context(), query, options);
  }

  rank(question: string, mode: RetrievalMode, limit = 10): Promise<RankedChunk[]> {
    return rankPassages(this.context(), mode, question, limit);
  }

  embedQuery(text: string): Promise<Float32Array> {
    return this.embedder.embedOne(text);
  }

  // ---- corpus ------------------------------------------------------------------------------

  documents(): DocumentSummary[] {
    return this.liveCatalogue().documents();
  }

  findDocuments(text: string, limit: number): DocumentSummary[] {
    return this.liveCatalogue().findDocuments(text, limit);
  }

  passage(docId: string, paragraph = 1, context = 1): PassageView | undefined {
    return this.liveCatalogue().passage(docId, paragraph, context);
  }

  stats(): { documents: number; chunks: number } {
    return this.liveCatalogue().stats();
  }

  reindex(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary> {
    return this.lifecycle.rebuild(onProgress);
  }

  async close(): Promise<void> {
    await this.lifecycle.settle();
    await this.embedder.dispose();
    await this.vectorBackend.close?.();
  }

  // ---- internals ---------------------------------------------------------------------------

  /** The catalogue of the live generation (rebuilt once after each swap). */
  private liveCatalogue(): Catalogue {
    const live = this.lifecycle.current;
    if (live !== this.catalogueOf) {
      this.catalogueOf = live;
      this.catalogue = new Catalogue(live);
    }
    return this.catalogue;
  }

  /** One question sees one generation from start to end, even if a swap happens meanwhile. */
  private context(): AnsweringContext {
    const catalogue = this.liveCatalogue();
    return { index: this.catalogueOf, catalogue, settings: this.settings, embed: (text) => this.queryCache.get(text) };
  }
}

export function openEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
