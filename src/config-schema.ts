// The environment's variables, each with its parser, its default and its one-line error: what
// loadConfig (config.ts) validates before it builds the Config.
import { z } from 'zod';
import { scopeOfCollections } from './core/documents/collections.js';
import { maxDocumentBytes } from './core/documents/registry.js';
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

export const envSchema = z.object({
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

export type Env = z.infer<typeof envSchema>;
