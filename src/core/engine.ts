// The one facade adapters use. It composes the three jobs, each in its own module:
//   index/lifecycle.ts  open, build, repair, staleness, lock, atomic swap, rebuild while answering
//   answer/answering.ts ask, search, rank — from whichever generation is live when a question starts
//   catalogue.ts        documents, title lookup, paragraph views of the live generation
import type { Logger } from 'pino';
import type { AnswerFeatures } from './answer/answer-features.js';
import { answerCheckFeatures, answerQuestion, type AnsweringContext, candidateEvidence, rankPassages, searchPassages } from './answer/answering.js';
import { Catalogue } from './catalogue.js';
import { addDocument, type CorpusUpdateContext, removeDocument } from './documents/document-updates.js';
import { DocumentOrigins } from './documents/origins.js';
import { type Embedder, loadEmbedder } from './embed/embedder.js';
import { QueryEmbeddingCache } from './embed/query-cache.js';
import { DEFAULT_VECTOR_BACKEND, vectorStoreBackend } from './index/backends.js';
import type { BuildSettings } from './index/build-index.js';
import type { IndexData } from './index/generations.js';
import { IndexLifecycle } from './index/lifecycle.js';
import type { Manifest } from './index/manifest.js';
import type { Evidence } from './retrieval/evidence.js';
import type { VectorStoreBackend } from './index/vector-store.js';
import type { RetrievalMode } from './retrieval/pipeline.js';
import { type EngineSettings, resolveSettings } from './settings.js';
import type { EngineOptions } from './engine-options.js';
import { buildStudyIndex, type StudyIndex } from './study/study-index.js';
import { citationOf, generateQuiz, itemsFromPassage } from './study/quiz.js';
import { passageKey, pickDailyPassage } from './study/passages.js';
import type { DailyPassage, DailyPassageOptions, QuizItem, QuizMode, QuizOptions, QuizResult } from './study/types.js';
import type {
  AddDocumentOptions, AddedDocument, Answer, AnswerEngine, AskOptions, Chunk, DocumentSummary, IndexStatus, IndexSummary, PassageView, ProgressEvent,
  MoreLikeThisOptions, RankedChunk, RankingEngine, RelatedPassages, RemovedDocument, SearchOptions, SearchPage,
} from './types.js';
import { moreLikeThis } from './answer/more-like-this.js';

export { type EngineOptions, engineOptionsFromConfig } from './engine-options.js';
export class Engine implements AnswerEngine, RankingEngine {
  private catalogue: Catalogue;
  private catalogueOf: IndexData;
  private readonly queryCache: QueryEmbeddingCache;
  /** The study candidate table of a generation, built on first use (and once per generation). */
  private study: { of: IndexData; index: Promise<StudyIndex> } | undefined;

  private constructor(
    private readonly lifecycle: IndexLifecycle,
    private readonly embedder: Embedder,
    readonly settings: EngineSettings,
    /** The folder documents are read from (and added to). */
    readonly corpusDir: string,
    private readonly origins: DocumentOrigins,
    private readonly logger: Logger,
    private readonly vectorBackend: VectorStoreBackend,
  ) {
    this.queryCache = new QueryEmbeddingCache((text) => embedder.embedQuestion(text), settings.embedding.queryCacheEntries);
    this.catalogueOf = lifecycle.current;
    this.catalogue = new Catalogue(this.catalogueOf);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const settings = resolveSettings(options.settings);
    const backendName = options.vectorBackend ?? DEFAULT_VECTOR_BACKEND;
    const vectorBackend = vectorStoreBackend(backendName, { databaseUrl: options.vectorDatabaseUrl });
    if (!vectorBackend) throw new Error(`unknown vector store backend "${backendName}"`);
    const embedder = await loadEmbedder({
      model: options.model.id,
      dtype: options.model.dtype,
      modelsDir: options.model.modelsDir,
      allowRemote: options.model.allowRemote,
      ...(options.model.threads ? { threads: options.model.threads } : {}),
      ...(options.model.queryThreads ? { queryThreads: options.model.queryThreads } : {}),
      maxQueryBatch: settings.embedding.maxQueryBatch,
      onWorkerStopped: (reason) => options.logger.error({ reason }, 'the embedding worker stopped; questions in flight failed, the next one restarts it'),
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
      const origins = await DocumentOrigins.open(options.originsFile, options.logger);
      const lifecycle = await IndexLifecycle.open({ corpusDir: options.corpusDir, build, logger: options.logger }, embedder, options.onProgress);
      return new Engine(lifecycle, embedder, settings, options.corpusDir, origins, options.logger, vectorBackend);
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

  /** True while an index rebuild runs or waits to run (a shutdown may abandon it: the swap is atomic). */
  get rebuilding(): boolean {
    return this.lifecycle.busy;
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

  rank(question: string, mode: RetrievalMode, limit = 10, options: Pick<AskOptions, 'context'> = {}): Promise<RankedChunk[]> {
    return rankPassages(this.context(), mode, question, limit, options);
  }

  moreLikeThis(chunkId: string, options?: MoreLikeThisOptions): Promise<RelatedPassages | undefined> {
    return moreLikeThis(this.context(), chunkId, options);
  }

  embedQuery(text: string): Promise<Float32Array> {
    return this.embedder.embedOne(text);
  }

  /** The answer check's features for the best passage (fitting the answerability model). */
  answerCheckFeatures(question: string): Promise<{ features?: AnswerFeatures; top?: Chunk }> {
    return answerCheckFeatures(this.context(), question);
  }

  /** Every hybrid candidate's evidence, before weighting (fitting the fusion weights). */
  candidateEvidence(question: string): Promise<{ evidence: Evidence[]; chunks: readonly Chunk[] }> {
    return candidateEvidence(this.context(), question);
  }

  // ---- corpus ------------------------------------------------------------------------------

  documents(): DocumentSummary[] {
    return this.liveCatalogue().documents().map((d) => this.withOrigin(d));
  }

  findDocuments(text: string, limit: number): DocumentSummary[] {
    return this.liveCatalogue().findDocuments(text, limit).map((d) => this.withOrigin(d));
  }

  passage(docId: string, paragraph = 1, context = 1): PassageView | undefined {
    return this.liveCatalogue().passage(docId, paragraph, context);
  }

  readingPage(docId: string, paragraph: number): PassageView | undefined {
    return this.liveCatalogue().readingPage(docId, paragraph);
  }

  stats(): { documents: number; chunks: number } {
    return this.liveCatalogue().stats();
  }

  indexStatus(): IndexStatus {
    const manifest = this.lifecycle.current.manifest;
    return {
      builtAt: manifest.builtAt,
      buildSeconds: manifest.buildSeconds,
      documents: manifest.counts.documents,
      chunks: manifest.counts.chunks,
      skipped: manifest.counts.skipped,
      model: `${manifest.model.id} (${manifest.model.dtype})`,
      vectorBackend: manifest.vectorStore.backend,
      schemaVersion: manifest.schemaVersion,
      rebuilding: this.lifecycle.busy,
    };
  }

  // ---- study -------------------------------------------------------------------------------

  /** The live generation's study table; the first call builds it (in batches that yield). */
  studyIndex(): Promise<StudyIndex> {
    this.liveCatalogue();
    const live = this.catalogueOf;
    if (this.study?.of !== live) {
      const index = buildStudyIndex(live.documents, this.settings.study);
      // A failed build is retried on the next call instead of being remembered.
      index.catch(() => {
        if (this.study?.index === index) this.study = undefined;
      });
      this.study = { of: live, index };
    }
    return this.study.index;
  }

  async quiz(options: QuizOptions): Promise<QuizResult> {
    return generateQuiz(await this.studyIndex(), options);
  }

  async passageQuiz(docId: string, paragraph: number, options: { count: number; mode: QuizMode; seed: number }): Promise<QuizItem[]> {
    return itemsFromPassage(await this.studyIndex(), docId, paragraph, options);
  }

  async dailyPassage(options: DailyPassageOptions): Promise<DailyPassage | undefined> {
    const index = await this.studyIndex();
    const picked = pickDailyPassage(index, options);
    const document = picked ? index.documents[picked.passage.doc] : undefined;
    if (!picked || !document) return undefined;
    const view = this.liveCatalogue().passage(document.id, picked.passage.paragraph, 0);
    if (!view) return undefined;
    return { key: passageKey(document.id, picked.passage.paragraph), view, citation: citationOf(document, picked.passage.paragraph), startsNewCycle: picked.startsNewCycle };
  }

  reindex(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary> {
    return this.lifecycle.rebuild(onProgress);
  }

  /**
   * A rebuild that reads the corpus folder after this call (a watcher, or a caller that just
   * changed a file): joins the one queued behind a build in flight rather than that build.
   */
  refresh(onProgress?: (event: ProgressEvent) => void): Promise<IndexSummary> {
    return this.lifecycle.refresh(onProgress);
  }

  addDocument(fileName: string, bytes: Uint8Array, options: AddDocumentOptions = {}): Promise<AddedDocument> {
    return addDocument(this.corpusUpdates(), fileName, bytes, options);
  }

  removeDocument(docId: string): Promise<RemovedDocument> {
    return removeDocument(this.corpusUpdates(), docId);
  }

  async close(): Promise<void> {
    await this.lifecycle.settle();
    await this.embedder.dispose();
    await this.vectorBackend.close?.();
  }

  // ---- internals ---------------------------------------------------------------------------

  private withOrigin(document: DocumentSummary): DocumentSummary {
    const origin = this.origins.get(document.id);
    return origin ? { ...document, origin } : document;
  }

  private corpusUpdates(): CorpusUpdateContext {
    return {
      corpusDir: this.corpusDir,
      catalogue: () => this.liveCatalogue(),
      refresh: () => this.lifecycle.refresh(),
      origins: this.origins,
      logger: this.logger,
    };
  }

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
    return {
      index: this.catalogueOf,
      catalogue,
      settings: this.settings,
      embed: async (text) => (await this.queryCache.get(text)).vector,
      embedQuestion: (text) => this.queryCache.get(text),
    };
  }
}

export function openEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
