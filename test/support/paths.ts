// Where things are in the project, defined once for tests and the benchmark.
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const PROJECT_CORPUS = path.join(PROJECT_ROOT, 'corpus');
export const MODELS_DIR = path.join(PROJECT_ROOT, 'models');
/** The shared dev set, copied into the repository so a clone tests on its own. */
export const DEV_QUESTIONS = path.join(PROJECT_ROOT, 'test/eval/dev-questions.jsonl');
/** The project's own harder questions over `corpus/`. */
export const OWN_QUESTIONS = path.join(PROJECT_ROOT, 'test/eval/questions.jsonl');
