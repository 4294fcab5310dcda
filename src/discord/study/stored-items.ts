// Quiz items and review-card contents as the bot stores them in the state database, and their
// validation when read back: a row written by another version, or damaged, reads as "expired"
// instead of breaking a button.
import { z } from 'zod';
import type { Citation, QuizItem } from '../../core/types.js';
import type { Json } from '../../state/index.js';

const citationSchema = z.object({
  n: z.number(),
  docId: z.string(),
  title: z.string(),
  date: z.string().optional(),
  source: z.string().optional(),
  url: z.string().optional(),
  paragraphStart: z.number(),
  paragraphEnd: z.number(),
  paragraph: z.number(),
});

const itemSchema = z.object({
  key: z.string(),
  kind: z.enum(['cloze', 'choice']),
  type: z.enum(['number', 'date', 'name', 'term']),
  sentence: z.string(),
  blank: z.object({ start: z.number(), end: z.number() }),
  answer: z.string(),
  choices: z.array(z.string()).optional(),
  answerIndex: z.number().optional(),
  citation: citationSchema,
});

const sessionSchema = z.object({ v: z.literal(1), items: z.array(itemSchema).min(1) });

export function sessionPayload(items: readonly QuizItem[]): Json {
  return { v: 1, items: items as unknown as Json[] };
}

export function parseSessionItems(payload: Json): QuizItem[] | undefined {
  const parsed = sessionSchema.safeParse(payload);
  return parsed.success ? parsed.data.items : undefined;
}

/** What a review card shows: a cloze item when there is one, else the saved passage to recall. */
export interface CardContent {
  title: string;
  citation: Citation;
  item?: QuizItem;
  excerpt?: string;
}

const cardSchema = z.object({ v: z.literal(1), title: z.string(), citation: citationSchema, item: itemSchema.optional(), excerpt: z.string().optional() });

export function cardPayload(content: CardContent): Json {
  return { v: 1, ...content } as unknown as Json;
}

export function parseCardContent(payload: Json): CardContent | undefined {
  const parsed = cardSchema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
