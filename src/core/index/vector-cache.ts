// Per-document vectors keyed by content hash, model and chunker settings: re-indexing embeds
// only documents that changed. One binary file per document: [count u32][dim u32][floats].
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

export class VectorCache {
  private readonly dir: string;

  constructor(embeddingsDir: string, settingsKey: string) {
    const key = createHash('sha256').update(settingsKey).digest('hex').slice(0, 16);
    this.dir = path.join(embeddingsDir, 'cache', key);
  }

  async get(contentHash: string, count: number, dimension: number): Promise<Float32Array[] | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file(contentHash));
    } catch {
      return undefined;
    }
    if (bytes.length !== 8 + count * dimension * 4) return undefined;
    if (bytes.readUInt32LE(0) !== count || bytes.readUInt32LE(4) !== dimension) return undefined;
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 8, bytes.byteOffset + bytes.length));
    return Array.from({ length: count }, (_, i) => floats.slice(i * dimension, (i + 1) * dimension));
  }

  async put(contentHash: string, vectors: Float32Array[], dimension: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const bytes = Buffer.alloc(8 + vectors.length * dimension * 4);
    bytes.writeUInt32LE(vectors.length, 0);
    bytes.writeUInt32LE(dimension, 4);
    vectors.forEach((vector, i) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(bytes, 8 + i * dimension * 4));
    await writeFileAtomic(this.file(contentHash), bytes);
  }

  private file(contentHash: string): string {
    return path.join(this.dir, `${contentHash}.f32`);
  }
}
