// What every section shares: one temp folder for all files the run writes (the project's
// embeddings/ is never touched), the engine over a temp copy of corpus/, the questions, and the
// fresh-spelling source that keeps cache hits out of "uncached" measurements.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../src/core/engine.js';
import type { ModelOptions } from '../src/core/embed/model.js';
import { engineOptions, openTestEngine } from '../test/support/workspace.js';
import { PROJECT_CORPUS } from '../test/support/paths.js';
import type { BenchOptions, BenchSizes } from './options.js';
import { SIZES } from './options.js';
import { FreshSpellings, loadQuestionSets, type QuestionSets } from './questions.js';

export interface Workspace {
  corpusDir: string;
  embeddingsDir: string;
}

export interface BenchContext {
  options: BenchOptions;
  sizes: BenchSizes;
  /** Root of everything this run writes; removed at the end. */
  tempDir: string;
  /** The real corpus, copied; its index is built by the engine's first open. */
  workspace: Workspace;
  engine: Engine;
  /** How long the engine's first open took, and its index summary (a cold build). */
  coldOpenMs: number;
  questions: QuestionSets;
  spellings: FreshSpellings;
  model: ModelOptions;
  /** Progress for humans, on stderr (stdout carries only the report or the JSON). */
  log(message: string): void;
  close(): Promise<void>;
}

export function modelOptionsOf(workspace: Workspace): ModelOptions {
  const { model } = engineOptions(workspace);
  return { model: model.id, dtype: model.dtype, modelsDir: model.modelsDir, allowRemote: model.allowRemote };
}

export async function createWorkspace(tempDir: string, name: string, sourceCorpus?: string): Promise<Workspace> {
  const corpusDir = path.join(tempDir, name, 'corpus');
  const embeddingsDir = path.join(tempDir, name, 'embeddings');
  if (sourceCorpus) await cp(sourceCorpus, corpusDir, { recursive: true });
  return { corpusDir, embeddingsDir };
}

export async function createBenchContext(options: BenchOptions): Promise<BenchContext> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'footnote-bench-'));
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`[bench +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  try {
    const workspace = await createWorkspace(tempDir, 'main', PROJECT_CORPUS);
    const questions = await loadQuestionSets();
    log('opening the engine (model load + cold index build of corpus/)');
    const started = performance.now();
    const engine = await openTestEngine(workspace);
    const coldOpenMs = performance.now() - started;
    return {
      options,
      sizes: SIZES[options.mode],
      tempDir,
      workspace,
      engine,
      coldOpenMs,
      questions,
      spellings: new FreshSpellings(),
      model: modelOptionsOf(workspace),
      log,
      close: async () => {
        await engine.close();
        await rm(tempDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}
