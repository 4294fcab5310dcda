import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument, embeddingText } from '../../src/core/chunks/chunk.js';
import { DEFAULT_CHUNKER } from '../../src/core/settings.js';
import { buildDocument } from '../../src/core/documents/build-document.js';
import { type Embedder, loadEmbedder } from '../../src/core/embed/embedder.js';
import { MODELS_DIR, PROJECT_CORPUS } from '../support/paths.js';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: 'onnx-community/all-MiniLM-L6-v2-ONNX', dtype: 'q4', modelsDir: MODELS_DIR, allowRemote: false });
});
const count = (t: string) => embedder.countTokens(t);

describe('chunking', () => {
  it('keeps every chunk of the corpus within the model limit, verbatim and with valid spans', () => {
    for (const file of readdirSync(PROJECT_CORPUS)) {
      const doc = buildDocument(file, readFileSync(path.join(PROJECT_CORPUS, file), 'utf8'), 'h');
      const chunks = chunkDocument(doc, count);
      expect(chunks.length).toBeGreaterThan(0);
      for (const chunk of chunks) {
        const embedded = embeddingText(doc.title, chunk.heading, chunk.text);
        expect(count(embedded)).toBeLessThanOrEqual(DEFAULT_CHUNKER.maxTokens);
        expect(chunk.tokenCount).toBe(count(embedded));
        expect(doc.text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
        expect(chunk.paragraphStart).toBeLessThanOrEqual(chunk.paragraphEnd);
        for (const s of chunk.sentences) expect(chunk.text.slice(s.start, s.end).trim()).toBe(chunk.text.slice(s.start, s.end));
      }
    }
  });

  it('splits a very long paragraph into overlapping sentence windows, and a sentence with no breaks by words', () => {
    const sentences = Array.from({ length: 80 }, (_, i) => `Sentence number ${i} talks about the economic corridor and its many projects.`);
    const endless = 'word '.repeat(3000).trim();
    const doc = buildDocument('long.txt', `Long Document Title\n\n${sentences.join(' ')}\n\n${endless}`, 'h');
    const chunks = chunkDocument(doc, count);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(DEFAULT_CHUNKER.maxTokens);
    const first = chunks[0];
    const second = chunks[1];
    expect(first && second && second.charStart < first.charEnd).toBe(true);
    expect(chunks.at(-1)?.text.startsWith('word')).toBe(true);
  });
});

describe('chunking of text without any breaks', () => {
  it('cuts one enormous hyphenated "word" into pieces that each fit the model', () => {
    const blob = 'alpha-beta-'.repeat(3000);
    const doc = buildDocument('blob.txt', `Encoded Attachment\n\n${blob}`, 'h');
    const chunks = chunkDocument(doc, count);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(count(embeddingText(doc.title, chunk.heading, chunk.text))).toBeLessThanOrEqual(DEFAULT_CHUNKER.maxTokens);
      expect(chunk.tokenCount).toBe(count(embeddingText(doc.title, chunk.heading, chunk.text)));
    }
    // Covered end to end, without gaps (windows may overlap).
    expect(chunks[0]?.charStart).toBe(doc.text.indexOf(blob));
    expect(chunks.at(-1)?.charEnd).toBe(doc.text.length);
    chunks.slice(1).forEach((c, i) => expect(c.charStart).toBeLessThanOrEqual(chunks[i]?.charEnd ?? 0));
  });
});
