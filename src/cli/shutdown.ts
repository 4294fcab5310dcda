// SIGTERM and SIGINT for `npm start`, from its first moment to its exit: main.ts installs the
// handlers before it even loads the rest of the program.
//
// During start-up (model, index build, warm-up, log-in) a signal stops the start-up: one line,
// the engine closed if it is open and idle, exit 0. An index build in progress is abandoned, which
// is safe: a generation is only ever swapped in whole, and the build lock is released as the
// process exits (core/store/build-lock.ts).
// Once the bot is online: stop taking questions, finish those in flight (bounded by
// SHUTDOWN_TIMEOUT_SECONDS), disconnect, close the engine, exit 0 (1 when answers were abandoned
// or closing failed). In both phases a second signal, or a stop that hangs, exits at once.
import type { Config } from '../config.js';
import type { CorpusWatcher } from '../core/watch/corpus-watcher.js';
import type { RunningBot } from '../discord/bot.js';
import type { Logger } from '../log.js';

/** How long an interrupted start-up waits for the engine to close. */
const STARTUP_CLOSE_TIMEOUT_MS = 5000;

/** The engine, local or the answer service's client: whatever must be closed last. */
interface Closable {
  close(): Promise<void>;
  /** True while an index rebuild runs (a local engine; the answer service's client has none). */
  readonly rebuilding?: boolean;
}

interface Online {
  bot: RunningBot;
  engine: Closable;
  config: Config;
}

/** A process whose own stop decides the exit code (the sharding manager). */
interface Supervisor {
  stop(): Promise<number>;
  timeoutMs: number;
}

class ProcessSignals {
  /** True from the first signal on. */
  stopping = false;
  private logger: Logger | undefined;
  private idleEngine: Closable | undefined;
  private watcher: CorpusWatcher | undefined;
  private online: Online | undefined;
  private supervisor: Supervisor | undefined;
  private readonly listener = (signal: NodeJS.Signals) => this.receive(signal);

  constructor() {
    process.on('SIGINT', this.listener);
    process.on('SIGTERM', this.listener);
  }

  /** Where signal messages go (until then, stderr). */
  logTo(logger: Logger): void {
    this.logger = logger;
  }

  /** The engine is open and idle: an interrupted start-up closes it before exiting. */
  closeOnStop(engine: Closable): void {
    this.idleEngine = engine;
  }

  /** The corpus watcher runs: every stop ends it first, so no rebuild starts while stopping. */
  stopWatcher(watcher: CorpusWatcher): void {
    this.watcher = watcher;
  }

  /** Start-up is over and the bot is online: a signal now drains, then stops. */
  botOnline(bot: RunningBot, engine: Closable, config: Config): void {
    this.online = { bot, engine, config };
  }

  /** The sharding manager is up: a signal now runs its stop (shards drain, then the service closes). */
  supervising(supervisor: Supervisor): void {
    this.supervisor = supervisor;
  }

  /** Terminal mode: Ctrl+C and SIGTERM go back to Node's defaults and the prompt. */
  release(): void {
    process.off('SIGINT', this.listener);
    process.off('SIGTERM', this.listener);
  }

  private receive(signal: NodeJS.Signals): void {
    if (this.stopping) {
      this.log('warn', `${signal} received again: exiting without waiting`);
      process.exit(1);
    } else {
      this.stopping = true;
      if (this.online) this.drainAndExit(signal, this.online);
      else if (this.supervisor) {
        this.log('info', `${signal} received, stopping the shards and the answer service`);
        this.exitAfter(this.supervisor.stop(), this.supervisor.timeoutMs);
      } else this.stopStartup(signal);
    }
  }

  private stopStartup(signal: NodeJS.Signals): void {
    this.log('info', `${signal} received during start-up: stopping before the bot went online`);
    const engine = this.idleEngine;
    const watcher = this.watcher;
    if (engine || watcher) this.exitAfter(Promise.all([watcher?.close(), engine && this.closeUnlessRebuilding(engine)]).then(() => 0), STARTUP_CLOSE_TIMEOUT_MS);
    else process.exit(0);
  }

  /**
   * Closes the engine, unless an index rebuild is running (the watcher's, or /reindex): that one
   * is abandoned rather than waited for. Safe: a generation only goes live whole, the build lock
   * is released as the process exits, and the next start sees the folder has changed.
   */
  private async closeUnlessRebuilding(engine: Closable): Promise<void> {
    if (engine.rebuilding) this.log('info', 'an index rebuild in flight is abandoned; the previous index stays live and the next start catches up');
    else await engine.close();
  }

  private drainAndExit(signal: NodeJS.Signals, { bot, engine, config }: Online): void {
    this.logger?.info({ inFlight: bot.context.work.stats().inFlight }, `${signal} received, shutting down`);
    const stopped = Promise.resolve(this.watcher?.close()).then(() => bot.stop()).then(async (result) => {
      await this.closeUnlessRebuilding(engine);
      this.log('info', result.drained ? 'stopped: every answer in flight was delivered' : `stopped: ${result.abandoned} answers abandoned`);
      return result.drained ? 0 : 1;
    });
    this.exitAfter(stopped, config.discord.shutdownTimeoutMs + 5000);
  }

  /** Exits with the code `done` resolves to; 1 when it fails or takes longer than `timeoutMs`. */
  private exitAfter(done: Promise<number>, timeoutMs: number): void {
    const timer = setTimeout(() => {
      this.log('error', 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    void done
      .then((code) => {
        process.exitCode = code;
      })
      .catch((error: unknown) => {
        this.logger?.error({ err: error }, 'error during shutdown');
        process.exitCode = 1;
      })
      .finally(() => {
        clearTimeout(timer);
        process.exit();
      });
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    if (this.logger) this.logger[level](message);
    else console.error(message);
  }
}

/** Installs the SIGTERM/SIGINT handlers (once per process). */
export function handleSignals(): ProcessSignals {
  return new ProcessSignals();
}
