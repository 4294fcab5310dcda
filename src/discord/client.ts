// The discord.js client: intents, partials and defaults.
import { Client, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';
import { routeInteractionsApart } from './interaction-rest.js';
import { noMentionsInReplies } from './send.js';

/**
 * Guilds, GuildMessages, DirectMessages, plus MessageContent only when ANSWER_CHANNEL_IDS is set or
 * REPLY_MODE=thread: MessageContent is a privileged intent (it must be enabled in the Developer
 * Portal, and needs review for bots in 100+ servers). Messages that mention the bot and DMs carry
 * their content without it, so mentions, DMs and replies that ping the bot work either way; only
 * unmentioned posts in answer channels and follow-ups in the bot's answer threads need it.
 */
export function gatewayIntents(config: Config): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.discord.answerChannelIds.length > 0 || config.discord.replyMode === 'thread') intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export interface ClientSetup {
  /**
   * Interaction responses on their own REST instance without discord.js's client-side global
   * limit (interaction-rest.ts). Default true; false puts every request behind the one limiter,
   * as before (the benchmark measures both).
   */
  interactionsApart?: boolean;
}

export function createClient(config: Config, overrides: Partial<ClientOptions> = {}, setup: ClientSetup = {}): Client {
  const client = new Client({
    ...overrides,
    intents: gatewayIntents(config),
    // DM channels are not cached before their first message arrives.
    partials: [Partials.Channel],
    // A default for anything sent outside send.ts, which sets it explicitly on every payload.
    allowedMentions: noMentionsInReplies,
    rest: { ...overrides.rest, ...(config.discord.apiBase ? { api: config.discord.apiBase } : {}) },
  });
  if (setup.interactionsApart ?? true) routeInteractionsApart(client);
  return client;
}
