// Text → L2-normalised vectors with the local model (mean pooling, as sentence-transformers).
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { DEFAULT_EMBEDDING } from '../settings.js';
import { loadFeatureExtractor, type ModelOptions } from './model.js';

export class Embedder {
  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelKey: string,
    readonly dimension: number,
  ) {}

  static async load(options: ModelOptions): Promise<Embedder> {
    const extractor = await loadFeatureExtractor(options);
    const probe = await extractor('dimension probe', { pooling: 'mean', normalize: true });
    const dimension = probe.dims.at(-1) ?? 0;
    return new Embedder(extractor, `${options.model}@${options.dtype}`, dimension);
  }

  /** Model tokens of `text`, including [CLS] and [SEP]. */
  countTokens(text: string): number {
    return this.extractor.tokenizer.encode(text).length;
  }

  /**
   * Embeds many texts. Inputs are sorted by length before batching so each batch pads to a
   * similar length: the model's cost is tokens × batch, and padding is pure waste.
   */
  async embed(texts: string[], onBatch?: (done: number) => void, batchSize = DEFAULT_EMBEDDING.batchSize): Promise<Float32Array[]> {
    const order = texts.map((text, index) => ({ index, length: text.length })).sort((a, b) => a.length - b.length);
    const out = new Array<Float32Array>(texts.length);
    let done = 0;
    for (let i = 0; i < order.length; i += batchSize) {
      const batch = order.slice(i, i + batchSize);
      const vectors = await this.run(batch.map((item) => texts[item.index] ?? ''));
      batch.forEach((item, j) => {
        out[item.index] = vectors[j] ?? new Float32Array(this.dimension);
      });
      done += batch.length;
      onBatch?.(done);
    }
    return out;
  }

  async embedOne(text: string): Promise<Float32Array> {
    const [vector] = await this.run([text]);
    return vector ?? new Float32Array(this.dimension);
  }

  private async run(texts: string[]): Promise<Float32Array[]> {
    const tensor = await this.extractor(texts, { pooling: 'mean', normalize: true });
    const data = tensor.data as Float32Array;
    const dim = this.dimension || (tensor.dims.at(-1) ?? 0);
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i++) vectors.push(data.slice(i * dim, (i + 1) * dim));
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}
