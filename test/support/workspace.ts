// A real engine (real model, real index) over a temporary copy of a corpus folder. No test
// framework here: the benchmark uses it too.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Engine, type EngineOptions, openEngine } from '../../src/core/engine.js';
import { createLogger } from '../../src/log.js';
import { MODELS_DIR } from './paths.js';

export interface TempWorkspace {
  dir: string;
  corpusDir: string;
  embeddingsDir: string;
  cleanup(): Promise<void>;
}

/** A temp folder holding a copy of `sourceCorpus` (or an empty corpus) and an empty embeddings dir. */
export async function tempWorkspace(sourceCorpus?: string): Promise<TempWorkspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-test-'));
  const corpusDir = path.join(dir, 'corpus');
  const embeddingsDir = path.join(dir, 'embeddings');
  if (sourceCorpus) await cp(sourceCorpus, corpusDir, { recursive: true });
  return { dir, corpusDir, embeddingsDir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function engineOptions(workspace: Pick<TempWorkspace, 'corpusDir' | 'embeddingsDir'>, extra: Partial<EngineOptions> = {}): EngineOptions {
  return {
    corpusDir: workspace.corpusDir,
    embeddingsDir: workspace.embeddingsDir,
    model: { id: 'onnx-community/all-MiniLM-L6-v2-ONNX', dtype: 'q4', modelsDir: MODELS_DIR, allowRemote: false },
    logger: createLogger('silent'),
    ...extra,
  };
}

export function openTestEngine(workspace: Pick<TempWorkspace, 'corpusDir' | 'embeddingsDir'>, extra: Partial<EngineOptions> = {}): Promise<Engine> {
  return openEngine(engineOptions(workspace, extra));
}
