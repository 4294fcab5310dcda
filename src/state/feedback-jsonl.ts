// The feedback log's JSON-lines form: the export (`npm run export -- feedback`) and the one-time
// import of the `feedback.jsonl` file earlier versions appended to. Lines that are not votes are
// counted and skipped, never fatal: a log cut short by a crash still imports every whole line.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { FeedbackEntry } from './types.js';

const excerptSchema = z.object({
  n: z.number(),
  docId: z.string(),
  chunkId: z.string(),
  paragraphStart: z.number(),
  paragraphEnd: z.number(),
  text: z.string(),
});

export const feedbackEntrySchema = z.object({
  at: z.string(),
  vote: z.enum(['up', 'down']),
  userId: z.string(),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  messageId: z.string(),
  question: z.string(),
  answer: z.object({ answered: z.boolean(), offset: z.number(), excerpts: z.array(excerptSchema) }),
});

export interface ParsedFeedbackLog {
  entries: FeedbackEntry[];
  /** Lines that were not a vote (blank lines are not counted). */
  invalidLines: number;
}

export function parseFeedbackJsonl(text: string): ParsedFeedbackLog {
  const entries: FeedbackEntry[] = [];
  let invalidLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      invalidLines++;
      continue;
    }
    const parsed = feedbackEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else invalidLines++;
  }
  return { entries, invalidLines };
}

export async function readFeedbackJsonl(file: string): Promise<ParsedFeedbackLog> {
  return parseFeedbackJsonl(await readFile(file, 'utf8'));
}

/** One line per entry, each ending in a newline. */
export function formatFeedbackJsonl(entries: readonly FeedbackEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}
