// Loads the transformers.js feature-extraction pipeline from the local models folder.
// Remote loading is off unless the user opts in: the default model ships via npm (postinstall).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { UserError } from '../errors.js';

export interface ModelOptions {
  model: string;
  dtype: string;
  modelsDir: string;
  allowRemote: boolean;
  /** ONNX Runtime intra-op threads; undefined lets the runtime decide. */
  threads?: number;
}


type Dtype = NonNullable<Parameters<typeof pipeline<'feature-extraction'>>[2]>['dtype'];

function fixHint(options: ModelOptions): string {
  const local = path.join(options.modelsDir, options.model);
  return options.allowRemote
    ? `Check the model id and your network, or download it into ${local}.`
    : `Run "npm run fetch-model" (npm ci does it too) to install the default model into ${options.modelsDir}, ` +
        `or set ALLOW_REMOTE_MODELS=true to download "${options.model}" from the Hugging Face Hub.`;
}

export async function loadFeatureExtractor(options: ModelOptions): Promise<FeatureExtractionPipeline> {
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  env.localModelPath = options.modelsDir.endsWith(path.sep) ? options.modelsDir : options.modelsDir + path.sep;
  env.cacheDir = options.modelsDir;
  const localDir = path.join(options.modelsDir, options.model);
  if (!options.allowRemote && !existsSync(path.join(localDir, 'config.json'))) {
    throw new UserError('model-not-installed', { model: options.model, dir: localDir, hint: fixHint(options) });
  }
  try {
    return await pipeline('feature-extraction', options.model, {
      dtype: options.dtype as Dtype,
      ...(options.threads ? { session_options: { intraOpNumThreads: options.threads, interOpNumThreads: 1 } } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError('model-load-failed', { model: options.model, dtype: options.dtype, reason: reason ?? 'unknown error', hint: fixHint(options) }, { cause: error });
  }
}
