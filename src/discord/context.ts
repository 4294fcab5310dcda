// Everything a command or event handler needs, created once per running bot.
import type { Config } from '../config.js';
import type { Answer, AnswerEngine } from '../core/types.js';
import type { Logger } from '../log.js';
import { randomBytes } from 'node:crypto';
import { DisabledInsights, type Insights } from '../insights/recorder.js';
import { InsightsReader } from '../insights/report.js';
import { UserHasher } from '../insights/user-hash.js';
import type { StateStore } from '../state/index.js';
import { AnswerQueue } from './answer-queue.js';
import { ConversationStore } from './conversation-store.js';
import { Cooldown } from './cooldown.js';
import { Conversations } from './follow-ups.js';
import { InFlight } from './in-flight.js';
import { botLimits } from './limits.js';
import { timedForInteractions } from './state-timing.js';
import { RoundManager } from './study/rounds.js';
import type { StudyScheduler } from './study/scheduler.js';

/** The state behind an answer's buttons. */
export interface AnswerConversation {
  question: string;
  userId: string;
  answer: Answer;
  /** The question's insights row (votes and an escalation link to it); none with INSIGHTS=off. */
  questionId?: string;
  /** Set once "Still need help?" posted it, so a second press does not post again. */
  escalated?: boolean;
  /** A follow-up's earlier questions (oldest first): further pages are ranked in the same context. */
  context?: readonly string[];
}

/** The state behind a search page's buttons. */
export interface SearchConversation {
  query: string;
  docId?: string;
  /** The channel's scope when searched: further pages stay in it. */
  collections?: string[];
  limit: number;
  userId: string;
}

export interface BotContext {
  config: Config;
  engine: AnswerEngine;
  logger: Logger;
  answers: ConversationStore<AnswerConversation>;
  searches: ConversationStore<SearchConversation>;
  /** Follow-up context: threads the bot started, DMs, answers replied to (CONVERSATION_TTL_MINUTES). */
  conversations: Conversations;
  /** Per-user limit (COOLDOWN_QUESTIONS per COOLDOWN_SECONDS). */
  cooldown: Cooldown;
  /** Per-server limit (GUILD_COOLDOWN_QUESTIONS per COOLDOWN_SECONDS), keyed by guild id. */
  guildCooldown: Cooldown;
  /** The bounded queue every question goes through (MAX_CONCURRENT_ANSWERS, MAX_QUEUED_ANSWERS). */
  work: AnswerQueue;
  /** When "queue full" was last logged, so a flood logs one line per interval. */
  lastBusyLogMs?: number;
  /** Per-server and per-user state (src/state): feedback, quizzes, reviews, bookmarks, schedules. */
  state: StateStore;
  /** When the running reindex started, so a second request is told instead of queued. */
  reindexStartedAtMs?: number;
  /** Documents being added or removed (download and rebuild): a shutdown waits for them too. */
  documentChanges: InFlight;
  /** Group quiz rounds running in channels (in memory). */
  rounds: RoundManager;
  /** Records questions for insights (INSIGHTS=off: records nothing). */
  insights: Insights;
  /** Reads insights back (/insights): reports, topics. */
  insightsReader: InsightsReader;
  /** Daily posts and review reminders; set once the client is ready. */
  scheduler?: StudyScheduler;
  /** How long an interaction's answer may take before it is deferred (botLimits.deferAfterMs). */
  deferAfterMs: number;
  now: () => number;
  /** Called after every handled interaction with its time and its time in the state store (the benchmark listens). */
  onInteractionHandled?: (use: { ms: number; stateMs: number; stateCalls: number }) => void;
}

export interface BotContextOptions {
  /** Default: nothing recorded (startBot passes the recorder when INSIGHTS is on). */
  insights?: Insights;
  onInteractionHandled?: BotContext['onInteractionHandled'];
  deferAfterMs?: number;
  now?: () => number;
}

export function createBotContext(config: Config, engine: AnswerEngine, state: StateStore, logger: Logger, options: BotContextOptions = {}): BotContext {
  const now = options.now ?? Date.now;
  return {
    config,
    engine,
    logger,
    answers: new ConversationStore(botLimits.storedConversations, botLimits.storedConversationTtlMs, now),
    searches: new ConversationStore(botLimits.storedConversations, botLimits.storedConversationTtlMs, now),
    conversations: new Conversations(config.discord.conversationTtlMs, now),
    cooldown: new Cooldown(config.discord.cooldown, now),
    guildCooldown: new Cooldown(config.discord.guildCooldown, now),
    work: new AnswerQueue({ maxConcurrent: config.discord.maxConcurrentAnswers, maxQueued: config.discord.maxQueuedAnswers }),
    documentChanges: new InFlight(),
    state: timedForInteractions(state),
    insights: options.insights ?? new DisabledInsights(new UserHasher(randomBytes(32).toString('hex'))),
    insightsReader: new InsightsReader(state, engine),
    ...(options.onInteractionHandled ? { onInteractionHandled: options.onInteractionHandled } : {}),
    rounds: new RoundManager({ state, logger, now, itemMs: config.study.roundItemMs }),
    deferAfterMs: options.deferAfterMs ?? botLimits.deferAfterMs,
    now,
  };
}
