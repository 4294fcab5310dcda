// Everything a command or event handler needs, created once per running bot.
import type { Config } from '../config.js';
import type { Answer, AnswerEngine } from '../core/types.js';
import type { Logger } from '../log.js';
import { ConversationStore } from './conversation-store.js';
import { Cooldown } from './cooldown.js';
import { FeedbackLog } from './feedback-log.js';
import { botLimits } from './limits.js';

/** The state behind an answer's buttons. */
export interface AnswerConversation {
  question: string;
  userId: string;
  answer: Answer;
}

/** The state behind a search page's buttons. */
export interface SearchConversation {
  query: string;
  docId?: string;
  limit: number;
  userId: string;
}

export interface BotContext {
  config: Config;
  engine: AnswerEngine;
  logger: Logger;
  answers: ConversationStore<AnswerConversation>;
  searches: ConversationStore<SearchConversation>;
  cooldown: Cooldown;
  feedback: FeedbackLog;
  /** When the running reindex started, so a second request is told instead of queued. */
  reindexStartedAtMs?: number;
  now: () => number;
}

export interface BotContextOptions {
  feedbackFile?: string;
  now?: () => number;
}

export function createBotContext(config: Config, engine: AnswerEngine, logger: Logger, options: BotContextOptions = {}): BotContext {
  const now = options.now ?? Date.now;
  return {
    config,
    engine,
    logger,
    answers: new ConversationStore(botLimits.storedConversations, botLimits.storedConversationTtlMs, now),
    searches: new ConversationStore(botLimits.storedConversations, botLimits.storedConversationTtlMs, now),
    cooldown: new Cooldown(config.discord.cooldown, now),
    feedback: options.feedbackFile ? new FeedbackLog(options.feedbackFile) : FeedbackLog.inDataDir(config.dataDir),
    now,
  };
}
