// 👍/👎 on answers: what a vote records about the answer it was given on. The votes themselves are
// kept in the state database (src/state, `feedback`); `npm run export -- feedback` writes them as
// JSON lines.
import type { Answer } from '../core/types.js';
import type { FeedbackEntry } from '../state/index.js';

export type { FeedbackEntry };

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
