// Answering from one live index: a question → an Answer (excerpts, or "not found" with related
// passages), a lookup → a SearchPage, a question → ranked chunks (evaluation). Pure data out:
// the wording of every reply belongs to the adapters.
import type { Catalogue } from '../catalogue.js';
import { scopeOfCollections } from '../documents/collections.js';
import type { IndexData } from '../index/generations.js';
import type { FusedHit } from '../retrieval/fuse.js';
import { type RetrievalMode, type RetrievalStage, runStages } from '../retrieval/pipeline.js';
import { analyzeQuery } from '../retrieval/query.js';
import { embedStage, fuseStage, lexicalStage, RANKING_STAGES, vectorStage } from '../retrieval/stages.js';
import type { Evidence } from '../retrieval/evidence.js';
import type { EngineSettings } from '../settings.js';
import type { Answer, AskOptions, Chunk, RankedChunk, SearchOptions, SearchPage, StageTimings } from '../types.js';
import { answerCheckStage } from './answer-check.js';
import type { QuestionEmbedding } from '../embed/embedder.js';
import { absentWordsGain } from './absent-words.js';
import { answerFeatures, type AnswerFeatures } from './answer-features.js';
import { expectedAnswerType } from '../retrieval/answer-type.js';
import { toExcerpt } from './excerpts.js';
import { prepareQuery } from './follow-up-query.js';

/** What answering needs: the live generation and its catalogue, the settings and the question embedder. */
export interface AnsweringContext {
  index: IndexData;
  catalogue: Catalogue;
  settings: EngineSettings;
  embed: (text: string) => Promise<Float32Array>;
  /** The same embedding with its token states (the answer check pools words from them). */
  embedQuestion: (text: string) => Promise<QuestionEmbedding>;
}

const ANSWER_STAGES: readonly RetrievalStage[] = [...RANKING_STAGES, answerCheckStage];

/** A page request clamped to sane bounds: whole numbers, offset ≥ 0, 1 ≤ limit ≤ max. */
function page(offset: number | undefined, limit: number | undefined, defaultLimit: number, maxLimit: number): { offset: number; limit: number } {
  return {
    offset: Math.max(0, Math.floor(offset ?? 0)),
    limit: Math.min(maxLimit, Math.max(1, Math.floor(limit ?? defaultLimit))),
  };
}

export async function answerQuestion(context: AnsweringContext, mode: RetrievalMode, question: string, options: AskOptions = {}): Promise<Answer> {
  const started = performance.now();
  const { index, catalogue, settings } = context;
  const { offset, limit } = page(options.offset, options.limit, settings.answer.excerpts, settings.answer.maxExcerpts);
  const trimmed = question.trim();
  const { query, contextText, contextQuestion } = prepareQuery(index, trimmed, options.context, settings.followUp);
  const scope = scopeOfCollections(options.collections);
  // The question is embedded in every mode: the answer check judges bm25 hits by their cosine too.
  const { state, stageMs } = trimmed
    ? await runStages(ANSWER_STAGES, { index, query, mode, settings, embed: context.embed, embedQuestion: context.embedQuestion, ...(scope ? { collections: scope } : {}), ...(contextText ? { contextText } : {}) })
    : { state: { hits: [] as FusedHit[], status: 'not-found' as const, probability: 0 }, stageMs: {} };

  const composeStarted = performance.now();
  const status = state.status ?? 'not-found';
  const answered = status === 'answered';
  const pick = (hits: FusedHit[], from: number, count: number) =>
    hits.slice(from, from + count).map((hit, i) => toExcerpt(index, catalogue, hit, query, from + i + 1, settings.answer));
  const excerpts = answered ? pick(state.hits, offset, limit) : [];
  const relatedExcerpts = status === 'related' ? pick(state.hits, offset, settings.answer.related) : [];
  const composeMs = performance.now() - composeStarted;

  const shown = answered ? excerpts.length : relatedExcerpts.length;
  const available = answered ? state.hits.length : status === 'related' ? Math.min(state.hits.length, settings.answer.related) : 0;
  return {
    question: trimmed,
    status,
    confidence: state.probability ?? 0,
    answered,
    excerpts,
    related: relatedExcerpts,
    offset,
    hasMore: offset + shown < available,
    ...(contextQuestion ? { contextQuestion } : {}),
    timings: timingsOf(stageMs, composeMs, performance.now() - started),
    ...(scope ? { scope } : {}),
  };
}

export async function searchPassages(context: AnsweringContext, text: string, options: SearchOptions = {}): Promise<SearchPage> {
  const { index, catalogue, settings } = context;
  const { offset, limit } = page(options.offset, options.limit, settings.search.pageSize, settings.search.maxPageSize);
  const trimmed = text.trim();
  const docId = options.docId && catalogue.has(options.docId) ? options.docId : undefined;
  const scope = scopeOfCollections(options.collections);
  const base = { query: trimmed, ...(docId ? { docId } : {}), offset, limit, ...(scope ? { scope } : {}) };
  if (!trimmed) return { ...base, total: 0, hits: [] };
  const query = analyzeQuery(trimmed, index.acronyms, index.lexical);
  const { state } = await runStages(RANKING_STAGES, { index, query, mode: 'hybrid', settings, embed: context.embed, ...(docId ? { docId } : {}), ...(scope ? { collections: scope } : {}) });
  const relevant = state.hits.filter((h) => h.lexical > 0 || h.dense >= settings.search.minCosine);
  return {
    ...base,
    total: relevant.length,
    hits: relevant.slice(offset, offset + limit).map((hit, i) => toExcerpt(index, catalogue, hit, query, offset + i + 1, settings.answer, false)),
  };
}

/** Ranked chunks with their fusion components for one mode (the evaluation compares modes). */
export async function rankPassages(context: AnsweringContext, mode: RetrievalMode, question: string, limit: number, options: Pick<AskOptions, 'context'> = {}): Promise<RankedChunk[]> {
  const { index, settings } = context;
  const { query, contextText } = prepareQuery(index, question.trim(), options.context, settings.followUp);
  const embed = mode === 'bm25' ? undefined : context.embed;
  const { state } = await runStages(RANKING_STAGES, { index, query, mode, settings, ...(embed ? { embed } : {}), ...(contextText ? { contextText } : {}) });
  return state.hits.slice(0, limit).flatMap((h) => {
    const chunk = index.chunks[h.label];
    return chunk ? [{ chunk, score: h.score, lexical: h.lexical, dense: h.dense }] : [];
  });
}

/** The hybrid candidates' evidence for a question, unweighted, with the chunks it refers to. */
export async function candidateEvidence(context: AnsweringContext, question: string): Promise<{ evidence: Evidence[]; chunks: readonly Chunk[] }> {
  const { index, settings } = context;
  const query = analyzeQuery(question, index.acronyms, index.lexical);
  const { state } = await runStages([embedStage, lexicalStage, vectorStage, fuseStage], { index, query, mode: 'hybrid', settings, embed: context.embed });
  return { evidence: state.hits.flatMap((h) => (h.evidence ? [h.evidence] : [])), chunks: index.chunks };
}

/** The answer check's features for a question's best hybrid passage, and that passage (fitting the answerability model). */
export async function answerCheckFeatures(context: AnsweringContext, question: string): Promise<{ features?: AnswerFeatures; top?: Chunk }> {
  const { index, settings } = context;
  const query = analyzeQuery(question, index.acronyms, index.lexical);
  const { state } = await runStages(RANKING_STAGES, { index, query, mode: 'hybrid', settings, embed: context.embed });
  const gain = await absentWordsGain(index, query, state.hits[0], context.embedQuestion);
  const features = answerFeatures(index, query, state.hits, expectedAnswerType(query.text), settings.retrieval.fusion.denseFloor, gain);
  const top = state.hits[0] ? index.chunks[state.hits[0].label] : undefined;
  return { ...(features ? { features } : {}), ...(top ? { top } : {}) };
}

function timingsOf(stageMs: Record<string, number>, composeMs: number, totalMs: number): StageTimings {
  const ms = (name: string) => stageMs[name] ?? 0;
  return {
    embedMs: ms('embed'),
    lexicalMs: ms('lexical'),
    vectorMs: ms('vector'),
    fuseMs: ms('fuse') + ms('answer-type') + ms('diversify'),
    composeMs: ms('answer-check') + composeMs,
    totalMs,
  };
}
