// Cleaned document → chunks: sentence-aware, paragraph- and heading-aware, sized by the model's
// own tokenizer so nothing is silently truncated when embedded.
import { pageRangeOf } from '../documents/pages.js';
import { type ChunkerSettings, DEFAULT_CHUNKER } from '../settings.js';
import { splitSentences } from '../text/sentences.js';
import type { Chunk, CleanDocument, Paragraph, SentenceSpan } from '../types.js';

/** Tokens the embedder counts, special tokens included (as `Embedder.countTokens`). */
export type TokenCounter = (text: string) => number;

/** [CLS] and [SEP]: counted by the tokenizer in every encoding, added once per embedded text. */
const SPECIAL_TOKENS = 2;
/** A title + heading prefix longer than this is cut: context, not content, so it may not eat the budget. */
const MAX_PREFIX_CHARS = 160;
/** The smallest text budget a chunk keeps, in tokens, whatever the prefix (a word always fits). */
const MIN_TEXT_TOKENS = 16;

/**
 * What the embedder sees: document title and section heading give a passage its context
 * ("the article on …", pronouns like "the initiative"); excerpts still quote only `text`.
 */
export function embeddingText(title: string, heading: string | undefined, text: string): string {
  return `${contextPrefix(title, heading)}${text}`;
}

/** What is embedded for a document: each chunk's text, then each sentence of each chunk, in order, all with their context. */
export function embeddingTexts(title: string, chunks: readonly Chunk[]): string[] {
  const chunkTexts = chunks.map((c) => embeddingText(title, c.heading, c.text));
  const sentenceTexts = chunks.flatMap((c) => c.sentences.map((s) => embeddingText(title, c.heading, c.text.slice(s.start, s.end))));
  return [...chunkTexts, ...sentenceTexts];
}

function contextPrefix(title: string, heading: string | undefined): string {
  const parts = [title, heading && heading !== title ? heading : undefined].filter(Boolean).join(' — ');
  return parts ? `${parts.slice(0, MAX_PREFIX_CHARS)}\n` : '';
}

interface Unit {
  /** Offsets in the document text. */
  start: number;
  end: number;
  tokens: number;
  paragraph: number;
}

export function chunkDocument(doc: CleanDocument, countTokens: TokenCounter, settings: ChunkerSettings = DEFAULT_CHUNKER): Chunk[] {
  const chunks: Chunk[] = [];
  const sections = groupSections(doc.paragraphs);
  for (const section of sections) {
    const prefixTokens = countTokens(contextPrefix(doc.title, section.heading)) - SPECIAL_TOKENS;
    const budget = Math.max(MIN_TEXT_TOKENS, settings.maxTokens - SPECIAL_TOKENS - prefixTokens);
    const target = Math.min(budget, Math.max(0, settings.targetTokens - SPECIAL_TOKENS - prefixTokens));
    let pending: Unit[] = [];
    // Pieces of one over-long word can tokenize longer when joined: split again if so.
    const emit = (units: Unit[]): void => {
      const chunk = makeChunk(doc, section.heading, units, chunks.length, prefixTokens, countTokens);
      if (chunk.tokenCount <= settings.maxTokens || units.length < 2) {
        chunks.push(chunk);
        return;
      }
      const half = Math.ceil(units.length / 2);
      emit(units.slice(0, half));
      emit(units.slice(half));
    };
    const flush = () => {
      if (pending.length) emit(pending);
      pending = [];
    };
    // A question paragraph ("Q: How do I …?") opens a chunk and stays with the paragraph that
    // answers it: split from its answer, or packed at the end of the previous answer, it would
    // draw the question's words to the wrong passage.
    let pendingIsQuestion = false;
    for (const [i, paragraph] of section.paragraphs.entries()) {
      const sentences = sentenceUnits(doc, paragraph, countTokens, budget);
      const tokens = sentences.reduce((sum, s) => sum + s.tokens, 0);
      if (i < section.paragraphs.length - 1 && isQuestionParagraph(paragraph.text) && tokens <= budget) {
        flush();
        pending.push(...sentences);
        pendingIsQuestion = true;
        continue;
      }
      const pendingTokens = pending.reduce((sum, u) => sum + u.tokens, 0);
      const lead = pendingIsQuestion ? pending : [];
      pendingIsQuestion = false;
      if (tokens > budget || (lead.length && pendingTokens + tokens > budget)) {
        if (lead.length) pending = [];
        else flush();
        for (const window of sentenceWindows([...lead, ...sentences], budget, settings.overlapSentences)) emit(window);
        continue;
      }
      if (pending.length && !lead.length && pendingTokens + tokens > target) flush();
      pending.push(...sentences);
    }
    flush();
  }
  return chunks;
}

/** Longest paragraph read as a question that introduces the next one (an FAQ entry, an interview turn). */
const MAX_QUESTION_CHARS = 300;

/** A short paragraph ending with a question mark ("Q: …?", "How do I …?"). */
export function isQuestionParagraph(text: string): boolean {
  return text.length <= MAX_QUESTION_CHARS && /\?["'”’)\]]*$/.test(text.trim());
}

interface Section {
  heading?: string;
  paragraphs: Paragraph[];
}

function groupSections(paragraphs: Paragraph[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const paragraph of paragraphs) {
    if (paragraph.isHeading) {
      current = undefined;
      continue;
    }
    if (!current || current.heading !== paragraph.heading) {
      current = { ...(paragraph.heading ? { heading: paragraph.heading } : {}), paragraphs: [] };
      sections.push(current);
    }
    current.paragraphs.push(paragraph);
  }
  return sections;
}

/** Sentences of a paragraph as units; a sentence longer than the budget is cut at word breaks. */
function sentenceUnits(doc: CleanDocument, paragraph: Paragraph, countTokens: TokenCounter, budget: number): Unit[] {
  const units: Unit[] = [];
  for (const span of splitSentences(paragraph.text)) {
    const start = paragraph.start + span.start;
    const end = paragraph.start + span.end;
    const tokens = countTokens(doc.text.slice(start, end)) - SPECIAL_TOKENS;
    if (tokens <= budget) {
      units.push({ start, end, tokens, paragraph: paragraph.index });
    } else {
      units.push(...splitLongSentence(doc.text, start, end, countTokens, budget, paragraph.index));
    }
  }
  return units;
}

function splitLongSentence(text: string, start: number, end: number, countTokens: TokenCounter, budget: number, paragraph: number): Unit[] {
  const units: Unit[] = [];
  const words = [...text.slice(start, end).matchAll(/\S+/g)];
  let pieceStart = -1;
  let pieceEnd = -1;
  let pieceTokens = 0;
  for (const word of words) {
    const wordStart = start + (word.index ?? 0);
    const wordEnd = wordStart + word[0].length;
    // Very long "words" (URLs, base64) are cut by characters so each piece fits.
    const wordTokens = countTokens(word[0]) - SPECIAL_TOKENS;
    if (wordTokens > budget) {
      if (pieceStart >= 0) units.push({ start: pieceStart, end: pieceEnd, tokens: pieceTokens, paragraph });
      pieceStart = -1;
      pieceTokens = 0;
      const step = Math.max(1, Math.floor((word[0].length * budget) / wordTokens / 2));
      for (let s = wordStart; s < wordEnd; s += step) {
        const e = Math.min(wordEnd, s + step);
        units.push({ start: s, end: e, tokens: countTokens(text.slice(s, e)) - SPECIAL_TOKENS, paragraph });
      }
      continue;
    }
    if (pieceStart >= 0 && pieceTokens + wordTokens > budget) {
      units.push({ start: pieceStart, end: pieceEnd, tokens: pieceTokens, paragraph });
      pieceStart = -1;
      pieceTokens = 0;
    }
    if (pieceStart < 0) pieceStart = wordStart;
    pieceEnd = wordEnd;
    pieceTokens += wordTokens;
  }
  if (pieceStart >= 0) units.push({ start: pieceStart, end: pieceEnd, tokens: pieceTokens, paragraph });
  return units;
}

/** Greedy windows of whole sentences within the budget, consecutive windows sharing `overlap`. */
function sentenceWindows(units: Unit[], budget: number, overlap: number): Unit[][] {
  const windows: Unit[][] = [];
  let i = 0;
  while (i < units.length) {
    const window: Unit[] = [];
    let tokens = 0;
    let j = i;
    while (j < units.length) {
      const unit = units[j];
      if (!unit || (window.length && tokens + unit.tokens > budget)) break;
      window.push(unit);
      tokens += unit.tokens;
      j++;
    }
    windows.push(window);
    if (j >= units.length) break;
    // Step back for overlap, but always move forward by at least one sentence.
    i = Math.max(i + 1, j - overlap);
  }
  return windows;
}

function makeChunk(doc: CleanDocument, heading: string | undefined, units: Unit[], ordinal: number, prefixTokens: number, countTokens: TokenCounter): Chunk {
  const first = units[0];
  const last = units.at(-1);
  if (!first || !last) throw new Error('makeChunk needs at least one unit');
  const charStart = first.start;
  const charEnd = last.end;
  const text = doc.text.slice(charStart, charEnd);
  const sentences: SentenceSpan[] = units.map((u) => ({ start: u.start - charStart, end: u.end - charStart }));
  return {
    id: `${doc.id}#${ordinal}`,
    docId: doc.id,
    ordinal,
    text,
    sentences,
    paragraphStart: first.paragraph,
    paragraphEnd: last.paragraph,
    charStart,
    charEnd,
    ...(heading ? { heading } : {}),
    ...(doc.pageMap ? { pages: pageRangeOf(doc.pageMap, charStart, charEnd) } : {}),
    // WordPiece splits at whitespace, so counts of whitespace-separated units add up exactly
    // (a test checks this); pieces of one over-long word do not, and are counted again.
    tokenCount: units.every((u, i) => i === 0 || /\s/.test(doc.text[u.start - 1] ?? ''))
      ? prefixTokens + units.reduce((sum, u) => sum + u.tokens, 0) + SPECIAL_TOKENS
      : countTokens(embeddingText(doc.title, heading, text)),
  };
}
