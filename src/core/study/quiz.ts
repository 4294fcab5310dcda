// Quiz items from the candidate table: seeded choice of sentences (spread over paragraphs), each
// sentence's best blank, and for multiple choice its distractors. Deterministic for a seed, and
// independent of corpus size: a quiz touches only the sentences it picks.
import type { Citation, CleanDocument } from '../types.js';
import { distractorsFor } from './distractors.js';
import { inCollection } from '../documents/collections.js';
import { type Random, seededRandom, shuffled } from './random.js';
import type { ScoredCandidate, StudyIndex, StudySentence } from './study-index.js';
import type { QuizItem, QuizKind, QuizMode, QuizOptions, QuizResult } from './types.js';

/** Sentences tried per item asked for before a quiz settles for fewer. */
const ATTEMPTS_PER_ITEM = 25;
/** Each pick is the best-scored of this many random sentences: good blanks come up more often, any can. */
const TOURNAMENT = 3;

export function citationOf(document: CleanDocument, paragraph: number): Citation {
  return {
    n: 1,
    docId: document.id,
    title: document.title,
    ...(document.date ? { date: document.date } : {}),
    ...(document.source ? { source: document.source } : {}),
    ...(document.url ? { url: document.url } : {}),
    paragraphStart: paragraph,
    paragraphEnd: paragraph,
    paragraph,
  };
}

function itemKey(document: CleanDocument, sentence: StudySentence, candidate: ScoredCandidate): string {
  return `${document.id}#${sentence.paragraph}:${sentence.start}:${candidate.start}-${candidate.end}`;
}

/** The item for one sentence in the wanted kind, or undefined when it cannot be made. */
export function itemFor(index: StudyIndex, sentenceIndex: number, kind: QuizKind, random: Random): QuizItem | undefined {
  const sentence = index.sentences[sentenceIndex];
  const document = sentence ? index.documents[sentence.doc] : undefined;
  if (!sentence || !document) return undefined;
  const needed = index.settings.choices - 1;
  for (const candidate of sentence.candidates) {
    const base = {
      key: itemKey(document, sentence, candidate),
      type: candidate.type,
      sentence: sentence.text,
      blank: { start: candidate.start, end: candidate.end },
      answer: candidate.text,
      citation: citationOf(document, sentence.paragraph),
    };
    if (kind === 'cloze') return { ...base, kind: 'cloze' };
    const distractors = distractorsFor(index, candidate, sentence.doc, sentence.text, needed, random);
    // The best blank without enough distractors gives way to the next one.
    if (distractors.length < needed) continue;
    const choices = shuffled([candidate.text, ...distractors], random);
    return { ...base, kind: 'choice', choices, answerIndex: choices.indexOf(candidate.text) };
  }
  return undefined;
}

function kindFor(mode: QuizMode, position: number, random: Random): QuizKind {
  if (mode !== 'mixed') return mode;
  // Mixed quizzes alternate, starting at random, so neither kind bunches up.
  return (position + (random.next() < 0.5 ? 0 : 1)) % 2 === 0 ? 'choice' : 'cloze';
}

function eligibleSentences(index: StudyIndex, options: Pick<QuizOptions, 'docId' | 'collection'>): number[] {
  if (options.docId) {
    const doc = index.documents.findIndex((d) => d.id === options.docId);
    return doc >= 0 ? [...(index.sentencesByDoc[doc] ?? [])] : [];
  }
  if (!options.collection) return index.sentences.map((_, i) => i);
  const out: number[] = [];
  index.documents.forEach((document, doc) => {
    if (inCollection(document.id, options.collection)) out.push(...(index.sentencesByDoc[doc] ?? []));
  });
  return out;
}

export function generateQuiz(index: StudyIndex, options: QuizOptions): QuizResult {
  const count = Math.max(1, Math.min(Math.floor(options.count), index.settings.maxItems));
  const hasDocuments = options.docId
    ? index.documents.some((d) => d.id === options.docId)
    : index.documents.some((d) => inCollection(d.id, options.collection));
  if (!hasDocuments) return { ok: false, reason: 'no-documents', available: 0 };
  const pool = eligibleSentences(index, options);
  const random = seededRandom(options.seed);
  const items: QuizItem[] = [];
  const usedParagraphs = new Set<string>();
  const tried = new Set<number>();
  const attempts = Math.min(pool.length, count * ATTEMPTS_PER_ITEM);
  // Two passes: first one item per paragraph, then (a small corpus) any remaining sentence.
  for (let pass = 0; pass < 2 && items.length < count; pass++) {
    for (let attempt = 0; attempt < attempts && items.length < count && tried.size < pool.length; attempt++) {
      let sentenceIndex = -1;
      for (let draw = 0; draw < TOURNAMENT; draw++) {
        const candidate = pool[random.int(pool.length)] ?? -1;
        if (tried.has(candidate)) continue;
        if (sentenceIndex < 0 || (index.sentences[candidate]?.candidates[0]?.score ?? 0) > (index.sentences[sentenceIndex]?.candidates[0]?.score ?? 0)) sentenceIndex = candidate;
      }
      const sentence = index.sentences[sentenceIndex];
      if (!sentence || tried.has(sentenceIndex)) continue;
      const paragraphKey = `${sentence.doc}#${sentence.paragraph}`;
      if (pass === 0 && usedParagraphs.has(paragraphKey)) continue;
      tried.add(sentenceIndex);
      const item = itemFor(index, sentenceIndex, kindFor(options.mode, items.length, random), random) ?? (options.mode === 'mixed' ? itemFor(index, sentenceIndex, 'cloze', random) : undefined);
      if (!item) continue;
      usedParagraphs.add(paragraphKey);
      items.push(item);
    }
  }
  if (items.length < count) return { ok: false, reason: 'too-small', available: items.length };
  return { ok: true, items };
}

/** Items from one paragraph (the passage of the day's discussion thread), best blanks first. */
export function itemsFromPassage(index: StudyIndex, docId: string, paragraph: number, options: { count: number; mode: QuizMode; seed: number }): QuizItem[] {
  const doc = index.documents.findIndex((d) => d.id === docId);
  const sentences = index.sentencesByParagraph.get(`${doc}#${paragraph}`) ?? [];
  const random = seededRandom(options.seed);
  const ranked = [...sentences].sort((a, b) => (index.sentences[b]?.candidates[0]?.score ?? 0) - (index.sentences[a]?.candidates[0]?.score ?? 0));
  const items: QuizItem[] = [];
  for (const sentenceIndex of ranked) {
    if (items.length >= options.count) break;
    const item = itemFor(index, sentenceIndex, kindFor(options.mode, items.length, random), random) ?? itemFor(index, sentenceIndex, 'cloze', random);
    if (item) items.push(item);
  }
  return items;
}
