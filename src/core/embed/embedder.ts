// Text → L2-normalised vectors with the local model (mean pooling, as sentence-transformers).
// What the engine, the index build and the bench depend on; the model itself runs in a worker
// thread (worker-embedder.ts) so the main thread keeps answering while it computes.
import { DEFAULT_EMBEDDING } from '../settings.js';
import type { ModelOptions } from './model.js';
import { WorkerEmbedder } from './worker-embedder.js';

/** A question's vector and, when the model call returned them, the hidden states it is the mean of. */
export interface QuestionEmbedding {
  /** L2-normalised mean of the token states. */
  readonly vector: Float32Array;
  readonly tokens?: TokenStates;
}

/** The model's tokens of a text, row by row ([CLS] first, [SEP] last), and how many belong to each of its words. */
export interface TokenStates {
  readonly states: Float32Array;
  readonly dim: number;
  /** Tokens of each whitespace-separated word of the text, in order: they sum to the rows less [CLS] and [SEP]. */
  readonly wordTokens: readonly number[];
}

export interface Embedder {
  /** `model@dtype`, recorded in the index manifest. */
  readonly modelKey: string;
  readonly dimension: number;
  /** Model tokens of `text`, including [CLS] and [SEP]. */
  countTokens(text: string): number;
  /** Embeds many texts, `batchSize` per model call; `onBatch` hears the running count. */
  embed(texts: string[], onBatch?: (done: number) => void, batchSize?: number): Promise<Float32Array[]>;
  /** One text (a question): concurrent calls share model calls. */
  embedOne(text: string): Promise<Float32Array>;
  /** The same, with the token states behind the vector (absent when they cannot be matched to the text's words). */
  embedQuestion(text: string): Promise<QuestionEmbedding>;
  dispose(): Promise<void>;
}

export interface EmbedderOptions extends ModelOptions {
  /** Questions embedded together at most (EmbeddingSettings.maxQueryBatch). */
  maxQueryBatch?: number;
  /** Hears the reason each time the worker thread dies (the engine logs it). */
  onWorkerStopped?: (reason: string) => void;
}

export function loadEmbedder(options: EmbedderOptions): Promise<Embedder> {
  return WorkerEmbedder.load({ ...options, maxQueryBatch: options.maxQueryBatch ?? DEFAULT_EMBEDDING.maxQueryBatch });
}

