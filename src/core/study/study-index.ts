// The candidate table of one index generation: every prompt sentence of every substantive
// paragraph with its scored blanks, the distractor pools, and the passages fit for the passage of
// the day. Built once per generation (in batches that yield to the event loop, so the bot keeps
// answering while a large corpus is tagged); quizzes are then drawn from it without scanning the
// corpus again.
import type { StudySettings } from '../settings.js';
import { terms } from '../text/analyze.js';
import type { CleanDocument, Paragraph } from '../types.js';
import { documentWordsOf, paragraphCandidates, type RawCandidate } from './candidates.js';
import { isSubstantive } from './passages.js';

export interface ScoredCandidate extends RawCandidate {
  score: number;
}

export interface StudySentence {
  doc: number;
  paragraph: number;
  /** Offset of the sentence in its paragraph (part of the item key). */
  start: number;
  text: string;
  /** Usable blanks, best first. */
  candidates: ScoredCandidate[];
}

export interface PoolEntry {
  text: string;
  lower: string;
  value?: number;
  doc: number;
}

export interface StudyPassage {
  doc: number;
  paragraph: number;
}

export interface StudyIndex {
  documents: readonly CleanDocument[];
  sentences: readonly StudySentence[];
  /** Sentence indices per document. */
  sentencesByDoc: readonly (readonly number[])[];
  /** Sentence indices per `doc#paragraph`. */
  sentencesByParagraph: ReadonlyMap<string, readonly number[]>;
  passages: readonly StudyPassage[];
  /** Distractor pools by candidate pool name; number and date pools sorted by value. */
  pools: ReadonlyMap<string, readonly PoolEntry[]>;
  /** The same pools split by document ("terms of the same field" come from the same document first). */
  poolsByDoc: ReadonlyMap<string, readonly PoolEntry[]>;
  settings: StudySettings;
  buildMs: number;
}

interface Pending {
  doc: number;
  paragraph: Paragraph;
  sentences: ReturnType<typeof paragraphCandidates>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** 1 for a name or term in one document, falling towards 0 as it appears in all of them. */
export function rarity(documentFrequency: number, documents: number): number {
  if (documents <= 1) return 1;
  return Math.max(0, 1 - Math.log(Math.max(1, documentFrequency)) / Math.log(documents + 1));
}

export async function buildStudyIndex(documents: readonly CleanDocument[], settings: StudySettings): Promise<StudyIndex> {
  const started = performance.now();
  const pending: Pending[] = [];
  const passages: StudyPassage[] = [];
  let sinceYield = 0;
  for (let doc = 0; doc < documents.length; doc++) {
    const document = documents[doc];
    if (!document) continue;
    const words = documentWordsOf(document.text);
    for (const paragraph of document.paragraphs) {
      if (paragraph.isHeading || !isSubstantive(paragraph.text, settings)) continue;
      passages.push({ doc, paragraph: paragraph.index });
      pending.push({ doc, paragraph, sentences: paragraphCandidates(paragraph.text, words, settings) });
      if (++sinceYield >= settings.buildBatchParagraphs) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }

  // Corpus frequencies: in how many documents, and in what share of its own document's sentences,
  // each name and term occurs.
  const docFrequency = new Map<string, Set<number>>();
  const sentencesWith = new Map<string, number>();
  const sentenceCount = new Map<number, number>();
  for (const item of pending) {
    sentenceCount.set(item.doc, (sentenceCount.get(item.doc) ?? 0) + item.sentences.length);
    for (const sentence of item.sentences) {
      const seen = new Set<string>();
      for (const candidate of sentence.candidates) {
        if (!candidate.lexicalKey || seen.has(candidate.lexicalKey)) continue;
        seen.add(candidate.lexicalKey);
        const key = candidate.lexicalKey;
        let docs = docFrequency.get(key);
        if (!docs) docFrequency.set(key, (docs = new Set()));
        docs.add(item.doc);
        sentencesWith.set(`${item.doc}\u0000${key}`, (sentencesWith.get(`${item.doc}\u0000${key}`) ?? 0) + 1);
      }
    }
  }
  // Terms also count where they are not candidates (every word of every document).
  const termDocuments = new Map<string, number>();
  for (const document of documents) for (const term of new Set(terms(document.text))) termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1);

  const n = documents.length;
  const sentences: StudySentence[] = [];
  const pools = new Map<string, PoolEntry[]>();
  const poolsByDoc = new Map<string, PoolEntry[]>();
  const poolSeen = new Set<string>();
  const addToPool = (candidate: RawCandidate, doc: number) => {
    const lower = candidate.text.toLowerCase();
    const id = `${candidate.pool}\u0000${lower}`;
    const entry: PoolEntry = { text: candidate.text, lower, doc, ...(candidate.value !== undefined ? { value: candidate.value } : {}) };
    const docId = `${doc}\u0000${id}`;
    if (!poolSeen.has(docId)) {
      poolSeen.add(docId);
      const byDoc = `${doc}\u0000${candidate.pool}`;
      let list = poolsByDoc.get(byDoc);
      if (!list) poolsByDoc.set(byDoc, (list = []));
      list.push(entry);
    }
    if (poolSeen.has(id)) return;
    poolSeen.add(id);
    let pool = pools.get(candidate.pool);
    if (!pool) pools.set(candidate.pool, (pool = []));
    pool.push(entry);
  };

  for (const item of pending) {
    const docSentences = sentenceCount.get(item.doc) ?? 1;
    for (const sentence of item.sentences) {
      const scored: ScoredCandidate[] = [];
      for (const candidate of sentence.candidates) {
        addToPool(candidate, item.doc);
        if (candidate.echoed) continue;
        let rare = 1;
        if (candidate.lexicalKey) {
          const df = candidate.type === 'term' ? (termDocuments.get(candidate.lexicalKey) ?? 1) : (docFrequency.get(candidate.lexicalKey)?.size ?? 1);
          if (n >= 3 && df / n > settings.maxDocumentShare) continue;
          const share = (sentencesWith.get(`${item.doc}\u0000${candidate.lexicalKey}`) ?? 0) / docSentences;
          if (docSentences >= 8 && share > settings.maxSentenceShare) continue;
          rare = rarity(df, n);
        }
        const score = settings.typeWeights[candidate.type] * (0.5 + 0.5 * rare) * (sentence.dependent ? settings.dependentSentenceFactor : 1);
        scored.push({ ...candidate, score });
      }
      if (scored.length === 0) continue;
      scored.sort((a, b) => b.score - a.score || a.start - b.start);
      sentences.push({ doc: item.doc, paragraph: item.paragraph.index, start: sentence.start, text: sentence.text, candidates: scored });
    }
  }
  for (const pool of pools.values()) pool.sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || a.lower.localeCompare(b.lower));

  const sentencesByDoc: number[][] = documents.map(() => []);
  const sentencesByParagraph = new Map<string, number[]>();
  sentences.forEach((sentence, i) => {
    sentencesByDoc[sentence.doc]?.push(i);
    const key = `${sentence.doc}#${sentence.paragraph}`;
    let list = sentencesByParagraph.get(key);
    if (!list) sentencesByParagraph.set(key, (list = []));
    list.push(i);
  });
  return { documents, sentences, sentencesByDoc, sentencesByParagraph, passages, pools, poolsByDoc, settings, buildMs: performance.now() - started };
}
