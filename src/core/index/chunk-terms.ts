// Search terms of each chunk, derived when a generation is loaded (never stored): what coverage
// and the answer check compare a question against. A passage is read in its context — the
// document's title and the section heading are part of what it covers — so a question that
// names the document ("… at Willow Lane?") is not penalised in the passage that answers it.
import { terms } from '../text/analyze.js';
import type { Language } from '../text/language.js';
import type { Chunk, CleanDocument } from '../types.js';

export interface ChunkTerms {
  /** Terms of the chunk text, its title and its heading. */
  all: Array<Set<string>>;
  /** Terms of the title and heading alone (the context every sentence of the chunk shares). */
  context: Array<Set<string>>;
  /** Terms of each sentence, computed on first use (only candidates ever need them). */
  sentences(label: number): Array<Set<string>>;
  /** The language of the chunk's document. */
  language(label: number): Language;
}

export function chunkTermsOf(chunks: readonly Chunk[], documents: readonly Pick<CleanDocument, 'id' | 'title' | 'language'>[]): ChunkTerms {
  const languages = new Map(documents.map((d) => [d.id, d.language]));
  const languageOf = (chunk: Chunk) => languages.get(chunk.docId) ?? 'en';
  const titleTerms = new Map(documents.map((d) => [d.id, terms(d.title, d.language)]));
  const context = chunks.map((c) => new Set([...(titleTerms.get(c.docId) ?? []), ...terms(c.heading ?? '', languageOf(c))]));
  const all = chunks.map((c, label) => new Set([...terms(c.text, languageOf(c)), ...(context[label] ?? [])]));
  const perSentence: Array<Array<Set<string>> | undefined> = [];
  return {
    all,
    context,
    language: (label) => {
      const chunk = chunks[label];
      return chunk ? languageOf(chunk) : 'en';
    },
    sentences(label) {
      let cached = perSentence[label];
      if (!cached) {
        const chunk = chunks[label];
        cached = chunk ? chunk.sentences.map((s) => new Set(terms(chunk.text.slice(s.start, s.end), languageOf(chunk)))) : [];
        perSentence[label] = cached;
      }
      return cached;
    },
  };
}
