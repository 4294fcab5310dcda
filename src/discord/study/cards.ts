// Making review cards: every missed quiz item, and any bookmark on request. A card's key is the
// item's (or the bookmarked paragraph's), so the same miss twice is one card.
import { newSchedule } from '../../core/study/review.js';
import type { QuizItem } from '../../core/types.js';
import type { Bookmark, Json, Scope } from '../../state/index.js';
import type { BotContext } from '../context.js';
import { cardPayload } from './stored-items.js';

export async function addItemCard(context: BotContext, scope: Scope, userId: string, item: QuizItem): Promise<boolean> {
  const now = context.now();
  const content = cardPayload({ title: item.citation.title, citation: item.citation, item: { ...item, kind: 'cloze' } });
  const { created } = await context.state.reviews.addCard(
    scope,
    { userId, cardKey: `item:${item.key}`, source: 'quiz', content, schedule: newSchedule(now) as unknown as Json, due: now },
    now,
  );
  return created;
}

export async function addBookmarkCard(context: BotContext, scope: Scope, userId: string, bookmark: Bookmark): Promise<boolean> {
  const now = context.now();
  // A cloze item from the bookmarked paragraph when the corpus still has it; the saved text otherwise.
  const [item] = await context.engine.passageQuiz(bookmark.docId, bookmark.paragraph, { count: 1, mode: 'cloze', seed: bookmark.id });
  const citation = item?.citation ?? { n: 1, docId: bookmark.docId, title: bookmark.title, paragraphStart: bookmark.paragraph, paragraphEnd: bookmark.paragraph, paragraph: bookmark.paragraph };
  const content = cardPayload({ title: bookmark.title, citation, excerpt: bookmark.excerpt, ...(item ? { item } : {}) });
  const { created } = await context.state.reviews.addCard(
    scope,
    { userId, cardKey: `bookmark:${bookmark.docId}#${bookmark.paragraph}`, source: 'bookmark', content, schedule: newSchedule(now) as unknown as Json, due: now },
    now,
  );
  return created;
}
