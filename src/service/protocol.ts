// The answer service's wire format: the routes a shard calls and the JSON they carry. Questions
// go out as they are asked; answers and search pages come back as the engine returns them (plain
// data, see core/types.ts), each with the name of the index generation that produced it.
import { z } from 'zod';
import type { Answer, DocumentSummary, IndexStatus, IndexSummary, Paragraph, RelatedPassages, SearchPage } from '../core/types.js';

export const SERVICE_ROUTES = {
  ask: '/v1/ask',
  search: '/v1/search',
  catalogue: '/v1/catalogue',
  reindex: '/v1/reindex',
  /** Long poll: answers when the live generation differs from `?after=` (or after `?waitMs=`). */
  generation: '/v1/generation',
  health: '/v1/health',
  quiz: '/v1/quiz',
  passageQuiz: '/v1/passage-quiz',
  dailyPassage: '/v1/daily-passage',
  addDocument: '/v1/documents/add',
  removeDocument: '/v1/documents/remove',
  embed: '/v1/embed',
  moreLikeThis: '/v1/more-like-this',
} as const;

/** The longest a generation long poll is held open by the service. */
export const MAX_GENERATION_WAIT_MS = 25_000;

/** Longer than any question Discord can carry (4,000 characters in a message). */
const MAX_WIRE_QUESTION_CHARS = 10_000;
/** More earlier questions than any conversation keeps (the engine reads the last few). */
const MAX_WIRE_CONTEXT_QUESTIONS = 20;

/** A scope's collections (corpus folder names): a handful in practice, bounded on the wire. */
const collectionsOption = z.array(z.string().max(200)).max(100).optional();

export const askRequestSchema = z.object({
  question: z.string().max(MAX_WIRE_QUESTION_CHARS),
  options: z
    .object({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(50).optional(),
      collections: collectionsOption,
      /** A follow-up's earlier questions, oldest first. */
      context: z.array(z.string().max(MAX_WIRE_QUESTION_CHARS)).max(MAX_WIRE_CONTEXT_QUESTIONS).optional(),
    })
    .default({}),
});

export const moreLikeThisRequestSchema = z.object({ chunkId: z.string().min(1).max(MAX_WIRE_QUESTION_CHARS), collections: collectionsOption });

export const searchRequestSchema = z.object({
  query: z.string().max(MAX_WIRE_QUESTION_CHARS),
  options: z
    .object({
      docId: z.string().optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(50).optional(),
      collections: collectionsOption,
    })
    .default({}),
});

const quizMode = z.enum(['cloze', 'choice', 'mixed']);

export const quizRequestSchema = z.object({
  count: z.number().int().min(1).max(50),
  mode: quizMode,
  seed: z.number().int(),
  docId: z.string().optional(),
  collection: z.string().optional(),
});

export const passageQuizRequestSchema = z.object({
  docId: z.string(),
  paragraph: z.number().int().min(1),
  options: z.object({ count: z.number().int().min(1).max(50), mode: quizMode, seed: z.number().int() }),
});

/** The passages already posted go as a list (a Set does not survive JSON). */
export const dailyPassageRequestSchema = z.object({ exclude: z.array(z.string()).max(1_000_000), seed: z.number().int(), collection: z.string().optional() });

/** A document's bytes cross the wire as base64: uploads are at most MAX_UPLOAD_MB. */
export const addDocumentRequestSchema = z.object({
  fileName: z.string().min(1).max(1000),
  bytes: z.base64(),
  options: z
    .object({
      overwrite: z.boolean().optional(),
      addedBy: z.object({ id: z.string(), name: z.string() }).optional(),
      via: z.string().optional(),
    })
    .default({}),
});

export const embedRequestSchema = z.object({ text: z.string().max(MAX_WIRE_QUESTION_CHARS) });

export const removeDocumentRequestSchema = z.object({ docId: z.string().min(1) });

export type AskRequest = z.infer<typeof askRequestSchema>;
export type SearchRequest = z.infer<typeof searchRequestSchema>;

export interface AskResponse {
  generation: string;
  answer: Answer;
}

export interface MoreLikeThisResponse {
  generation: string;
  /** null: the passage is no longer in the index. */
  related: RelatedPassages | null;
}

export interface SearchResponse {
  generation: string;
  page: SearchPage;
}

export interface ReindexResponse {
  generation: string;
  summary: IndexSummary;
}

export interface GenerationResponse {
  generation: string;
}

/** Everything a shard needs to list documents and show passages without asking again. */
export interface CatalogueSnapshot {
  generation: string;
  chunks: number;
  /** The index's status when the snapshot was taken (the dashboard's index page). */
  status: IndexStatus;
  documents: CatalogueDocument[];
}

export interface CatalogueDocument {
  summary: DocumentSummary;
  paragraphs: Paragraph[];
  /** A paged document's printed labels by physical page, for the pages its paragraphs begin and end on (absent: cited physically). */
  pageLabels?: Record<number, string>;
}

export interface HealthResponse {
  generation: string;
  documents: number;
  chunks: number;
  queue: { inFlight: number; running: number; waiting: number; refusedBusy: number };
}

/** An error as it crosses the wire: a UserError's code and details, a file-system errno, or just a message. */
export interface WireError {
  message: string;
  code?: string;
  details?: unknown;
  errno?: string;
}
