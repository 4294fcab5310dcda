// Starting and stopping the Discord bot.
import { Events, type Client, type ClientOptions } from 'discord.js';
import { ConfigError, type Config } from '../config.js';
import type { AnswerEngine } from '../core/types.js';
import type { Logger } from '../log.js';
import { createClient } from './client.js';
import { createBotContext, type BotContext } from './context.js';
import { logClientDiagnostics } from './events/diagnostics.js';
import { createInteractionHandler } from './events/interaction-create.js';
import { createMessageHandler } from './events/message-create.js';

export interface BotOptions {
  /** Extra discord.js client options (tests shorten REST retries and timeouts). */
  clientOptions?: Partial<ClientOptions>;
  /** Where 👍/👎 are appended; default `<dataDir>/feedback.jsonl`. */
  feedbackFile?: string;
  /** How long to wait for the gateway's READY before giving up. */
  readyTimeoutMs?: number;
  now?: () => number;
}

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  stop(): Promise<void>;
}

const defaultReadyTimeoutMs = 60_000;

function waitForReady(client: Client, timeoutMs: number): Promise<Client<true>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Discord did not report ready within ${timeoutMs / 1000} s`)), timeoutMs);
    client.once(Events.ClientReady, (ready) => {
      clearTimeout(timer);
      resolve(ready);
    });
  });
}

/** Logs in, answers until `stop()`; resolves once the gateway is ready. */
export async function startBot(config: Config, engine: AnswerEngine, logger: Logger, options: BotOptions = {}): Promise<RunningBot> {
  const token = config.discord.token;
  if (!token) throw new ConfigError('DISCORD_TOKEN is not set: the bot needs its token from the Discord Developer Portal (Bot → Reset Token).');
  const client = createClient(config, options.clientOptions);
  const context = createBotContext(config, engine, logger, { feedbackFile: options.feedbackFile, now: options.now });
  logClientDiagnostics(client, logger);
  const onInteraction = createInteractionHandler(context);
  const onMessage = createMessageHandler(context);
  // Handlers contain their own failures; the catch is for bugs in that containment.
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((error: unknown) => logger.error({ err: error }, 'interaction handler crashed'));
  });
  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) => logger.error({ err: error }, 'message handler crashed'));
  });
  const ready = waitForReady(client, options.readyTimeoutMs ?? defaultReadyTimeoutMs);
  try {
    await client.login(token);
    const readyClient = await ready;
    return {
      client: readyClient,
      context,
      stop: async () => {
        client.removeAllListeners();
        await client.destroy();
      },
    };
  } catch (error) {
    ready.catch(() => undefined);
    await client.destroy();
    throw error;
  }
}
