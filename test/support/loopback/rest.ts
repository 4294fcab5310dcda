/**
 * REST emulation under `/api/v10`: routing, auth, body parsing (JSON and multipart with
 * `payload_json`), fault injection, request recording, and the route handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  APIApplicationCommand,
  APIAttachment,
  APIChannel,
  APIEmbed,
  APIGuildForumChannel,
  APIMessage,
  APIMessageTopLevelComponent,
  APIThreadChannel,
} from 'discord.js';
import { APPLICATION_ID, BOT_USER, BOT_USER_ID, OWNER_USER, newSnowflake } from './constants.js';
import { APPLICATION_FLAGS } from './gateway.js';
import type { Gateway } from './gateway.js';
import { buildMessage, isoNow, resolveMentions, toGatewayMessage } from './payloads.js';
import {
  FormErrors,
  isEmptyMessage,
  isRecord,
  validateAutocompleteChoices,
  validateCommands,
  validateMessage,
  validateModal,
  validateThreadName,
} from './validation.js';
import type { DiscordErrorBody } from './validation.js';
import type { GuildCreatePayload, StoredInteraction, World } from './world.js';
import { isThreadType } from './world.js';

export interface RecordedFile {
  /** Multipart field name, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  /** Position in `requests`. */
  index: number;
  at: number;
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages` (no query). */
  path: string;
  /** Matched route template, e.g. `POST /interactions/:interaction/:token/callback`; null when unknown. */
  route: string | null;
  query: Record<string, string>;
  /** Lower-cased request headers, without `authorization`. */
  headers: Record<string, string>;
  /** Whether an Authorization header was sent, and whether it was the right bot token. */
  auth: 'none' | 'valid' | 'invalid';
  /** Parsed JSON body (or the parsed `payload_json` part of a multipart body); undefined if none. */
  body: unknown;
  files: RecordedFile[];
  /** HTTP status answered (0 when the connection was dropped by a fault). */
  status: number;
  /** JSON answered (undefined for 204). */
  response: unknown;
  /** The interaction this request belongs to (callback and webhook routes), if any. */
  interactionId: string | null;
  /** True when the answer came from `failNext`. */
  faulted: boolean;
}

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /**
   * RegExp tested against the path below /api/v10 (e.g. `/interactions\/\d+\/[^/]+\/callback/`),
   * or a string equal to the path or to the route template (`/interactions/:interaction/:token/callback`).
   */
  path: RegExp | string;
  /**
   * Status to answer (default 500, or a normal answer when only `delayMs` is given).
   * 429 gets Discord's rate-limit headers and body.
   */
  status?: number;
  /** Discord JSON error code (e.g. 10062 Unknown interaction); message filled in when known. */
  code?: number;
  message?: string;
  /** Full JSON body to answer instead of the generated one. */
  body?: unknown;
  /** For 429: seconds to wait (default 1; floats allowed, sent as-is in `Retry-After`). */
  retryAfterSeconds?: number;
  /** For 429: global rate limit (`X-RateLimit-Global: true`, scope global). */
  global?: boolean;
  /** For 429: `X-RateLimit-Scope` (default user, or global when `global`). */
  scope?: 'user' | 'shared' | 'global';
  /** How many matching requests to fail (default 1). */
  times?: number;
  /** Delay before answering (ms). Alone, it just slows the matching request(s) down. */
  delayMs?: number;
  /** Reset the TCP connection instead of answering (discord.js sees ECONNRESET and retries, up to 3 times). */
  drop?: boolean;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** Matching requests still to fail. */
  readonly remaining: number;
  /** Requests failed so far. */
  readonly hits: number;
  cancel(): void;
}

class Fault implements FaultHandle {
  remaining: number;
  hits = 0;
  constructor(readonly spec: FaultSpec) {
    this.remaining = spec.times ?? 1;
  }
  cancel(): void {
    this.remaining = 0;
  }
}

export const KNOWN_ERROR_MESSAGES: Record<number, string> = {
  0: 'General error',
  10003: 'Unknown Channel',
  10004: 'Unknown Guild',
  10007: 'Unknown Member',
  10008: 'Unknown Message',
  10013: 'Unknown User',
  10015: 'Unknown Webhook',
  10062: 'Unknown interaction',
  10063: 'Unknown application command',
  20012: 'You are not authorized to perform this action on this application',
  30007: 'Maximum number of webhooks reached (15)',
  40060: 'Interaction has already been acknowledged.',
  40067: 'A tag is required to create a forum post in this channel',
  50001: 'Missing Access',
  50005: 'Cannot edit a message authored by another user',
  50006: 'Cannot send an empty message',
  50013: 'Missing Permissions',
  50024: 'Cannot execute action on this channel type',
  50027: 'Invalid Webhook Token',
  50035: 'Invalid Form Body',
  50109: 'The request body contains invalid JSON.',
  160004: 'A thread has already been created for this message',
};

const STATUS_TEXT: Record<number, string> = {
  400: '400: Bad Request',
  401: '401: Unauthorized',
  403: '403: Forbidden',
  404: '404: Not Found',
  405: '405: Method Not Allowed',
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
  504: '504: Gateway Timeout',
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(body.message);
  }
}

function discordError(status: number, code: number, message?: string): HttpError {
  return new HttpError(status, { message: message ?? KNOWN_ERROR_MESSAGES[code] ?? STATUS_TEXT[status] ?? 'Error', code });
}

function formError(errors: FormErrors): HttpError {
  return new HttpError(400, errors.toBody());
}

interface HandlerResult {
  status: number;
  body?: unknown;
  /** Runs after the response is written (gateway echoes). */
  after?: () => void;
}

interface Ctx {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  record: RecordedRequest;
}

type Handler = (ctx: Ctx) => HandlerResult | Promise<HandlerResult>;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: Handler;
}

export interface RestOptions {
  token: string;
  world: World;
  gateway: Gateway;
  gatewayUrl: () => string;
  interactionDeadlineMs: number;
  echoBotMessages: boolean;
  latencyMs: number;
  /** What GET /gateway/bot recommends. */
  shards: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function ok(body?: unknown, after?: () => void): HandlerResult {
  return body === undefined ? { status: 204, after } : { status: 200, body, after };
}

function rec(body: unknown): Record<string, unknown> {
  return isRecord(body) ? body : {};
}

export class RestApi {
  readonly requests: RecordedRequest[] = [];
  /** Requests that matched no route (answered 404). */
  readonly unhandled: RecordedRequest[] = [];
  private faults: Fault[] = [];
  private readonly routes: Route[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly world: World;

  constructor(private readonly opts: RestOptions) {
    this.world = opts.world;
    this.defineRoutes();
  }

  onRecord(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  failNext(spec: FaultSpec): FaultHandle {
    const f = new Fault(spec);
    this.faults.push(f);
    return f;
  }

  clearFaults(): void {
    for (const f of this.faults) f.cancel();
    this.faults = [];
  }

  private route(method: string, template: string, handler: Handler, auth = true): void {
    const keys: string[] = [];
    const pattern = template
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          keys.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, template, regex: new RegExp(`^${pattern}$`), keys, auth, handler });
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => {
        params[k] = m[i + 1] ?? '';
      });
      return { route, params };
    }
    return null;
  }

  private takeFault(method: string, path: string, template: string | null): Fault | null {
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      if (f.spec.method && f.spec.method.toUpperCase() !== method) continue;
      const p = f.spec.path;
      const hit = typeof p === 'string' ? p === path || p === template : p.test(path);
      if (!hit) continue;
      f.remaining -= 1;
      f.hits += 1;
      return f;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // HTTP plumbing

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === 'authorization' || v === undefined) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    const authHeader = req.headers.authorization;
    const auth: RecordedRequest['auth'] =
      authHeader === undefined ? 'none' : authHeader === `Bot ${this.opts.token}` ? 'valid' : 'invalid';
    const prefix = '/api/v10';
    const versioned = url.pathname.startsWith(`${prefix}/`);
    // Clients percent-encode some segments (`%40original`); match and record the decoded form.
    const path = decodePath(versioned ? url.pathname.slice(prefix.length) : url.pathname);
    const matched = versioned ? this.match(method, path) : null;
    const record: RecordedRequest = {
      index: -1,
      at: started,
      method,
      path,
      route: matched ? `${method} ${matched.route.template}` : null,
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      auth,
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      interactionId: null,
      faulted: false,
    };
    const tokenParam = matched?.params.token;
    if (tokenParam) record.interactionId = this.world.interactionsByToken.get(tokenParam)?.id ?? null;

    let result: HandlerResult;
    let extraHeaders: Record<string, string> = {};
    try {
      const parsed = await parseBody(raw, req.headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      const fault = this.takeFault(method, path, matched?.route.template ?? null);
      const delay = (fault?.spec.delayMs ?? 0) + this.opts.latencyMs;
      if (delay > 0) await sleep(delay);
      if (fault) {
        record.faulted = !isDelayOnly(fault.spec);
        if (fault.spec.drop) {
          // TCP RST: the client sees ECONNRESET (discord.js retries those up to `retries` times).
          req.socket.resetAndDestroy();
          this.finish(record);
          return;
        }
      }
      if (fault && !isDelayOnly(fault.spec)) {
        const built = buildFault(fault.spec);
        result = { status: built.status, body: built.body };
        extraHeaders = built.headers;
      } else if (!matched) {
        result = { status: 404, body: { message: '404: Not Found', code: 0 } };
      } else if (matched.route.auth && auth !== 'valid') {
        result = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      } else {
        result = await matched.route.handler({
          method,
          path,
          params: matched.params,
          query: url.searchParams,
          body: parsed.body,
          files: parsed.files,
          record,
        });
      }
    } catch (err) {
      if (err instanceof HttpError) result = { status: err.status, body: err.body };
      else {
        const message = err instanceof Error ? err.message : String(err);
        result = { status: 500, body: { message: `loopback internal error: ${message}`, code: 0 } };
      }
    }

    record.status = result.status;
    record.response = result.body;
    if (result.status === 204 || result.body === undefined) {
      res.writeHead(result.status === 200 ? 204 : result.status, extraHeaders);
      res.end();
    } else {
      const json = JSON.stringify(result.body);
      res.writeHead(result.status, { ...extraHeaders, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
      res.end(json);
    }
    if (!matched && !record.faulted) this.unhandled.push(record);
    this.finish(record);
    if (result.after) setImmediate(result.after);
  }

  private finish(record: RecordedRequest): void {
    record.index = this.requests.length;
    this.requests.push(record);
    for (const fn of this.listeners) fn();
  }

  // -------------------------------------------------------------------------------------------
  // Helpers shared by routes

  private echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', msg: APIMessage): void {
    if (!this.opts.echoBotMessages) return;
    if (((msg.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return;
    this.opts.gateway.dispatch(t, toGatewayMessage(this.world, msg));
  }

  private echoDelete(msg: APIMessage): void {
    if (!this.opts.echoBotMessages || ((msg.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return;
    const guild = this.world.guildOfChannel(msg.channel_id);
    this.opts.gateway.dispatch('MESSAGE_DELETE', { id: msg.id, channel_id: msg.channel_id, ...(guild ? { guild_id: guild.id } : {}) });
  }

  private channelOr404(id: string): APIChannel {
    const ch = this.world.channels.get(id);
    if (!ch) throw discordError(404, 10003);
    return ch;
  }

  private botPerms(channelId: string): bigint | null {
    const guild = this.world.guildOfChannel(channelId);
    if (!guild) return null; // DM
    return this.world.permissions(guild.id, BOT_USER_ID, channelId);
  }

  private requireView(channelId: string): void {
    const perms = this.botPerms(channelId);
    if (perms !== null && (perms & PermissionFlagsBits.ViewChannel) === 0n) throw discordError(403, 50001);
  }

  private requirePerm(channelId: string, perm: bigint): void {
    const perms = this.botPerms(channelId);
    if (perms !== null && (perms & perm) !== perm) throw discordError(403, 50013);
  }

  private attachmentsFromFiles(body: Record<string, unknown>, files: RecordedFile[], channelId: string): APIAttachment[] {
    const described = Array.isArray(body.attachments) ? body.attachments.filter(isRecord) : [];
    return files.map((f, position) => {
      const idx = /\[(\d+)\]/.exec(f.field)?.[1] ?? String(position);
      const meta = described.find((a) => String(a.id) === idx);
      const id = newSnowflake();
      const filename = typeof meta?.filename === 'string' ? meta.filename : f.name;
      const a: APIAttachment = {
        id,
        filename,
        size: f.size,
        url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
        proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
        content_type: f.contentType || undefined,
      };
      if (typeof meta?.description === 'string') a.description = meta.description;
      return a;
    });
  }

  /** Validates a message-creating body; throws Discord's 400s. */
  private checkMessageBody(body: Record<string, unknown>, files: RecordedFile[], prefix: string[] = []): void {
    const errors = new FormErrors();
    validateMessage(body, errors, prefix);
    if (!errors.empty) throw formError(errors);
    if (isEmptyMessage(body, files.length, Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0)) {
      throw discordError(400, 50006);
    }
  }

  private newBotMessage(
    channelId: string,
    body: Record<string, unknown>,
    files: RecordedFile[],
    extra: { interaction?: StoredInteraction; type?: MessageType; flags?: number } = {},
  ): APIMessage {
    let reference: APIMessage | null = null;
    if (isRecord(body.message_reference) && typeof body.message_reference.message_id === 'string') {
      reference = this.world.messages.get(body.message_reference.message_id) ?? null;
      if (!reference && body.message_reference.fail_if_not_exists !== false) {
        const errors = new FormErrors();
        errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
        throw formError(errors);
      }
    }
    const flags = extra.flags ?? (typeof body.flags === 'number' ? body.flags : 0);
    const msg = buildMessage(this.world, {
      channelId,
      author: BOT_USER,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [],
      components: Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [],
      flags,
      type: extra.type ?? (reference ? MessageType.Reply : MessageType.Default),
      attachments: this.attachmentsFromFiles(body, files, channelId),
      allowedMentions: body.allowed_mentions,
      reference,
      nonce: typeof body.nonce === 'string' || typeof body.nonce === 'number' ? body.nonce : undefined,
      tts: body.tts === true,
      ...(extra.interaction
        ? { interaction: extra.interaction, webhookId: APPLICATION_ID, applicationId: APPLICATION_ID }
        : {}),
    });
    return this.world.storeMessage(msg);
  }

  /** Applies an edit body (PATCH message / webhook message / UPDATE_MESSAGE callback) in place. */
  private applyEdit(msg: APIMessage, body: Record<string, unknown>, files: RecordedFile[], markEdited = true): APIMessage {
    if ('content' in body) msg.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) msg.embeds = Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]).map((e) => ({ type: 'rich' as APIEmbed['type'], ...e })) : [];
    if ('components' in body) msg.components = Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [];
    if (typeof body.flags === 'number') {
      const keep = (msg.flags ?? 0) & (MessageFlags.Ephemeral | MessageFlags.IsComponentsV2 | MessageFlags.HasThread);
      msg.flags = (keep | (body.flags & (MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2))) as MessageFlags;
    }
    if ('attachments' in body || files.length > 0) {
      const keepIds = Array.isArray(body.attachments)
        ? body.attachments.filter(isRecord).map((a) => String(a.id))
        : msg.attachments.map((a) => a.id);
      const kept = msg.attachments.filter((a) => keepIds.includes(a.id));
      msg.attachments = [...kept, ...this.attachmentsFromFiles(body, files, msg.channel_id)];
    }
    if ('content' in body || 'allowed_mentions' in body) {
      const mentions = resolveMentions(this.world, msg.content, body.allowed_mentions, null);
      msg.mentions = mentions.users;
      msg.mention_roles = mentions.roles;
      msg.mention_everyone = mentions.everyone;
    }
    if (markEdited) msg.edited_timestamp = isoNow();
    return msg;
  }

  private interactionForWebhook(app: string, token: string): StoredInteraction {
    if (app !== APPLICATION_ID) throw discordError(404, 10015);
    const i = this.world.interactionsByToken.get(token);
    if (!i) throw discordError(401, 50027);
    // No webhook before the initial response, and none at all for autocomplete.
    if (!i.ack || i.type === InteractionType.ApplicationCommandAutocomplete) throw discordError(404, 10015);
    return i;
  }

  private webhookMessage(i: StoredInteraction, messageId: string): APIMessage {
    const id = messageId === '@original' ? i.originalMessageId : messageId;
    if (!id || (messageId !== '@original' && id !== i.originalMessageId && !i.followUpIds.includes(id))) {
      throw discordError(404, 10008);
    }
    const msg = this.world.messages.get(id);
    if (!msg) throw discordError(404, 10008);
    return msg;
  }

  private messageTypeFor(i: StoredInteraction): MessageType {
    if (i.type !== InteractionType.ApplicationCommand) return MessageType.Default;
    const data: unknown = i.payload.data;
    return isRecord(data) && data.type === 1 ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
  }

  private guildPayload(guildId: string, withCounts: boolean): Record<string, unknown> {
    const g = this.world.guilds.get(guildId);
    if (!g) throw discordError(404, 10004);
    const {
      joined_at: _j, large: _l, unavailable: _u, member_count: _mc, voice_states: _v, members: _m, channels: _c,
      threads: _t, presences: _p, stage_instances: _s, guild_scheduled_events: _e, soundboard_sounds: _ss,
      approximate_member_count: _amc, approximate_presence_count: _apc, ...rest
    } = g;
    return withCounts ? { ...rest, approximate_member_count: g.member_count, approximate_presence_count: 1 } : rest;
  }

  private normalizeCommand(raw: Record<string, unknown>, guildId: string | null, existing?: APIApplicationCommand): APIApplicationCommand {
    const cmd: Record<string, unknown> = {
      id: existing?.id ?? newSnowflake(),
      application_id: APPLICATION_ID,
      version: newSnowflake(),
      type: typeof raw.type === 'number' ? raw.type : 1,
      name: raw.name,
      name_localizations: raw.name_localizations ?? null,
      description: typeof raw.description === 'string' ? raw.description : '',
      description_localizations: raw.description_localizations ?? null,
      default_member_permissions: raw.default_member_permissions ?? null,
      nsfw: raw.nsfw === true,
      integration_types: Array.isArray(raw.integration_types) ? raw.integration_types : [0],
      contexts: Array.isArray(raw.contexts) ? raw.contexts : null,
    };
    if (Array.isArray(raw.options) && raw.options.length > 0) cmd.options = raw.options;
    if (guildId) cmd.guild_id = guildId;
    else cmd.dm_permission = raw.dm_permission !== false;
    return cmd as unknown as APIApplicationCommand;
  }

  private checkApp(app: string): void {
    if (app !== APPLICATION_ID) throw discordError(403, 20012);
  }

  private checkGuild(guildId: string): void {
    if (!this.world.guilds.has(guildId)) throw discordError(403, 50001);
  }

  private putCommands(guildId: string | null, body: unknown): HandlerResult {
    const errors = new FormErrors();
    validateCommands(body, errors);
    if (!errors.empty) throw formError(errors);
    const list = (body as unknown[]).filter(isRecord);
    const previous = this.world.commandsFor(guildId);
    const next = list.map((raw) =>
      this.normalizeCommand(raw, guildId, previous.find((c) => c.name === raw.name && c.type === (raw.type ?? 1))),
    );
    if (guildId) this.world.guildCommands.set(guildId, next);
    else this.world.globalCommands = next;
    return ok(next);
  }

  private upsertCommand(guildId: string | null, body: unknown): HandlerResult {
    const errors = new FormErrors();
    validateCommands([body], errors);
    if (!errors.empty) throw formError(errors);
    const raw = rec(body);
    const list = [...this.world.commandsFor(guildId)];
    const idx = list.findIndex((c) => c.name === raw.name && c.type === (raw.type ?? 1));
    const cmd = this.normalizeCommand(raw, guildId, idx >= 0 ? list[idx] : undefined);
    if (idx >= 0) list[idx] = cmd;
    else list.push(cmd);
    if (guildId) this.world.guildCommands.set(guildId, list);
    else this.world.globalCommands = list;
    return { status: idx >= 0 ? 200 : 201, body: cmd };
  }

  private commandById(guildId: string | null, id: string): { list: APIApplicationCommand[]; idx: number } {
    const list = [...this.world.commandsFor(guildId)];
    const idx = list.findIndex((c) => c.id === id);
    if (idx < 0) throw discordError(404, 10063);
    return { list, idx };
  }

  private setCommands(guildId: string | null, list: APIApplicationCommand[]): void {
    if (guildId) this.world.guildCommands.set(guildId, list);
    else this.world.globalCommands = list;
  }

  private createThread(parent: APIChannel, name: unknown, body: Record<string, unknown>, id: string, type: ChannelType): APIThreadChannel {
    const guild = this.world.guildOfChannel(parent.id);
    if (!guild) throw discordError(400, 50024);
    const now = isoNow();
    const duration = typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : 1440;
    const thread = {
      id,
      type,
      guild_id: guild.id,
      parent_id: parent.id,
      owner_id: BOT_USER_ID,
      name: String(name),
      last_message_id: null,
      last_pin_timestamp: null,
      rate_limit_per_user: typeof body.rate_limit_per_user === 'number' ? body.rate_limit_per_user : 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      nsfw: false,
      applied_tags: Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [],
      thread_metadata: {
        archived: false,
        auto_archive_duration: duration,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(type === ChannelType.PrivateThread ? { invitable: body.invitable !== false } : {}),
      },
      member: { id, user_id: BOT_USER_ID, join_timestamp: now, flags: 0 },
    } as unknown as APIThreadChannel;
    this.world.channels.set(id, thread);
    guild.threads.push(thread as GuildThread);
    return thread;
  }

  private echoThread(thread: APIThreadChannel): void {
    this.opts.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
  }

  // -------------------------------------------------------------------------------------------
  // Routes

  private defineRoutes(): void {
    const w = this.world;
    const gatewayInfo = () => ({ url: this.opts.gatewayUrl() });

    this.route('GET', '/gateway', () => ok(gatewayInfo()), false);
    this.route('GET', '/gateway/bot', () =>
      ok({
        ...gatewayInfo(),
        shards: this.opts.shards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    );

    // Users -------------------------------------------------------------------------------
    this.route('GET', '/users/@me', () => ok({ ...BOT_USER, verified: true, mfa_enabled: false, email: null, locale: 'en-US' }));
    this.route('GET', '/users/@me/guilds', () =>
      ok([...w.guilds.values()].map((g) => ({
        id: g.id, name: g.name, icon: g.icon, banner: g.banner, owner: false, features: g.features,
        permissions: w.permissions(g.id, BOT_USER_ID).toString(),
      }))),
    );
    this.route('POST', '/users/@me/channels', ({ body }) => {
      const recipient = rec(body).recipient_id;
      const user = typeof recipient === 'string' ? w.users.get(recipient) : undefined;
      if (!user) throw discordError(400, 50035, 'Invalid Form Body');
      return ok(w.dmChannelFor(user));
    });
    this.route('GET', '/users/:user', ({ params }) => {
      const user = w.users.get(params.user ?? '');
      if (!user) throw discordError(404, 10013);
      return ok(user);
    });

    // Application ---------------------------------------------------------------------------
    const application = () => ({
      id: APPLICATION_ID,
      name: 'Footnote',
      icon: null,
      description: 'Answers questions over a folder of documents, with citations.',
      summary: '',
      type: null,
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: 'a'.repeat(64),
      flags: APPLICATION_FLAGS,
      flags_new: String(APPLICATION_FLAGS),
      owner: OWNER_USER,
      team: null,
      bot: BOT_USER,
      approximate_guild_count: w.guilds.size,
      approximate_user_install_count: 0,
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      redirect_uris: [],
      tags: [],
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      integration_types_config: { 0: { oauth2_install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' } } },
      event_webhooks_status: 1,
    });
    this.route('GET', '/applications/@me', () => ok(application()));
    this.route('GET', '/oauth2/applications/@me', () => ok(application()));
    this.route('PATCH', '/applications/@me', ({ body }) => ok({ ...application(), ...rec(body) }));

    this.route('GET', '/applications/:app/commands', ({ params }) => {
      this.checkApp(params.app ?? '');
      return ok(w.globalCommands);
    });
    this.route('PUT', '/applications/:app/commands', ({ params, body }) => {
      this.checkApp(params.app ?? '');
      return this.putCommands(null, body);
    });
    this.route('POST', '/applications/:app/commands', ({ params, body }) => {
      this.checkApp(params.app ?? '');
      return this.upsertCommand(null, body);
    });
    this.route('GET', '/applications/:app/commands/:command', ({ params }) => {
      this.checkApp(params.app ?? '');
      const { list, idx } = this.commandById(null, params.command ?? '');
      return ok(list[idx]);
    });
    this.route('PATCH', '/applications/:app/commands/:command', ({ params, body }) => {
      this.checkApp(params.app ?? '');
      const { list, idx } = this.commandById(null, params.command ?? '');
      const merged = this.normalizeCommand({ ...(list[idx] as unknown as Record<string, unknown>), ...rec(body) }, null, list[idx]);
      list[idx] = merged;
      this.setCommands(null, list);
      return ok(merged);
    });
    this.route('DELETE', '/applications/:app/commands/:command', ({ params }) => {
      this.checkApp(params.app ?? '');
      const { list, idx } = this.commandById(null, params.command ?? '');
      list.splice(idx, 1);
      this.setCommands(null, list);
      return ok();
    });
    this.route('GET', '/applications/:app/guilds/:guild/commands', ({ params }) => {
      this.checkApp(params.app ?? '');
      this.checkGuild(params.guild ?? '');
      return ok(w.commandsFor(params.guild ?? ''));
    });
    this.route('PUT', '/applications/:app/guilds/:guild/commands', ({ params, body }) => {
      this.checkApp(params.app ?? '');
      this.checkGuild(params.guild ?? '');
      return this.putCommands(params.guild ?? '', body);
    });
    this.route('POST', '/applications/:app/guilds/:guild/commands', ({ params, body }) => {
      this.checkApp(params.app ?? '');
      this.checkGuild(params.guild ?? '');
      return this.upsertCommand(params.guild ?? '', body);
    });
    this.route('GET', '/applications/:app/guilds/:guild/commands/:command', ({ params }) => {
      this.checkApp(params.app ?? '');
      const { list, idx } = this.commandById(params.guild ?? '', params.command ?? '');
      return ok(list[idx]);
    });
    this.route('PATCH', '/applications/:app/guilds/:guild/commands/:command', ({ params, body }) => {
      this.checkApp(params.app ?? '');
      const g = params.guild ?? '';
      const { list, idx } = this.commandById(g, params.command ?? '');
      const merged = this.normalizeCommand({ ...(list[idx] as unknown as Record<string, unknown>), ...rec(body) }, g, list[idx]);
      list[idx] = merged;
      this.setCommands(g, list);
      return ok(merged);
    });
    this.route('DELETE', '/applications/:app/guilds/:guild/commands/:command', ({ params }) => {
      this.checkApp(params.app ?? '');
      const g = params.guild ?? '';
      const { list, idx } = this.commandById(g, params.command ?? '');
      list.splice(idx, 1);
      this.setCommands(g, list);
      return ok();
    });

    // Interactions --------------------------------------------------------------------------
    this.route('POST', '/interactions/:interaction/:token/callback', (ctx) => this.interactionCallback(ctx), false);

    this.route('GET', '/webhooks/:app/:token/messages/:message', ({ params }) => {
      const i = this.interactionForWebhook(params.app ?? '', params.token ?? '');
      return ok(this.webhookMessage(i, params.message ?? ''));
    }, false);
    this.route('PATCH', '/webhooks/:app/:token/messages/:message', ({ params, body, files }) => {
      const i = this.interactionForWebhook(params.app ?? '', params.token ?? '');
      const msg = this.webhookMessage(i, params.message ?? '');
      const b = rec(body);
      const errors = new FormErrors();
      validateMessage(b, errors);
      if (!errors.empty) throw formError(errors);
      const wasLoading = ((msg.flags ?? 0) & MessageFlags.Loading) !== 0;
      if (wasLoading) msg.flags = ((msg.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags;
      this.applyEdit(msg, b, files, !wasLoading);
      return ok(msg, () => this.echo('MESSAGE_UPDATE', msg));
    }, false);
    this.route('DELETE', '/webhooks/:app/:token/messages/:message', ({ params }) => {
      const i = this.interactionForWebhook(params.app ?? '', params.token ?? '');
      const msg = this.webhookMessage(i, params.message ?? '');
      w.deleteMessage(msg.id);
      if (i.originalMessageId === msg.id) i.originalMessageId = null;
      i.followUpIds = i.followUpIds.filter((id) => id !== msg.id);
      return ok(undefined, () => this.echoDelete(msg));
    }, false);
    this.route('POST', '/webhooks/:app/:token', ({ params, body, files, query }) => {
      const i = this.interactionForWebhook(params.app ?? '', params.token ?? '');
      const b = rec(body);
      this.checkMessageBody(b, files);
      const original = i.originalMessageId ? w.messages.get(i.originalMessageId) : undefined;
      let msg: APIMessage;
      let event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' = 'MESSAGE_CREATE';
      if (original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
        // Discord: the first follow-up after a deferred reply replaces the "thinking..." message.
        original.flags = ((original.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags;
        msg = this.applyEdit(original, b, files, false);
        event = 'MESSAGE_UPDATE';
      } else {
        if (!i.channelId) throw discordError(400, 50024);
        const flags = (typeof b.flags === 'number' ? b.flags : 0) & (MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2);
        msg = this.newBotMessage(i.channelId, b, files, { interaction: i, type: this.messageTypeFor(i), flags });
        i.followUpIds.push(msg.id);
      }
      const after = () => this.echo(event, msg);
      return query.get('wait') === 'true' ? ok(msg, after) : ok(undefined, after);
    }, false);

    // Channels -----------------------------------------------------------------------------
    this.route('GET', '/channels/:channel', ({ params }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      return ok(ch);
    });
    this.route('PATCH', '/channels/:channel', ({ params, body }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      const b = rec(body);
      const target = ch as unknown as Record<string, unknown>;
      for (const key of ['name', 'topic', 'applied_tags', 'rate_limit_per_user'] as const) if (key in b) target[key] = b[key];
      if (isThreadType(ch.type) && isRecord(target.thread_metadata)) {
        for (const key of ['archived', 'locked', 'auto_archive_duration'] as const) {
          if (key in b) target.thread_metadata[key] = b[key];
        }
      }
      return ok(ch, () => this.opts.gateway.dispatch(isThreadType(ch.type) ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE', ch));
    });
    this.route('DELETE', '/channels/:channel', ({ params }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requirePerm(ch.id, isThreadType(ch.type) ? PermissionFlagsBits.ManageThreads : PermissionFlagsBits.ManageChannels);
      w.deleteChannel(ch.id);
      return ok(ch, () => this.opts.gateway.dispatch(isThreadType(ch.type) ? 'THREAD_DELETE' : 'CHANNEL_DELETE', ch));
    });
    this.route('POST', '/channels/:channel/typing', ({ params }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      return ok();
    });
    this.route('GET', '/channels/:channel/messages', ({ params, query }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      const perms = this.botPerms(ch.id);
      if (perms !== null && (perms & PermissionFlagsBits.ReadMessageHistory) === 0n) return ok([]);
      let list = w.channelMessages(ch.id).filter((m) => ((m.flags ?? 0) & MessageFlags.Ephemeral) === 0);
      const before = query.get('before');
      const after = query.get('after');
      const around = query.get('around');
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
      const cmp = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
      if (before) list = list.filter((m) => cmp(m.id, before) < 0).slice(-limit);
      else if (after) list = list.filter((m) => cmp(m.id, after) > 0).slice(0, limit);
      else if (around) {
        const idx = list.findIndex((m) => cmp(m.id, around) >= 0);
        const start = Math.max(0, (idx < 0 ? list.length : idx) - Math.floor(limit / 2));
        list = list.slice(start, start + limit);
      } else list = list.slice(-limit);
      return ok([...list].reverse());
    });
    this.route('POST', '/channels/:channel/messages', ({ params, body, files }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      if (ch.type === ChannelType.GuildForum || ch.type === ChannelType.GuildMedia || ch.type === ChannelType.GuildCategory) {
        throw discordError(400, 50024);
      }
      this.requirePerm(ch.id, isThreadType(ch.type) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages);
      if (files.length > 0) this.requirePerm(ch.id, PermissionFlagsBits.AttachFiles);
      const b = rec(body);
      this.checkMessageBody(b, files);
      if (isThreadType(ch.type) && isRecord((ch as unknown as Record<string, unknown>).thread_metadata)) {
        const t = ch as unknown as { message_count: number; total_message_sent: number };
        t.message_count += 1;
        t.total_message_sent += 1;
      }
      const msg = this.newBotMessage(ch.id, b, files);
      return ok(msg, () => this.echo('MESSAGE_CREATE', msg));
    });
    this.route('GET', '/channels/:channel/messages/:message', ({ params }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      const msg = w.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== ch.id || ((msg.flags ?? 0) & MessageFlags.Ephemeral) !== 0) throw discordError(404, 10008);
      return ok(msg);
    });
    this.route('PATCH', '/channels/:channel/messages/:message', ({ params, body, files }) => {
      const ch = this.channelOr404(params.channel ?? '');
      const msg = w.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== ch.id) throw discordError(404, 10008);
      if (msg.author.id !== BOT_USER_ID) throw discordError(403, 50005);
      const b = rec(body);
      const errors = new FormErrors();
      validateMessage(b, errors);
      if (!errors.empty) throw formError(errors);
      this.applyEdit(msg, b, files);
      return ok(msg, () => this.echo('MESSAGE_UPDATE', msg));
    });
    this.route('DELETE', '/channels/:channel/messages/:message', ({ params }) => {
      const ch = this.channelOr404(params.channel ?? '');
      const msg = w.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== ch.id) throw discordError(404, 10008);
      if (msg.author.id !== BOT_USER_ID) this.requirePerm(ch.id, PermissionFlagsBits.ManageMessages);
      w.deleteMessage(msg.id);
      return ok(undefined, () => this.echoDelete(msg));
    });
    const reaction = ({ params }: Ctx): HandlerResult => {
      const ch = this.channelOr404(params.channel ?? '');
      const msg = w.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== ch.id) throw discordError(404, 10008);
      this.requirePerm(ch.id, PermissionFlagsBits.AddReactions | PermissionFlagsBits.ReadMessageHistory);
      return ok();
    };
    this.route('PUT', '/channels/:channel/messages/:message/reactions/:emoji/@me', reaction);
    this.route('DELETE', '/channels/:channel/messages/:message/reactions/:emoji/@me', reaction);

    // Threads ------------------------------------------------------------------------------
    this.route('POST', '/channels/:channel/messages/:message/threads', ({ params, body }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      if (ch.type !== ChannelType.GuildText && ch.type !== ChannelType.GuildAnnouncement) throw discordError(400, 50024);
      const msg = w.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== ch.id) throw discordError(404, 10008);
      if (msg.thread) throw discordError(400, 160004);
      this.requirePerm(ch.id, PermissionFlagsBits.CreatePublicThreads);
      const b = rec(body);
      const errors = new FormErrors();
      validateThreadName(b.name, errors);
      if (!errors.empty) throw formError(errors);
      const type = ch.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
      const thread = this.createThread(ch, b.name, b, msg.id, type);
      msg.thread = thread;
      msg.flags = ((msg.flags ?? 0) | MessageFlags.HasThread) as MessageFlags;
      return ok(thread, () => this.echoThread(thread));
    });
    this.route('POST', '/channels/:channel/threads', ({ params, body, files }) => {
      const ch = this.channelOr404(params.channel ?? '');
      this.requireView(ch.id);
      const b = rec(body);
      const errors = new FormErrors();
      validateThreadName(b.name, errors);
      if (ch.type === ChannelType.GuildForum || ch.type === ChannelType.GuildMedia) {
        const forum = ch as APIGuildForumChannel;
        if (!isRecord(b.message)) errors.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else validateMessage(b.message, errors, ['message']);
        const tags = Array.isArray(b.applied_tags) ? b.applied_tags.map(String) : [];
        if (tags.length > 5) errors.add(['applied_tags'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
        tags.forEach((t, i) => {
          if (!forum.available_tags.some((x) => x.id === t)) errors.add(['applied_tags', i], 'FORUM_TAG_UNKNOWN', 'Unknown tag');
        });
        if (!errors.empty) throw formError(errors);
        const starterBody = rec(b.message);
        if (isEmptyMessage(starterBody, files.length)) throw discordError(400, 50006);
        if (((forum.flags ?? 0) & 16) !== 0 && tags.length === 0) throw discordError(400, 40067);
        this.requirePerm(ch.id, PermissionFlagsBits.SendMessages);
        const id = newSnowflake();
        const thread = this.createThread(ch, b.name, b, id, ChannelType.PublicThread);
        const starter = this.newBotMessage(id, starterBody, files);
        // The starter message shares the thread's id.
        w.deleteMessage(starter.id);
        starter.id = id;
        starter.position = 0;
        w.storeMessage(starter);
        const t = thread as unknown as { message_count: number; total_message_sent: number; last_message_id: string };
        t.message_count = 1;
        t.total_message_sent = 1;
        t.last_message_id = id;
        return ok({ ...thread, message: starter }, () => {
          this.echoThread(thread);
          this.echo('MESSAGE_CREATE', starter);
        });
      }
      if (ch.type !== ChannelType.GuildText && ch.type !== ChannelType.GuildAnnouncement) throw discordError(400, 50024);
      if (!errors.empty) throw formError(errors);
      const type = typeof b.type === 'number' ? (b.type as ChannelType) : ChannelType.PrivateThread;
      this.requirePerm(ch.id, type === ChannelType.PrivateThread ? PermissionFlagsBits.CreatePrivateThreads : PermissionFlagsBits.CreatePublicThreads);
      const thread = this.createThread(ch, b.name, b, newSnowflake(), type);
      return ok(thread, () => this.echoThread(thread));
    });
    this.route('PUT', '/channels/:channel/thread-members/@me', ({ params }) => {
      this.channelOr404(params.channel ?? '');
      return ok();
    });
    this.route('DELETE', '/channels/:channel/thread-members/@me', ({ params }) => {
      this.channelOr404(params.channel ?? '');
      return ok();
    });
    this.route('GET', '/channels/:channel/threads/archived/public', () => ok({ threads: [], members: [], has_more: false }));
    this.route('GET', '/channels/:channel/threads/archived/private', () => ok({ threads: [], members: [], has_more: false }));

    // Guilds -------------------------------------------------------------------------------
    this.route('GET', '/guilds/:guild', ({ params, query }) => ok(this.guildPayload(params.guild ?? '', query.get('with_counts') === 'true')));
    this.route('GET', '/guilds/:guild/channels', ({ params }) => {
      const g = w.guilds.get(params.guild ?? '');
      if (!g) throw discordError(404, 10004);
      return ok([...w.channels.values()].filter((c) => 'guild_id' in c && c.guild_id === g.id && !isThreadType(c.type)));
    });
    this.route('GET', '/guilds/:guild/threads/active', ({ params }) => {
      const g = w.guilds.get(params.guild ?? '');
      if (!g) throw discordError(404, 10004);
      const threads = [...w.channels.values()].filter((c) => 'guild_id' in c && c.guild_id === g.id && isThreadType(c.type));
      return ok({ threads, members: [] });
    });
    this.route('GET', '/guilds/:guild/roles', ({ params }) => {
      const g = w.guilds.get(params.guild ?? '');
      if (!g) throw discordError(404, 10004);
      return ok(g.roles);
    });
    this.route('GET', '/guilds/:guild/members', ({ params, query }) => {
      const g = w.guilds.get(params.guild ?? '');
      if (!g) throw discordError(404, 10004);
      const after = query.get('after') ?? '0';
      const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 1)));
      return ok(g.members.filter((m) => BigInt(m.user.id) > BigInt(after)).slice(0, limit));
    });
    this.route('GET', '/guilds/:guild/members/search', ({ params, query }) => {
      const g = w.guilds.get(params.guild ?? '');
      if (!g) throw discordError(404, 10004);
      const q = (query.get('query') ?? '').toLowerCase();
      const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 1)));
      return ok(g.members.filter((m) => m.user.username.toLowerCase().startsWith(q) || (m.nick ?? '').toLowerCase().startsWith(q)).slice(0, limit));
    });
    this.route('GET', '/guilds/:guild/members/:user', ({ params }) => {
      const g = w.guilds.get(params.guild ?? '');
      if (!g) throw discordError(404, 10004);
      const id = params.user === '@me' ? BOT_USER_ID : (params.user ?? '');
      const m = g.members.find((x) => x.user.id === id);
      if (!m) throw discordError(404, 10007);
      return ok(m);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Interaction callback

  private interactionCallback({ params, body, files, query }: Ctx): HandlerResult {
    const w = this.world;
    const i = w.interactionsByToken.get(params.token ?? '');
    if (!i || i.id !== params.interaction) throw discordError(404, 10062);
    const deadline = this.opts.interactionDeadlineMs;
    if (deadline > 0 && i.dispatchedAt !== null && Date.now() - i.dispatchedAt > deadline) throw discordError(404, 10062);
    if (i.ack) throw discordError(400, 40060);
    const b = rec(body);
    const type = b.type;
    const data = rec(b.data);
    const isAutocomplete = i.type === InteractionType.ApplicationCommandAutocomplete;
    const invalidType = () => {
      const errors = new FormErrors();
      errors.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${String(type)} is not valid for this interaction`);
      return formError(errors);
    };
    if (isAutocomplete && type !== InteractionResponseType.ApplicationCommandAutocompleteResult) throw invalidType();

    let message: APIMessage | null = null;
    let after: (() => void) | undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        this.checkMessageBody(data, files, ['data']);
        if (!i.channelId) throw discordError(400, 50024);
        const flags = (typeof data.flags === 'number' ? data.flags : 0) & (MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2);
        message = this.newBotMessage(i.channelId, data, files, { interaction: i, type: this.messageTypeFor(i), flags });
        i.originalMessageId = message.id;
        const m = message;
        after = () => this.echo('MESSAGE_CREATE', m);
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        if (!i.channelId) throw discordError(400, 50024);
        const flags = MessageFlags.Loading | ((typeof data.flags === 'number' ? data.flags : 0) & MessageFlags.Ephemeral);
        message = this.newBotMessage(i.channelId, {}, [], { interaction: i, type: this.messageTypeFor(i), flags });
        i.originalMessageId = message.id;
        const m = message;
        after = () => this.echo('MESSAGE_CREATE', m);
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate: {
        if (!i.sourceMessageId) throw invalidType();
        i.originalMessageId = i.sourceMessageId;
        break;
      }
      case InteractionResponseType.UpdateMessage: {
        if (!i.sourceMessageId) throw invalidType();
        const errors = new FormErrors();
        validateMessage(data, errors, ['data']);
        if (!errors.empty) throw formError(errors);
        const src = w.messages.get(i.sourceMessageId);
        if (!src) throw discordError(404, 10008);
        message = this.applyEdit(src, data, files);
        i.originalMessageId = src.id;
        const m = message;
        after = () => this.echo('MESSAGE_UPDATE', m);
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        if (!isAutocomplete) throw invalidType();
        const errors = new FormErrors();
        validateAutocompleteChoices(data, errors);
        if (!errors.empty) throw formError(errors);
        break;
      }
      case InteractionResponseType.Modal: {
        if (i.type === InteractionType.ModalSubmit) throw invalidType();
        const errors = new FormErrors();
        validateModal(data, errors);
        if (!errors.empty) throw formError(errors);
        break;
      }
      default:
        throw invalidType();
    }
    i.ack = { type: type as InteractionResponseType, at: Date.now(), body };
    if (query.get('with_response') !== 'true') return { status: 204, after };
    const flags = message?.flags ?? 0;
    const response: Record<string, unknown> = {
      interaction: {
        id: i.id,
        type: i.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (flags & MessageFlags.Loading) !== 0,
              response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    };
    return { status: 200, body: response, after };
  }
}

type GuildThread = GuildCreatePayload['threads'][number];

/** A fault with only `delayMs` (no status/code/body/drop) slows the request down but answers normally. */
function isDelayOnly(spec: FaultSpec): boolean {
  return spec.delayMs !== undefined && spec.status === undefined && spec.code === undefined && spec.body === undefined && !spec.drop;
}

function buildFault(spec: FaultSpec): { status: number; body: unknown; headers: Record<string, string> } {
  const status = spec.status ?? 500;
  if (status === 429) {
    const retry = spec.retryAfterSeconds ?? 1;
    const global = spec.global === true;
    const scope = spec.scope ?? (global ? 'global' : 'user');
    const headers: Record<string, string> = {
      'Retry-After': String(retry),
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': ((Date.now() + retry * 1000) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': String(retry),
      'X-RateLimit-Scope': scope,
    };
    if (global) headers['X-RateLimit-Global'] = 'true';
    else headers['X-RateLimit-Bucket'] = 'loopbackbucket0000000000000000';
    const body = spec.body ?? { message: spec.message ?? 'You are being rate limited.', retry_after: retry, global, ...(spec.code !== undefined ? { code: spec.code } : {}) };
    return { status, body, headers };
  }
  const code = spec.code ?? 0;
  const body = spec.body ?? { message: spec.message ?? (spec.code !== undefined ? KNOWN_ERROR_MESSAGES[code] : undefined) ?? STATUS_TEXT[status] ?? `${status}`, code };
  return { status, body, headers: {} };
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const ct = (contentType ?? '').toLowerCase();
  if (ct.startsWith('multipart/form-data')) {
    const form = await new Request('http://loopback.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body: raw,
    }).formData();
    let body: unknown;
    const fields: Record<string, string> = {};
    const files: RecordedFile[] = [];
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        if (key === 'payload_json') body = parseJson(value);
        else fields[key] = value;
      } else {
        files.push({
          field: key,
          name: value.name,
          contentType: value.type,
          size: value.size,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    if (body === undefined && Object.keys(fields).length > 0) body = fields;
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw discordError(400, 50109);
  }
}

