// Shared start-up for command-line entry points: .env, validated config, logger, and one
// clear message (no stack trace) for problems a user can fix.
import 'dotenv/config';
import { type Config, loadConfig } from '../config.js';
import { describeUserError, UserError } from '../core/errors.js';
import { createLogger, type Logger } from '../log.js';

export interface Runtime {
  config: Config;
  logger: Logger;
}

export function bootstrap(overrides: Partial<NodeJS.ProcessEnv> = {}): Runtime {
  const config = loadConfig({ ...process.env, ...overrides });
  const logger = createLogger(config.logLevel);
  return { config, logger };
}

/** Runs `main`, turning user-fixable errors into one line on stderr and exit code 1 (or `userErrorExitCode`). */
export function runCli(main: () => Promise<void>, userErrorExitCode = 1): void {
  process.on('unhandledRejection', (reason) => {
    console.error('Unhandled rejection:', reason instanceof Error ? reason.message : reason);
  });
  main().catch((error: unknown) => {
    const userMessage = describeUserError(error);
    if (userMessage) {
      console.error(userMessage);
      process.exitCode = userErrorExitCode;
    } else {
      console.error(`footnote: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  });
}

/** Wrong command-line arguments. */
export class UsageError extends UserError<'usage'> {
  override name = 'UsageError';

  constructor(message: string) {
    super('usage', { message });
  }
}
