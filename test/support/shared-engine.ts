// One real engine over a copy of the project corpus, shared by a test file.
import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { PROJECT_CORPUS } from './paths.js';
import { openTestEngine, type TempWorkspace, tempWorkspace } from './workspace.js';

/** Call at the top level of a test file; the returned getter works inside tests. */
export function useSharedEngine(corpus = PROJECT_CORPUS): () => Engine {
  let workspace: TempWorkspace | undefined;
  let engine: Engine | undefined;
  beforeAll(async () => {
    workspace = await tempWorkspace(corpus);
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
