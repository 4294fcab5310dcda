/**
 * Loopback Discord: a Discord-compatible HTTP + WebSocket server on 127.0.0.1 (random port) that
 * the real discord.js v14 client connects to, so the bot can be tested end to end offline.
 *
 * What it emulates
 * - REST v10 under `/api/v10` (rest.ts): gateway info, users/@me, applications/@me, command
 *   registration (global + guild; PUT/POST/GET/PATCH/DELETE), interaction callbacks (types 4-9,
 *   `?with_response=true`), interaction webhooks (@original GET/PATCH/DELETE, follow-ups), channel
 *   messages (create/list/get/edit/delete, replies, attachments via multipart + payload_json),
 *   reactions, typing, threads (from a message, standalone, forum posts with tags), DM channels,
 *   guild/channel/role/member fetches; attachments users upload with slash commands
 *   (attachments.ts: `data.resolved.attachments`, bytes served at the attachment's url, with
 *   faults). Bot routes require `Authorization: Bot <token>` (401
 *   otherwise); interaction/webhook routes are unauthenticated, as on Discord. Unknown routes
 *   answer 404 `{ message, code: 0 }` and land in `unhandledRequests`.
 * - Discord semantics that catch real bugs: the 3 s acknowledgement deadline (10062), double
 *   acknowledgement (40060), follow-ups before acknowledging (10015), permission checks from
 *   roles and channel overwrites (50001/50013), message/embed/component/choice/command limits
 *   (50035 Invalid Form Body with Discord's nested `errors`), empty messages (50006),
 *   `allowed_mentions` (the stored message's `mentions` only contain pings Discord would make),
 *   the first follow-up after a deferred reply replacing the "thinking..." message, ephemeral
 *   messages invisible to channel routes, and the bot's own messages echoed back as
 *   MESSAGE_CREATE/UPDATE/DELETE over the gateway (turn off with `echoBotMessages: false`).
 * - Gateway (gateway.ts): HELLO/IDENTIFY/READY/GUILD_CREATE, heartbeats, RESUME with replay,
 *   INVALID_SESSION, RECONNECT, close codes, intent filtering and MESSAGE_CONTENT blanking,
 *   `encoding=json` with optional `compress=zlib-stream`. discord.js 14.28 without `zlib-sync`
 *   installed asks for `?v=10&encoding=json` with no compression, which is the default path here:
 *   the bot needs no option other than the REST API base.
 * - Fault injection (`failNext`): 429 with `Retry-After`/`X-RateLimit-*` (incl. Global/Scope),
 *   5xx, Discord error codes, delays, dropped connections.
 *
 * Limits
 * - Sharding by guild (`shards` option), JSON encoding only (no ETF), no voice, presences, audit logs, webhooks other
 *   than interaction webhooks, invites, emojis/stickers, polls, scheduled events, OAuth2.
 * - No real rate limiting: responses carry no `X-RateLimit-*` headers unless a fault says so.
 * - Validation covers the limits listed in validation.ts, not Discord's whole schema.
 *   Components V2 are stored but not validated.
 * - Gateway sessions never time out; the server does not close sockets for missed heartbeats.
 * - discord.js waits 5 s between two IDENTIFYs of the same client (SimpleIdentifyThrottler),
 *   so tests that force a re-identify (non-resumable close, invalid session) take ~5-6.5 s
 *   unless the client is built with `ws: { buildIdentifyThrottler: noIdentifyThrottle }`.
 *
 * Usage
 *   const discord = await startLoopbackDiscord({ heartbeatIntervalMs: 250 });
 *   const client = new Client({ intents, partials, rest: { api: discord.apiBase } });
 *   await client.login(LOOPBACK_TOKEN);
 *   discord.dispatch('INTERACTION_CREATE', discord.slashCommand({ name: 'ask', options: { question: 'hi' } }));
 *   await discord.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageFlags } from 'discord.js';
import type { APIApplicationCommand, APIAttachment, APIChannel, APIInteraction, APIMessage, InteractionResponseType } from 'discord.js';
import { AttachmentHost } from './attachments.js';
import type { AttachmentDownload, AttachmentOptions } from './attachments.js';
import { BOT_USER, DEFAULT_BOT_PERMISSIONS, INTERACTION_ROUTES, LOOPBACK_TOKEN } from './constants.js';
import { Gateway } from './gateway.js';
import type { GatewayLogEntry } from './gateway.js';
import * as payloads from './payloads.js';
import type {
  AutocompleteOptions,
  ComponentOptions,
  ModalSubmitOptions,
  SlashCommandOptions,
  UserMessageOptions,
} from './payloads.js';
import { RestApi } from './rest.js';
import type { FaultHandle, FaultSpec, RecordedRequest } from './rest.js';
import { isRecord } from './validation.js';
import { World, defaultGuild } from './world.js';
import type { GuildCreatePayload } from './world.js';

export interface LoopbackDiscordOptions {
  /** Bot token the server accepts (default LOOPBACK_TOKEN). */
  token?: string;
  /** HELLO heartbeat_interval in ms (Discord: 41250). Use ~250 in tests for quick zombie detection. */
  heartbeatIntervalMs?: number;
  /** Acknowledgement deadline for interactions, from dispatch (default 3000 like Discord; 0 disables). */
  interactionDeadlineMs?: number;
  /** Echo the bot's own messages as MESSAGE_CREATE/UPDATE/DELETE over the gateway (default true). */
  echoBotMessages?: boolean;
  /** Permissions of the bot's managed role in the default guild (default DEFAULT_BOT_PERMISSIONS). */
  botPermissions?: bigint;
  /** Replace the default guild (see `defaultGuild()` to start from it). */
  guilds?: GuildCreatePayload[];
  /** Added to every REST response (ms). */
  latencyMs?: number;
  /**
   * Shards the bot must use (default 1): GET /gateway/bot recommends this many, IDENTIFY must
   * carry `[i, shards]`, and each guild's events go to shard `(guild_id >> 22) % shards` (DMs to 0).
   */
  shards?: number;
}

export interface WaitOptions {
  /** Default 2000 ms. */
  timeoutMs?: number;
  /** Only consider entries with `index >= fromIndex` (default 0: past entries count too). */
  fromIndex?: number;
}

export interface InteractionState {
  /** The interaction as dispatched. */
  payload: APIInteraction;
  acknowledged: boolean;
  /** Callback type of the accepted initial response (4 reply, 5 defer, 6 deferred update, 7 update, 8 choices, 9 modal). */
  responseType: InteractionResponseType | null;
  /** Body of the accepted initial callback. */
  callbackBody: unknown;
  /** Current state of `@original` (reply / deferred reply / the component's message), if any. */
  original: APIMessage | null;
  followUps: APIMessage[];
  /** Every REST request made with this interaction's token (including rejected ones), in order. */
  requests: RecordedRequest[];
}

/**
 * A discord.js `buildIdentifyThrottler` that never waits (pass as `ws: { buildIdentifyThrottler: noIdentifyThrottle }`
 * to make re-identify tests fast).
 */
export const noIdentifyThrottle = async (): Promise<{ waitForIdentify(): Promise<void> }> => ({
  async waitForIdentify() {
    /* no throttling against the loopback server */
  },
});

type Listener = () => void;

export class LoopbackDiscord {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT/api`: pass as `rest: { api }` (discord.js appends `/v10`). */
  readonly apiBase: string;
  /** `ws://127.0.0.1:PORT` (what GET /gateway/bot returns). */
  readonly gatewayUrl: string;
  readonly token: string;
  /** The server's state (guilds, channels, messages, commands, interactions). Mutate with care. */
  readonly world: World;
  private readonly rest: RestApi;
  private readonly gateway: Gateway;
  private readonly attachmentHost: AttachmentHost;
  private readonly pending = new Set<{ reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private closed = false;

  /** @internal use startLoopbackDiscord() */
  constructor(
    private readonly server: http.Server,
    options: Required<Omit<LoopbackDiscordOptions, 'guilds' | 'botPermissions'>> & { guilds: GuildCreatePayload[] },
  ) {
    const addr = server.address() as AddressInfo;
    this.port = addr.port;
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    this.apiBase = `${this.baseUrl}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${this.port}`;
    this.token = options.token;
    this.world = new World(options.guilds);
    this.gateway = new Gateway(server, {
      token: options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      world: this.world,
      botUser: BOT_USER,
      url: () => this.gatewayUrl,
      shards: options.shards,
    });
    this.rest = new RestApi({
      token: options.token,
      world: this.world,
      gateway: this.gateway,
      gatewayUrl: () => this.gatewayUrl,
      interactionDeadlineMs: options.interactionDeadlineMs,
      echoBotMessages: options.echoBotMessages,
      latencyMs: options.latencyMs,
      shards: options.shards,
    });
    this.attachmentHost = new AttachmentHost(this.world, () => this.baseUrl);
    server.on('request', (req, res) => {
      if (this.attachmentHost.handles(req)) {
        this.attachmentHost.serve(req, res);
        return;
      }
      this.rest.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `loopback crash: ${String(err)}`, code: 0 }));
      });
    });
  }

  /** Options to spread into `new Client({...})` / `new REST(...)`: `{ rest: { api: apiBase } }`. */
  clientOptions(): { rest: { api: string } } {
    return { rest: { api: this.apiBase } };
  }

  // ---------------------------------------------------------------------------------------------
  // Recording

  /** Every REST request answered, in order (see RecordedRequest). */
  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  /** Requests that matched no route (answered 404). A bot test should usually expect this to be empty. */
  get unhandledRequests(): readonly RecordedRequest[] {
    return this.rest.unhandled;
  }

  /** Every gateway frame in both directions plus socket open/close events. */
  get gatewayLog(): readonly GatewayLogEntry[] {
    return this.gateway.log;
  }

  /** Number of open gateway sockets. */
  get openGatewayConnections(): number {
    return this.gateway.openConnections;
  }

  /** Waits for a recorded REST request matching `predicate` (past ones count unless `fromIndex`). */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, opts: number | WaitOptions = {}): Promise<RecordedRequest> {
    const o = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    return this.waitFor(
      () => this.rest.requests,
      (fn) => this.rest.onRecord(fn),
      predicate,
      o,
      () => `recent requests:\n${describeRequests(this.rest.requests.slice(-15))}`,
      'REST request',
    );
  }

  /** Waits for a gateway log entry matching `predicate` (e.g. `e => e.t === 'RESUMED'`). */
  waitForGateway(predicate: (e: GatewayLogEntry) => boolean, opts: number | WaitOptions = {}): Promise<GatewayLogEntry> {
    const o = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    return this.waitFor(
      () => this.gateway.log,
      (fn) => this.gateway.onLog(fn),
      predicate,
      o,
      () =>
        `recent gateway frames:\n${this.gateway.log
          .slice(-15)
          .map((e) => `  #${e.index} conn${e.connection} ${e.direction} op=${String(e.op)}${e.t ? ` ${e.t}` : ''}${e.s ? ` s=${e.s}` : ''}${e.info ? ` ${e.info}` : ''}${e.code ? ` code=${e.code}` : ''}`)
          .join('\n')}`,
      'gateway entry',
    );
  }

  /** Waits for the accepted (2xx) initial callback of an interaction. */
  waitForInteractionResponse(interactionId: string, timeoutMs = 2000): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.interactionId === interactionId && r.route === INTERACTION_ROUTES.callback && r.status < 300,
      timeoutMs,
    );
  }

  /** The callback, webhook edits/fetches/deletes and follow-ups made with one interaction's token, in order. */
  interactionResponses(interactionId: string): RecordedRequest[] {
    return this.rest.requests.filter((r) => r.interactionId === interactionId);
  }

  /** What the user sees for an interaction: acknowledgement, current @original, follow-ups. */
  interactionState(interactionId: string): InteractionState {
    const i = this.world.interactions.get(interactionId);
    if (!i) throw new Error(`loopback: unknown interaction ${interactionId}`);
    return {
      payload: i.payload,
      acknowledged: i.ack !== null,
      responseType: i.ack?.type ?? null,
      callbackBody: i.ack?.body,
      original: i.originalMessageId ? (this.world.messages.get(i.originalMessageId) ?? null) : null,
      followUps: i.followUpIds.map((id) => this.world.messages.get(id)).filter((m): m is APIMessage => m !== undefined),
      requests: this.interactionResponses(interactionId),
    };
  }

  /** Messages stored for a channel in creation order (bot's and dispatched users'; includes ephemeral ones, see `flags`). */
  channelMessages(channelId: string): APIMessage[] {
    return this.world.channelMessages(channelId);
  }

  /** Messages the bot posted in a channel, excluding ephemeral ones. */
  botMessages(channelId: string): APIMessage[] {
    return this.channelMessages(channelId).filter(
      (m) => m.author.id === BOT_USER.id && ((m.flags ?? 0) & MessageFlags.Ephemeral) === 0,
    );
  }

  getMessage(id: string): APIMessage | undefined {
    return this.world.messages.get(id);
  }

  getChannel(id: string): APIChannel | undefined {
    return this.world.channels.get(id);
  }

  /** Registered application commands: global (no argument) or for one guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.world.commandsFor(guildId ?? null);
  }

  // ---------------------------------------------------------------------------------------------
  // Attachments

  /**
   * A file a user uploads with a slash command: pass its id as the attachment option's value
   * (`options: { file: attachment.id }`); its bytes are served at `attachment.url`.
   */
  addAttachment(options: AttachmentOptions): APIAttachment {
    return this.attachmentHost.add(options);
  }

  /** Every request for an attachment's bytes, in order. */
  get attachmentDownloads(): readonly AttachmentDownload[] {
    return this.attachmentHost.downloads;
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  /** Makes the next matching REST request(s) fail; see FaultSpec. */
  failNext(spec: FaultSpec): FaultHandle {
    return this.rest.failNext(spec);
  }

  clearFaults(): void {
    this.rest.clearFaults();
  }

  // ---------------------------------------------------------------------------------------------
  // Gateway control

  /**
   * Sends a dispatch (op 0) to every live gateway session whose intents allow it; buffered for
   * replay when the session is disconnected. INTERACTION_CREATE starts the interaction's
   * acknowledgement deadline; MESSAGE_CREATE payloads not built by `message()` are stored.
   * Returns the number of sessions it was queued for. Throws when no client ever identified.
   */
  dispatch(event: string, data: unknown): number {
    if (this.gateway.liveSessions().length === 0) {
      throw new Error(`loopback: dispatch(${event}) with no gateway session; log a client in first`);
    }
    if (event === 'INTERACTION_CREATE' && isRecord(data) && typeof data.id === 'string') {
      const i = this.world.interactions.get(data.id);
      if (i) i.dispatchedAt = Date.now();
    }
    if (event === 'MESSAGE_CREATE' && isRecord(data) && typeof data.id === 'string' && typeof data.channel_id === 'string' && !this.world.messages.has(data.id)) {
      const { guild_id: _g, member: _m, ...msg } = data;
      this.world.storeMessage(msg as unknown as APIMessage);
    }
    return this.gateway.dispatch(event, data);
  }

  /**
   * Closes every gateway socket with `code` (default 4000, resumable: discord.js resumes on
   * `resume_gateway_url`). Codes 1000/1001/4004/4007/4009/4010-4014 also drop the session (the
   * client must re-identify) unless `invalidateSession` says otherwise. Resolves once closed.
   */
  closeGateway(code = 4000, opts: { invalidateSession?: boolean; reason?: string } = {}): Promise<void> {
    return this.gateway.closeAll(code, opts);
  }

  /** Kills the gateway TCP connections without a close frame (client sees 1006 and resumes). */
  terminateGateway(): Promise<void> {
    return this.gateway.closeAll(1006, { terminate: true, invalidateSession: false });
  }

  /** Stop answering heartbeats with op 11 (zombie connection: discord.js reconnects and resumes). */
  stopHeartbeatAcks(): void {
    this.gateway.heartbeatAcks = false;
  }

  resumeHeartbeatAcks(): void {
    this.gateway.heartbeatAcks = true;
  }

  /** op 9 INVALID_SESSION to connected clients; `resumable: false` (default) forces a re-identify. */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  /** op 7 RECONNECT to connected clients. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** op 1 from the server (client must heartbeat immediately). */
  requestHeartbeat(): void {
    this.gateway.requestHeartbeat();
  }

  // ---------------------------------------------------------------------------------------------
  // Payload factories (also register the interaction / store the message server-side)

  /** CHAT_INPUT command interaction (type 2, data.type 1). Dispatch it with `dispatch('INTERACTION_CREATE', p)`. */
  slashCommand(opts: SlashCommandOptions): ReturnType<typeof payloads.slashCommand> {
    return payloads.slashCommand(this.world, opts);
  }

  /** APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4). */
  autocomplete(opts: AutocompleteOptions): ReturnType<typeof payloads.autocomplete> {
    return payloads.autocomplete(this.world, opts);
  }

  /** Button click (type 3, component_type 2) on a stored message. */
  button(opts: ComponentOptions): ReturnType<typeof payloads.button> {
    return payloads.button(this.world, opts);
  }

  /** String select (type 3, component_type 3) on a stored message. */
  stringSelect(opts: ComponentOptions & { values: string[] }): ReturnType<typeof payloads.stringSelect> {
    return payloads.stringSelect(this.world, opts);
  }

  /** Modal submit (type 5) with text input values by custom_id. */
  modalSubmit(opts: ModalSubmitOptions): ReturnType<typeof payloads.modalSubmit> {
    return payloads.modalSubmit(this.world, opts);
  }

  /** MESSAGE_CREATE data for a human's message (guild by default, or `dm: true`). */
  message(opts: UserMessageOptions): ReturnType<typeof payloads.userMessage> {
    return payloads.userMessage(this.world, opts);
  }

  /** Shorthands: build, dispatch, return the payload. */
  sendSlashCommand(opts: SlashCommandOptions): ReturnType<typeof payloads.slashCommand> {
    const p = this.slashCommand(opts);
    this.dispatch('INTERACTION_CREATE', p);
    return p;
  }

  sendMessage(opts: UserMessageOptions): ReturnType<typeof payloads.userMessage> {
    const p = this.message(opts);
    this.dispatch('MESSAGE_CREATE', p);
    return p;
  }

  // ---------------------------------------------------------------------------------------------

  /** Closes every socket and the HTTP server; pending waits reject. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error('loopback server closed'));
    }
    this.pending.clear();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private waitFor<T extends { index: number }>(
    list: () => readonly T[],
    subscribe: (fn: Listener) => () => void,
    predicate: (e: T) => boolean,
    opts: WaitOptions,
    describe: () => string,
    what: string,
  ): Promise<T> {
    const from = opts.fromIndex ?? 0;
    const timeoutMs = opts.timeoutMs ?? 2000;
    const found = list().find((e) => e.index >= from && predicate(e));
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      let scanned = list().length;
      const entry = {
        reject: (e: Error) => {
          unsubscribe();
          reject(e);
        },
        timer: setTimeout(() => {
          unsubscribe();
          this.pending.delete(entry);
          reject(new Error(`loopback: no ${what} matched within ${timeoutMs} ms; ${describe()}`));
        }, timeoutMs),
      };
      const unsubscribe = subscribe(() => {
        const all = list();
        for (; scanned < all.length; scanned++) {
          const e = all[scanned];
          if (e && e.index >= from && predicate(e)) {
            clearTimeout(entry.timer);
            this.pending.delete(entry);
            unsubscribe();
            resolve(e);
            return;
          }
        }
      });
      this.pending.add(entry);
    });
  }
}

function describeRequests(list: readonly RecordedRequest[]): string {
  if (list.length === 0) return '  (none)';
  return list
    .map((r) => `  #${r.index} ${r.method} ${r.path} → ${r.status}${r.faulted ? ' (fault)' : ''}${r.route ? '' : ' (unknown route)'}`)
    .join('\n');
}

/** Starts the server on 127.0.0.1 with a random port. */
export async function startLoopbackDiscord(options: LoopbackDiscordOptions = {}): Promise<LoopbackDiscord> {
  const server = http.createServer();
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const botPermissions = options.botPermissions ?? DEFAULT_BOT_PERMISSIONS;
  return new LoopbackDiscord(server, {
    token: options.token ?? LOOPBACK_TOKEN,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    echoBotMessages: options.echoBotMessages ?? true,
    latencyMs: options.latencyMs ?? 0,
    shards: options.shards ?? 1,
    guilds: options.guilds ?? [defaultGuild(botPermissions)],
  });
}
