// Opens a real engine (real model, real index) over a temporary copy of a corpus folder.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Engine, type EngineOptions, openEngine } from '../../src/core/engine.js';
import { createLogger } from '../../src/log.js';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const PROJECT_CORPUS = path.join(PROJECT_ROOT, 'corpus');
export const MODELS_DIR = path.join(PROJECT_ROOT, 'models');
export const DEV_QUESTIONS = path.resolve(PROJECT_ROOT, '../shared/eval/dev-questions.jsonl');

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

/** One real engine over a copy of the project corpus, shared by a test file; call at top level. */
export function useSharedEngine(): () => Engine {
  let workspace: TempWorkspace | undefined;
  let engine: Engine | undefined;
  beforeAll(async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    engine = await openTestEngine(workspace);
  });
  afterAll(async () => {
    await engine?.close();
    await workspace?.cleanup();
  });
  return () => {
    if (!engine) throw new Error('useSharedEngine: the engine is opened in beforeAll');
    return engine;
  };
}
