// Gateway close codes after which discord.js stops reconnecting: the bot is offline until an
// operator fixes something, so say what.
import { GatewayCloseCodes } from 'discord.js';

const explanations: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]: 'Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal (Bot → Reset Token).',
  [GatewayCloseCodes.DisallowedIntents]:
    'Discord refused the Message Content intent, which ANSWER_CHANNEL_IDS needs: enable it in the Developer Portal (Bot → Privileged Gateway Intents), or leave ANSWER_CHANNEL_IDS empty (mentions and DMs work without it).',
  [GatewayCloseCodes.InvalidIntents]: 'Discord rejected the gateway intents the bot asked for.',
  [GatewayCloseCodes.InvalidShard]: 'Discord rejected the shard settings.',
  [GatewayCloseCodes.ShardingRequired]: 'The bot is in too many servers for one connection: it needs sharding.',
  [GatewayCloseCodes.InvalidAPIVersion]: 'Discord no longer accepts this gateway version: update discord.js.',
};

/** Why the gateway will not come back after closing with `code`; undefined when discord.js reconnects by itself. */
export function explainFatalGatewayClose(code: number): string | undefined {
  return explanations[code];
}
