// What opening an engine takes: folders, model, logger and settings overrides, and how the
// environment's Config maps onto them (the one place core reads the app's configuration).
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SettingsOverrides } from './settings.js';
import type { ProgressEvent } from './types.js';

export interface EngineOptions {
  corpusDir: string;
  embeddingsDir: string;
  model: { id: string; dtype: string; modelsDir: string; allowRemote: boolean; threads?: number; queryThreads?: number };
  logger: Logger;
  /** Where who-added-which-document is kept (DATA_DIR/uploads.json); without it, only in memory. */
  originsFile?: string;
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
    model: {
      id: config.embeddingModel,
      dtype: config.embeddingDtype,
      modelsDir: config.modelsDir,
      allowRemote: config.allowRemoteModels,
      ...(config.embeddingThreads ? { threads: config.embeddingThreads } : {}),
      ...(config.embeddingQueryThreads ? { queryThreads: config.embeddingQueryThreads } : {}),
    },
    logger,
    settings: { embedding: { multilingual: config.embeddingMultilingual } },
    originsFile: path.join(config.dataDir, 'uploads.json'),
    vectorBackend: config.vectorStore.backend,
    ...(config.vectorStore.databaseUrl ? { vectorDatabaseUrl: config.vectorStore.databaseUrl } : {}),
  };
}

