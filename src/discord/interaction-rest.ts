// Two rate limiters for one bot, chosen per request. Discord counts a bot's requests against a
// global limit (50 requests/s), but not those on interaction endpoints: the callback
// (`POST /interactions/{id}/{token}/callback`) and the interaction's webhook (`PATCH/POST/DELETE
// /webhooks/{application id}/{token}…`, i.e. editing a deferred reply and follow-ups). discord.js's
// REST client exempts the callback but applies its own 50/s global limiter to the webhook edits,
// which under load (hundreds of deferred answers at once) queued the answers behind it.
//
// So interaction routes go to a second @discordjs/rest instance with the same options except the
// client-side global limit, which is off. Everything Discord actually enforces still holds there:
// per-route buckets from `X-RateLimit-*` headers (one SequentialHandler per interaction token), a
// 429 waits `retry_after` and retries (a global 429 from Discord pauses that instance too), 5xx and
// dropped connections are retried as configured. Every other route (channel messages, threads,
// commands) keeps the ordinary client with its global limiter. Sending itself still happens in
// send.ts through discord.js's own interaction methods, so interaction state stays theirs.
import { type Client, type InternalRequest, REST, type RESTOptions, RESTEvents, type ResponseLike } from 'discord.js';

/** The application's interaction routes (callback, or its webhook with an interaction token). */
export function isInteractionRoute(fullRoute: string, applicationId: string | undefined): boolean {
  if (fullRoute.startsWith('/interactions/') && fullRoute.endsWith('/callback')) return true;
  return applicationId !== undefined && fullRoute.startsWith(`/webhooks/${applicationId}/`);
}

/** Events of the interaction instance re-emitted on the ordinary one, so listeners see both. */
const FORWARDED_EVENTS = [RESTEvents.RateLimited, RESTEvents.Response, RESTEvents.InvalidRequestWarning, RESTEvents.Debug] as const;

export class InteractionAwareRest extends REST {
  /** The instance interaction routes go through: client-side global limit off. */
  readonly interactions: REST;

  constructor(
    options: Partial<RESTOptions>,
    private readonly applicationId: () => string | undefined,
  ) {
    super(options);
    this.interactions = new REST({ ...options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
    for (const event of FORWARDED_EVENTS) {
      this.interactions.on(event, (...args: unknown[]) => (this.emit as (name: string, ...rest: unknown[]) => boolean)(event, ...args));
    }
  }

  override setToken(token: string): this {
    super.setToken(token);
    // Interaction routes send no Authorization header, but other requests on them might one day.
    this.interactions.setToken(token);
    return this;
  }

  override queueRequest(request: InternalRequest): Promise<ResponseLike> {
    if (isInteractionRoute(request.fullRoute, this.applicationId())) return this.interactions.queueRequest(request);
    return super.queueRequest(request);
  }

  override clearHashSweeper(): void {
    super.clearHashSweeper();
    this.interactions.clearHashSweeper();
  }

  override clearHandlerSweeper(): void {
    super.clearHandlerSweeper();
    this.interactions.clearHandlerSweeper();
  }
}

/** Replaces the client's REST instance (before log-in) with one that routes interaction requests apart. */
export function routeInteractionsApart(client: Client): void {
  const plain = client.rest;
  plain.clearHashSweeper();
  plain.clearHandlerSweeper();
  client.rest = new InteractionAwareRest(client.options.rest ?? {}, () => client.application?.id);
}
