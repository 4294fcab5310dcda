// Connection and rate-limit events, logged so an operator can see why the bot went quiet.
import { Events, RESTEvents, type Client } from 'discord.js';
import type { Logger } from '../../log.js';
import { explainFatalGatewayClose } from '../gateway-close.js';

export function logClientDiagnostics(client: Client, logger: Logger): void {
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, 'gateway connection error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const fatal = explainFatalGatewayClose(event.code);
    if (fatal) logger.error({ code: event.code, shardId }, `gateway closed for good: ${fatal}`);
    else logger.warn({ code: event.code, shardId }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayedEvents) => logger.info({ shardId, replayedEvents }, 'gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'rate limited by Discord'),
  );
}
