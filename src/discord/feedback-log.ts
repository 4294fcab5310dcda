// 👍/👎 on answers, appended to a JSON-lines file: one complete line per write, so concurrent
// writers never interleave within a line and the file can be read while the bot runs.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../core/types.js';
import type { Vote } from './custom-ids.js';

export interface FeedbackEntry {
  at: string;
  vote: Vote;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  messageId: string;
  question: string;
  answer: {
    answered: boolean;
    offset: number;
    excerpts: { n: number; docId: string; chunkId: string; paragraphStart: number; paragraphEnd: number; text: string }[];
  };
}

export function feedbackAnswer(answer: Answer): FeedbackEntry['answer'] {
  const shown = answer.answered ? answer.excerpts : answer.related;
  return {
    answered: answer.answered,
    offset: answer.offset,
    excerpts: shown.map((excerpt) => ({
      n: excerpt.citation.n,
      docId: excerpt.citation.docId,
      chunkId: excerpt.chunkId,
      paragraphStart: excerpt.citation.paragraphStart,
      paragraphEnd: excerpt.citation.paragraphEnd,
      text: excerpt.text,
    })),
  };
}

export class FeedbackLog {
  constructor(readonly filePath: string) {}

  static inDataDir(dataDir: string): FeedbackLog {
    return new FeedbackLog(path.join(dataDir, 'feedback.jsonl'));
  }

  async record(entry: FeedbackEntry): Promise<void> {
    await mkdir(path.dirname(this.filePath), { recursive: true });
    await appendFile(this.filePath, `${JSON.stringify(entry)}\n`, 'utf8');
  }
}
