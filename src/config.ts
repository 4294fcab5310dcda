// Environment → validated configuration. Every default lives in config-schema.ts, in one place.
import path from 'node:path';
import { UserError } from './core/errors.js';
import { envSchema, type Env } from './config-schema.js';


/** Addresses only this machine can reach: the dashboard may run there without a token. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export interface Config {
  corpusDir: string;
  embeddingsDir: string;
  dataDir: string;
  /** DATABASE_URL: the state (study, insights, settings, feedback) in PostgreSQL; unset: SQLite in dataDir. */
  stateDatabaseUrl?: string;
  modelsDir: string;
  embeddingModel: string;
  embeddingDtype: Env['EMBEDDING_DTYPE'];
  allowRemoteModels: boolean;
  /** The embedding model reads every language (not only English): its cosines count for all passages. */
  embeddingMultilingual: boolean;
  /** ONNX Runtime intra-op threads for index builds in the embedding worker; undefined lets the runtime decide (one per core). */
  embeddingThreads: number | undefined;
  /** ONNX Runtime intra-op threads for questions; undefined: every core but the main thread's. */
  embeddingQueryThreads: number | undefined;
  logLevel: Env['LOG_LEVEL'];
  /** Rebuild the index when files in the corpus folder change, while the process runs. */
  watchCorpus: boolean;
  discord: {
    token?: string;
    clientId?: string;
    guildId?: string;
    apiBase?: string;
    answerChannelIds: string[];
    /** CHANNEL_COLLECTIONS: channel or category id → the collections questions there search (a /scope on the same channel wins). */
    channelCollections: Record<string, string[]>;
    replyMode: 'inline' | 'thread';
    cooldown: { questions: number; windowMs: number };
    /** Questions per window from one server, all its members together (same window as `cooldown`). */
    guildCooldown: { questions: number; windowMs: number };
    maxQuestionChars: number;
    /** How long after its last question a conversation's follow-ups are still answered in its context. */
    conversationTtlMs: number;
    /** Questions answered at once, and admitted questions waiting for a slot; beyond both, "busy". */
    maxConcurrentAnswers: number;
    maxQueuedAnswers: number;
    /** How long a shutdown waits for answers in flight before giving up on them. */
    shutdownTimeoutMs: number;
    /** Roles whose members may add and remove documents (beside Manage Server). */
    documentManagerRoleIds: string[];
    /** Largest upload `/documents add` accepts, in bytes (MAX_UPLOAD_MB). */
    maxUploadBytes: number;
    /** The role "Still need help?" mentions (HELPER_ROLE_ID): the only mention the bot ever makes. Unset: no button. */
    helperRoleId?: string;
  };
  insights: {
    /** Record questions, votes and escalations (INSIGHTS=off: nothing is stored). */
    enabled: boolean;
    /** Rows older than this are deleted (checked daily). */
    retentionMs: number;
    /** Key of the user hashes (INSIGHTS_SALT); unset: one generated and kept in the database. */
    salt?: string;
  };
  /** The web dashboard, when DASHBOARD_PORT is set. */
  dashboard?: {
    port: number;
    host: string;
    token?: string;
  };
  study: {
    /** Items in a /quiz without `count`. */
    defaultQuizItems: number;
    /** How long each item of a group round stays open. */
    roundItemMs: number;
    /** How long a solo quiz's buttons keep working. */
    quizSessionMs: number;
    /** How often the scheduler checks for due daily posts and review reminders. */
    tickMs: number;
    /** Time zone of /daily set without `timezone`. */
    defaultTimeZone: string;
  };
  /** Where dense vectors live (README "Scaling"): hnswlib files in embeddings/, or PostgreSQL + pgvector. */
  vectorStore: { backend: 'hnswlib' | 'pgvector'; databaseUrl?: string };
  /** Sharding and the shared answer service (README "Scaling"); unset: one process, as by default. */
  scale: {
    /** Shards across processes: 'auto' (Discord's recommendation) or a count; undefined: no sharding. */
    sharding?: 'auto' | number;
    /** Pause between starting two shards (Discord allows one IDENTIFY per 5 s per bucket). */
    shardSpawnDelayMs: number;
    answerService: {
      /** Where a shard reaches the answer service (the sharding manager sets it for its shards). */
      url?: string;
      /** Loopback port the service listens on (0: any free port). */
      port: number;
      /** Questions the service holds waiting beyond MAX_CONCURRENT_ANSWERS running; beyond both, "busy". */
      maxQueued: number;
      /** How long a shard waits for one answer before giving up on it. */
      timeoutMs: number;
    };
  };
}

/** A configuration problem a user can fix; the message lists every bad variable. */
export class ConfigError extends UserError<'config-invalid'> {
  override name = 'ConfigError';

  constructor(message: string, options?: ErrorOptions) {
    super('config-invalid', { message }, options);
  }
}

/** Reads configuration from `env` (dotenv has already been applied by the entry point). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration (check .env or the environment):\n${problems.join('\n')}`);
  }
  const c = parsed.data;
  if (c.VECTOR_STORE === 'pgvector' && !c.VECTOR_DATABASE_URL) {
    throw new ConfigError('Invalid configuration (check .env or the environment):\n  VECTOR_DATABASE_URL: VECTOR_STORE=pgvector needs the database (postgres://… with the pgvector extension, or pglite:memory / pglite:/a/folder)');
  }
  if (c.DASHBOARD_PORT !== undefined && !c.DASHBOARD_TOKEN && !isLoopbackHost(c.DASHBOARD_HOST)) {
    throw new ConfigError(
      `DASHBOARD_TOKEN is required when DASHBOARD_HOST (${c.DASHBOARD_HOST}) is not a loopback address: set a long random token, or serve the dashboard on 127.0.0.1`,
    );
  }
  const resolve = (dir: string) => path.resolve(root, dir);
  return {
    corpusDir: resolve(c.CORPUS_DIR),
    embeddingsDir: resolve(c.EMBEDDINGS_DIR),
    dataDir: resolve(c.DATA_DIR),
    ...(c.DATABASE_URL ? { stateDatabaseUrl: c.DATABASE_URL } : {}),
    modelsDir: resolve(c.MODELS_DIR),
    embeddingModel: c.EMBEDDING_MODEL,
    embeddingDtype: c.EMBEDDING_DTYPE,
    allowRemoteModels: c.ALLOW_REMOTE_MODELS,
    embeddingMultilingual: c.EMBEDDING_MULTILINGUAL,
    embeddingThreads: c.EMBEDDING_THREADS,
    embeddingQueryThreads: c.EMBEDDING_QUERY_THREADS,
    logLevel: c.LOG_LEVEL,
    watchCorpus: c.WATCH_CORPUS,
    discord: {
      token: c.DISCORD_TOKEN,
      clientId: c.DISCORD_CLIENT_ID,
      guildId: c.DISCORD_GUILD_ID,
      apiBase: c.DISCORD_API_BASE,
      answerChannelIds: c.ANSWER_CHANNEL_IDS,
      channelCollections: c.CHANNEL_COLLECTIONS,
      replyMode: c.REPLY_MODE,
      cooldown: { questions: c.COOLDOWN_QUESTIONS, windowMs: c.COOLDOWN_SECONDS * 1000 },
      guildCooldown: { questions: c.GUILD_COOLDOWN_QUESTIONS, windowMs: c.COOLDOWN_SECONDS * 1000 },
      maxQuestionChars: c.MAX_QUESTION_CHARS,
      conversationTtlMs: c.CONVERSATION_TTL_MINUTES * 60_000,
      maxConcurrentAnswers: c.MAX_CONCURRENT_ANSWERS,
      maxQueuedAnswers: c.MAX_QUEUED_ANSWERS,
      shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      documentManagerRoleIds: c.DOCUMENT_MANAGER_ROLE_IDS,
      maxUploadBytes: c.MAX_UPLOAD_MB * 2 ** 20,
      ...(c.HELPER_ROLE_ID ? { helperRoleId: c.HELPER_ROLE_ID } : {}),
    },
    insights: {
      enabled: c.INSIGHTS,
      retentionMs: c.INSIGHTS_RETENTION_DAYS * 86_400_000,
      ...(c.INSIGHTS_SALT ? { salt: c.INSIGHTS_SALT } : {}),
    },
    ...(c.DASHBOARD_PORT !== undefined
      ? { dashboard: { port: c.DASHBOARD_PORT, host: c.DASHBOARD_HOST, ...(c.DASHBOARD_TOKEN ? { token: c.DASHBOARD_TOKEN } : {}) } }
      : {}),
    study: {
      defaultQuizItems: c.QUIZ_DEFAULT_COUNT,
      roundItemMs: c.QUIZ_ROUND_SECONDS * 1000,
      quizSessionMs: c.QUIZ_SESSION_HOURS * 3_600_000,
      tickMs: c.STUDY_TICK_SECONDS * 1000,
      defaultTimeZone: c.DEFAULT_TIMEZONE,
    },
    vectorStore: { backend: c.VECTOR_STORE, ...(c.VECTOR_DATABASE_URL ? { databaseUrl: c.VECTOR_DATABASE_URL } : {}) },
    scale: {
      ...(c.SHARDING !== undefined ? { sharding: c.SHARDING } : {}),
      shardSpawnDelayMs: c.SHARD_SPAWN_DELAY_SECONDS * 1000,
      answerService: {
        ...(c.ANSWER_SERVICE_URL ? { url: c.ANSWER_SERVICE_URL } : {}),
        port: c.ANSWER_SERVICE_PORT,
        maxQueued: c.ANSWER_SERVICE_MAX_QUEUED,
        timeoutMs: c.ANSWER_SERVICE_TIMEOUT_SECONDS * 1000,
      },
    },
  };
}
