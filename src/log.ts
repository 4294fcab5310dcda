// One pino logger for the whole process. Secrets are redacted by path, so a token that ends up
// in a logged object never reaches the output.
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'token',
  '*.token',
  'config.discord.token',
  'discord.token',
  'headers.authorization',
  '*.headers.authorization',
  'Authorization',
  // A postgres:// URL may carry a password.
  'databaseUrl',
  '*.databaseUrl',
  'config.vectorStore.databaseUrl',
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/** Default logger; entry points may replace its level from validated config. */
export const logger = createLogger();
