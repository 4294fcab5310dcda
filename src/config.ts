// Environment → validated configuration. Every default lives here, in one place.
import path from 'node:path';
import { z } from 'zod';
import { scopeOfCollections } from './core/documents/collections.js';
import { maxDocumentBytes } from './core/documents/registry.js';
import { UserError } from './core/errors.js';
import { isTimeZone } from './core/study/daily-time.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const idList = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^\d{15,22}$/, 'must be Discord ids (snowflakes), separated by commas')));

/**
 * CHANNEL_COLLECTIONS: `id=collection,collection;id=collection` (channel or category ids) → the
 * collections each may search. One message for any malformed entry, naming it.
 */
const CHANNEL_COLLECTIONS_FORM = 'must be channel-or-category-id=collection,collection;… (e.g. 1234567890123456789=handbook,policies;2345678901234567890=faq)';
const channelCollections = z.string().transform((value, ctx): Record<string, string[]> => {
  const scopes: Record<string, string[]> = {};
  for (const entry of value.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [id = '', names = '', ...rest] = entry.split('=').map((part) => part.trim());
    const collections = scopeOfCollections(names.split(','));
    const malformed = !/^\d{15,22}$/.test(id) || rest.length > 0 || !collections;
    const problem = malformed ? `“${entry.slice(0, 60)}” ${CHANNEL_COLLECTIONS_FORM}` : id in scopes ? `${id} is listed twice` : undefined;
    if (problem || !collections) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    scopes[id] = collections;
  }
  return scopes;
});

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const schema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  EMBEDDINGS_DIR: z.string().default('embeddings'),
  DATA_DIR: z.string().default('data'),
  MODELS_DIR: z.string().default('models'),
  EMBEDDING_MODEL: z.string().min(1).default('onnx-community/all-MiniLM-L6-v2-ONNX'),
  EMBEDDING_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16']).default('q4'),
  ALLOW_REMOTE_MODELS: booleanFlag.default(false),
  EMBEDDING_MULTILINGUAL: booleanFlag.default(false),
  EMBEDDING_THREADS: optionalText.pipe(z.string().regex(/^\d{1,2}$/, 'must be a number of threads (1-64), or empty for one per core').transform(Number).pipe(z.number().min(1).max(64)).optional()),
  EMBEDDING_QUERY_THREADS: optionalText.pipe(z.string().regex(/^\d{1,2}$/, 'must be a number of threads (1-64), or empty for every core but one').transform(Number).pipe(z.number().min(1).max(64)).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WATCH_CORPUS: booleanFlag.default(true),

  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: optionalText.pipe(z.string().regex(/^\d{15,22}$/, 'must be the application id (a number)').optional()),
  DISCORD_GUILD_ID: optionalText.pipe(z.string().regex(/^\d{15,22}$/, 'must be a server id (a number)').optional()),
  DISCORD_API_BASE: optionalText.pipe(z.url().optional()),
  ANSWER_CHANNEL_IDS: idList.default([]),
  CHANNEL_COLLECTIONS: channelCollections.default({}),
  REPLY_MODE: z.enum(['inline', 'thread']).default('inline'),
  COOLDOWN_QUESTIONS: z.coerce.number().int().min(1).max(1000).default(5),
  COOLDOWN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  MAX_QUESTION_CHARS: z.coerce.number().int().min(20).max(4000).default(500),
  CONVERSATION_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  GUILD_COOLDOWN_QUESTIONS: z.coerce.number().int().min(1).max(100_000).default(30),
  MAX_CONCURRENT_ANSWERS: z.coerce.number().int().min(1).max(64).default(4),
  MAX_QUEUED_ANSWERS: z.coerce.number().int().min(0).max(10_000).default(50),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(8),
  DOCUMENT_MANAGER_ROLE_IDS: idList.default([]),
  // An upload larger than what the corpus scan reads would be written and then skipped.
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(Math.floor(maxDocumentBytes() / 2 ** 20)).default(25),
  QUIZ_DEFAULT_COUNT: z.coerce.number().int().min(1).max(10).default(5),
  QUIZ_ROUND_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  QUIZ_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  STUDY_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  DEFAULT_TIMEZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris or UTC'),

  // Past one process (README "Scaling"). Not SHARDS / SHARD_COUNT: discord.js reads those itself.
  SHARDING: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d{0,3})$/, 'must be "auto" or a number of shards (1 to 4096)')
      .transform((value): 'auto' | number => (value === 'auto' ? 'auto' : Number(value)))
      .refine((value) => value === 'auto' || value <= 4096, 'must be "auto" or a number of shards (1 to 4096)')
      .optional(),
  ),
  SHARD_SPAWN_DELAY_SECONDS: z.coerce.number().min(0).max(60).default(5.5),
  ANSWER_SERVICE_URL: optionalText.pipe(z.url().optional()),
  ANSWER_SERVICE_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  ANSWER_SERVICE_MAX_QUEUED: z.coerce.number().int().min(0).max(100_000).default(200),
  ANSWER_SERVICE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be postgres://user:password@host:port/database (or postgresql://…); unset keeps the state in SQLite under DATA_DIR')
      .optional(),
  ),
  VECTOR_STORE: z.enum(['hnswlib', 'pgvector']).default('hnswlib'),
  VECTOR_DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(postgres(ql)?:\/\/|pglite:)/, 'must be postgres://…, postgresql://… or pglite:memory / pglite:/a/folder')
      .optional(),
  ),
  INSIGHTS: booleanFlag.default(true),
  INSIGHTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  INSIGHTS_SALT: optionalText.pipe(z.string().min(16, 'must be at least 16 characters (a long random string)').optional()),
  HELPER_ROLE_ID: optionalText.pipe(z.string().regex(/^\d{15,22}$/, 'must be a role id (a number)').optional()),
  DASHBOARD_PORT: optionalText.pipe(z.string().regex(/^\d{1,5}$/, 'must be a port number (1-65535, or 0 for any free port)').transform(Number).pipe(z.number().max(65_535)).optional()),
  DASHBOARD_HOST: z.string().trim().min(1).default('127.0.0.1'),
  DASHBOARD_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters (a long random string)').optional()),
});

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
  embeddingDtype: z.infer<typeof schema>['EMBEDDING_DTYPE'];
  allowRemoteModels: boolean;
  /** The embedding model reads every language (not only English): its cosines count for all passages. */
  embeddingMultilingual: boolean;
  /** ONNX Runtime intra-op threads for index builds in the embedding worker; undefined lets the runtime decide (one per core). */
  embeddingThreads: number | undefined;
  /** ONNX Runtime intra-op threads for questions; undefined: every core but the main thread's. */
  embeddingQueryThreads: number | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
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
  const parsed = schema.safeParse(env);
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
