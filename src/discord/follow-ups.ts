// Conversations: the earlier questions a follow-up is answered against. A follow-up is a message
// in a thread the bot started for an answer, a reply to one of the bot's answers, or a DM after
// an earlier DM question. Kept in memory only — bounded in count (least recently used go first)
// and forgotten CONVERSATION_TTL_MINUTES after their last question — and never logged: the
// questions are the users' words.
import type { Message } from 'discord.js';
import { ConversationStore } from './conversation-store.js';
import { parseCustomId } from './custom-ids.js';
import { botLimits } from './limits.js';

/** Where a conversation lives: a thread, a DM channel, or one answer (replies to it continue it). */
export type ConversationKey = `thread:${string}` | `dm:${string}` | `answer:${string}`;

export const threadKey = (threadId: string): ConversationKey => `thread:${threadId}`;
export const dmKey = (channelId: string): ConversationKey => `dm:${channelId}`;
export const answerKey = (conversationId: string): ConversationKey => `answer:${conversationId}`;

export class Conversations {
  readonly #store: ConversationStore<readonly string[]>;

  constructor(ttlMs: number, now: () => number, maxEntries: number = botLimits.conversationsKept) {
    this.#store = new ConversationStore(maxEntries, ttlMs, now);
  }

  /** The questions of a conversation, oldest first; undefined when unknown or expired. */
  questions(key: ConversationKey): readonly string[] | undefined {
    return this.#store.get(key);
  }

  has(key: ConversationKey): boolean {
    return this.questions(key) !== undefined;
  }

  /** Remembers `questions` (the earlier ones and the one just answered) under each key. */
  remember(keys: readonly ConversationKey[], questions: readonly string[]): void {
    const kept = questions.slice(-botLimits.conversationQuestions);
    for (const key of keys) this.#store.set(key, kept);
  }

  get size(): number {
    return this.#store.size;
  }
}

/** The answer a bot message shows, by the conversation id its buttons carry. */
export function answerIdOf(message: Pick<Message, 'components'>): string | undefined {
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      const customId = 'customId' in component ? component.customId : undefined;
      const action = typeof customId === 'string' ? parseCustomId(customId) : undefined;
      if (action?.kind === 'more') return action.conversationId;
    }
  }
  return undefined;
}

/** True when `message` replies to a message of the bot's. */
export function repliesToBot(message: Message, botUserId: string): boolean {
  return message.reference?.messageId !== undefined && message.mentions.repliedUser?.id === botUserId;
}

/**
 * True when `message` replies to one of the bot's answers (not a quiz or a daily post). Discord
 * sends the replied-to message along, and discord.js caches it, so no request is needed.
 */
export function repliesToBotAnswer(message: Message, botUserId: string): boolean {
  const referenceId = message.reference?.messageId;
  if (!referenceId || !repliesToBot(message, botUserId)) return false;
  const referenced = message.channel.messages.cache.get(referenceId);
  return referenced !== undefined && answerIdOf(referenced) !== undefined;
}

/** Where a message's follow-up context comes from, most specific first, and the earlier questions. */
export interface FollowUpContext {
  /** The conversation the answer continues (its keys are remembered again with the new question). */
  keys: ConversationKey[];
  questions: readonly string[];
}

/**
 * The conversation a message continues: the answer it replies to, else the bot's thread it is
 * posted in, else (a DM) the DM channel's. Undefined when it starts a new one.
 */
export async function followUpContext(message: Message, botUserId: string, conversations: Conversations): Promise<FollowUpContext | undefined> {
  const keys: ConversationKey[] = [];
  let questions: readonly string[] | undefined;
  if (repliesToBot(message, botUserId)) {
    const referenced = await message.fetchReference().catch(() => undefined);
    const answerId = referenced && referenced.author.id === botUserId ? answerIdOf(referenced) : undefined;
    if (answerId) questions = conversations.questions(answerKey(answerId));
  }
  const place: ConversationKey | undefined = message.channel.isThread() ? threadKey(message.channelId) : !message.inGuild() ? dmKey(message.channelId) : undefined;
  if (place) {
    const placeQuestions = conversations.questions(place);
    if (placeQuestions) {
      keys.push(place);
      questions ??= placeQuestions;
    }
  }
  return questions ? { keys, questions } : undefined;
}
