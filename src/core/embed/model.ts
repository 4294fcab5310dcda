// Where the model comes from: the local models folder (remote loading is off unless the user opts
// in: the default model ships via npm postinstall). The ONNX model itself is loaded by the
// embedding worker (embed-worker.mjs, which repeats `configureModelEnv`'s four settings); the
// main thread loads only the tokenizer, for the chunker's token counts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { UserError } from '../errors.js';

export interface ModelOptions {
  model: string;
  dtype: string;
  modelsDir: string;
  allowRemote: boolean;
  /** ONNX Runtime intra-op threads for document batches (index builds); undefined lets the runtime decide (one per core). */
  threads?: number;
  /** ONNX Runtime intra-op threads for questions; undefined: every core but the main thread's (worker-embedder.ts). */
  queryThreads?: number;
}

export function fixHint(options: ModelOptions): string {
  const local = path.join(options.modelsDir, options.model);
  return options.allowRemote
    ? `Check the model id and your network, or download it into ${local}.`
    : `Run "npm run fetch-model" (npm ci does it too) to install the default model into ${options.modelsDir}, ` +
        `or set ALLOW_REMOTE_MODELS=true to download "${options.model}" from the Hugging Face Hub.`;
}

/** transformers.js's loading settings for this thread; throws `model-not-installed` when the files are missing. */
export function configureModelEnv(options: ModelOptions): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  env.localModelPath = modelsDirWithSep(options.modelsDir);
  env.cacheDir = options.modelsDir;
  const localDir = path.join(options.modelsDir, options.model);
  if (!options.allowRemote && !existsSync(path.join(localDir, 'config.json'))) {
    throw new UserError('model-not-installed', { model: options.model, dir: localDir, hint: fixHint(options) });
  }
}

export function modelsDirWithSep(modelsDir: string): string {
  return modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
}

export function modelLoadFailed(options: ModelOptions, reason: string, cause?: unknown): UserError<'model-load-failed'> {
  return new UserError('model-load-failed', { model: options.model, dtype: options.dtype, reason, hint: fixHint(options) }, { cause });
}

export async function loadTokenizer(options: ModelOptions): Promise<PreTrainedTokenizer> {
  configureModelEnv(options);
  try {
    return await AutoTokenizer.from_pretrained(options.model);
  } catch (error) {
    throw modelLoadFailed(options, firstLine(error), error);
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error';
}
