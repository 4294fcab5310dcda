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

export interface CliOptions {
  /** Printed for --help / -h (on stdout, exit 0) and after an argument node:util's parseArgs rejects. */
  usage?: string;
  /** Exit code for a user-fixable error (default 1). */
  userErrorExitCode?: number;
}

/** node:util's parseArgs rejects an unknown option, a missing value or a stray positional with these codes. */
function isArgumentError(error: unknown): error is Error {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Runs `main`, turning user-fixable errors into one line on stderr and exit code 1 (or
 * `userErrorExitCode`). A wrong argument is such an error too: parseArgs's message keeps only its
 * first sentence (the rest is advice about positionals starting with "-"), followed by the usage.
 */
export function runCli(main: () => Promise<void>, options: CliOptions = {}): void {
  const { usage, userErrorExitCode = 1 } = options;
  if (usage && process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    console.log(usage);
    return;
  }
  process.on('unhandledRejection', (reason) => {
    console.error('Unhandled rejection:', reason instanceof Error ? reason.message : reason);
  });
  main().catch((error: unknown) => {
    const userMessage = isArgumentError(error) ? [firstSentence(error.message), usage].filter(Boolean).join('\n') : describeUserError(error);
    if (userMessage) {
      console.error(userMessage);
      process.exitCode = userErrorExitCode;
    } else {
      console.error(`footnote: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  });
}

function firstSentence(message: string): string {
  const end = message.search(/\.\s/);
  return end > 0 ? message.slice(0, end + 1) : message;
}

/** Wrong command-line arguments. */
export class UsageError extends UserError<'usage'> {
  override name = 'UsageError';

  constructor(message: string) {
    super('usage', { message });
  }
}
