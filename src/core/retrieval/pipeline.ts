// Retrieval as a pipeline of named stages: embed → lexical → vector → fuse → diversify, then
// (in answer/) the answer check. Each stage reads the request and the state so far and returns
// the next state. A stage may be async, so one that needs I/O or a model (a remote vector
// store, a re-ranker) slots in without reworking callers; each is timed under its name.
import type { QuestionEmbedding } from '../embed/embedder.js';
import type { IndexData } from '../index/generations.js';
import type { EngineSettings } from '../settings.js';
import type { AnswerStatus, RetrievalMode } from '../types.js';
import type { FusedHit, Ranked } from './fuse.js';
import type { AnalyzedQuery } from './query.js';

export type { RetrievalMode };

export interface RetrievalRequest {
  index: IndexData;
  query: AnalyzedQuery;
  mode: RetrievalMode;
  settings: EngineSettings;
  /** Embeds the question; absent when no dense evidence is wanted (bm25 ranking). */
  embed?: (text: string) => Promise<Float32Array>;
  /** The same embedding with its token states, for the answer check (absent: no words are pooled). */
  embedQuestion?: (text: string) => Promise<QuestionEmbedding>;
  /** Only chunks of this document. */
  docId?: string;
  /** Only chunks of documents in these collections (already cleaned: scopeOfCollections). */
  collections?: readonly string[];
  /** A follow-up's earlier question(s): their vector is blended into the question's (follow-up.ts). */
  contextText?: string;
}

export interface RetrievalState {
  /** The question's vector, once embedded. */
  vector?: Float32Array;
  lexical: Ranked[];
  /** Cosines: the dense top-k, plus (hybrid) every lexical candidate's exact cosine. */
  dense: Ranked[];
  /** The ranking, best first. */
  hits: FusedHit[];
  /** Set by the answer check: does the best hit answer the question? */
  answerable?: boolean;
  /** Set by the answer check: answered, related passages only, or not found, and the model's probability. */
  status?: AnswerStatus;
  probability?: number;
}

export interface RetrievalStage {
  readonly name: string;
  run(state: RetrievalState, request: RetrievalRequest): RetrievalState | Promise<RetrievalState>;
}

export interface RetrievalResult {
  state: RetrievalState;
  /** Milliseconds spent in each stage, by stage name. */
  stageMs: Record<string, number>;
}

export async function runStages(stages: readonly RetrievalStage[], request: RetrievalRequest): Promise<RetrievalResult> {
  let state: RetrievalState = { lexical: [], dense: [], hits: [] };
  const stageMs: Record<string, number> = {};
  for (const stage of stages) {
    const started = performance.now();
    state = await stage.run(state, request);
    stageMs[stage.name] = (stageMs[stage.name] ?? 0) + performance.now() - started;
  }
  return { state, stageMs };
}
