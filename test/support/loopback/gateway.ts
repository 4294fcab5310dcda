/**
 * Gateway emulation over `ws` (JSON encoding; plain text frames by default, `compress=zlib-stream`
 * and identify-level `compress: true` also supported).
 *
 * Protocol implemented: HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild when the Guilds intent
 * is set) / RESUME → replay of missed dispatches → RESUMED; HEARTBEAT → HEARTBEAT_ACK;
 * REQUEST_GUILD_MEMBERS → GUILD_MEMBERS_CHUNK; INVALID_SESSION; RECONNECT; close codes
 * 4001/4002/4003/4004/4005/4012 for protocol violations. Dispatches are filtered by intents and
 * MESSAGE_CREATE/UPDATE content is blanked without MESSAGE_CONTENT, like Discord does.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import zlib from 'node:zlib';
import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import type { APIUser, GatewayReadyDispatchData } from 'discord.js';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { APPLICATION_ID, BOT_USER_ID } from './constants.js';
import { shardOfEvent, shardOfGuild } from './sharding.js';
import { isRecord } from './validation.js';
import type { World } from './world.js';

export interface GatewayLogEntry {
  /** Position in `gatewayLog` (use it to only look at entries after a point in time). */
  index: number;
  at: number;
  /** Connection number (1, 2, ...: a reconnect opens a new one). */
  connection: number;
  /** 'recv' = sent by the client, 'send' = sent by the server, 'open'/'close' = socket events. */
  direction: 'recv' | 'send' | 'open' | 'close';
  op: number | null;
  t?: string | null;
  s?: number | null;
  d?: unknown;
  /** For 'open': the request path + query (e.g. `/?v=10&encoding=json`, or `/resume?...`). For 'close': code. */
  info?: string;
  code?: number;
}

interface BufferedDispatch {
  s: number;
  t: string;
  d: unknown;
}

export interface GatewaySession {
  id: string;
  /** `[shard_id, shard_count]` from IDENTIFY (`[0, 1]` when the client sent none). */
  shard: [number, number];
  seq: number;
  intents: number;
  buffer: BufferedDispatch[];
  conn: Connection | null;
  ended: boolean;
}

interface Connection {
  id: number;
  ws: WebSocket;
  session: Session | null;
  zlibStream: zlib.Deflate | null;
  identifyCompress: boolean;
  sendChain: Promise<void>;
}

type Session = GatewaySession;

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  world: World;
  botUser: APIUser;
  /** Base ws URL (no trailing slash). */
  url: () => string;
  /** Shard count the bot must identify with (what GET /gateway/bot recommends); 1 = unsharded. */
  shards: number;
}

/** GATEWAY_MESSAGE_CONTENT_LIMITED | APPLICATION_COMMAND_BADGE, as for a small verified-intent bot. */
export const APPLICATION_FLAGS = (1 << 19) | (1 << 23);

/** Close codes after which Discord will not let the session resume. */
const NON_RESUMABLE = new Set([1000, 1001, 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);

export class Gateway {
  readonly log: GatewayLogEntry[] = [];
  readonly sessions = new Map<string, Session>();
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private nextConnId = 1;
  heartbeatAcks = true;
  private readonly listeners = new Set<() => void>();

  constructor(
    server: Server,
    private readonly opts: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
  }

  /** Called whenever the log grows (used by waiters). */
  onLog(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private record(entry: Omit<GatewayLogEntry, 'index' | 'at'>): void {
    this.log.push({ index: this.log.length, at: Date.now(), ...entry });
    for (const fn of this.listeners) fn();
  }

  get openConnections(): number {
    let n = 0;
    for (const c of this.connections) if (c.ws.readyState === c.ws.OPEN) n++;
    return n;
  }

  liveSessions(): Session[] {
    return [...this.sessions.values()].filter((s) => !s.ended);
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const conn: Connection = {
      id: this.nextConnId++,
      ws,
      session: null,
      zlibStream: null,
      identifyCompress: false,
      sendChain: Promise.resolve(),
    };
    this.connections.add(conn);
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    this.record({ connection: conn.id, direction: 'open', op: null, info: `${url.pathname}${url.search}` });
    ws.on('close', (code) => {
      this.connections.delete(conn);
      this.record({ connection: conn.id, direction: 'close', op: null, code });
      const session = conn.session;
      if (session && session.conn === conn) {
        session.conn = null;
        // A client closing with 1000/1001 ends its session (discord.js uses 4200 when it wants to resume).
        if (code === 1000 || code === 1001) session.ended = true;
      }
      conn.zlibStream?.close();
    });
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));

    const version = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    const compress = url.searchParams.get('compress');
    if (version !== null && version !== '10') {
      this.closeConn(conn, 4012, 'Invalid API version');
      return;
    }
    if (encoding !== 'json') {
      // ETF is not emulated; discord.js always asks for json.
      this.closeConn(conn, 4002, 'Only encoding=json is supported by the loopback gateway');
      return;
    }
    if (compress === 'zlib-stream') {
      const deflate = zlib.createDeflate();
      conn.zlibStream = deflate;
    } else if (compress !== null) {
      this.closeConn(conn, 4002, `Unsupported compress=${compress}`);
      return;
    }
    this.send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['["loopback-gateway",{"micros":0}]'] }, s: null, t: null });
  }

  private closeConn(conn: Connection, code: number, reason: string): void {
    if (conn.ws.readyState === conn.ws.OPEN || conn.ws.readyState === conn.ws.CONNECTING) conn.ws.close(code, reason);
  }

  private send(conn: Connection, payload: { op: number; d: unknown; s: number | null; t: string | null }): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    this.record({ connection: conn.id, direction: 'send', op: payload.op, t: payload.t, s: payload.s, d: payload.d });
    const json = JSON.stringify(payload);
    const deflate = conn.zlibStream;
    if (deflate) {
      conn.sendChain = conn.sendChain.then(
        () =>
          new Promise<void>((resolve) => {
            const chunks: Buffer[] = [];
            const onData = (c: Buffer) => chunks.push(c);
            deflate.on('data', onData);
            deflate.write(json);
            deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
              deflate.off('data', onData);
              if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(Buffer.concat(chunks), { binary: true });
              resolve();
            });
          }),
      );
    } else if (conn.identifyCompress && payload.op === GatewayOpcodes.Dispatch) {
      conn.ws.send(zlib.deflateSync(json), { binary: true });
    } else {
      conn.ws.send(json);
    }
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      if (isBinary) throw new Error('binary frames not accepted');
      payload = JSON.parse(text);
    } catch {
      this.closeConn(conn, 4002, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      this.closeConn(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const op = payload.op;
    const d = payload.d;
    this.record({ connection: conn.id, direction: 'recv', op, d: redact(op, d) });
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        if (this.heartbeatAcks) this.send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.onIdentify(conn, d);
        return;
      case GatewayOpcodes.Resume:
        this.onResume(conn, d);
        return;
      case GatewayOpcodes.RequestGuildMembers:
        if (!conn.session) return this.closeConn(conn, 4003, 'Not authenticated.');
        this.onRequestMembers(conn, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!conn.session) this.closeConn(conn, 4003, 'Not authenticated.');
        return;
      default:
        this.closeConn(conn, 4001, 'Unknown opcode.');
    }
  }

  private onIdentify(conn: Connection, d: unknown): void {
    if (conn.session) return this.closeConn(conn, 4005, 'Already authenticated.');
    if (!isRecord(d) || d.token !== this.opts.token) return this.closeConn(conn, 4004, 'Authentication failed.');
    if (typeof d.intents !== 'number') return this.closeConn(conn, 4013, 'Invalid intent(s).');
    // Discord: 4010 for a shard outside [0, count); 4011 when a bot that needs shards sent none
    // (here: any other count than the one /gateway/bot recommends).
    const count = this.opts.shards;
    if (d.shard === undefined && count > 1) return this.closeConn(conn, 4011, 'Sharding required.');
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!Number.isInteger(shard[0]) || shard[1] !== count || shard[0] < 0 || shard[0] >= count) return this.closeConn(conn, 4010, 'Invalid shard.');
    conn.identifyCompress = d.compress === true && conn.zlibStream === null;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard,
      seq: 0,
      intents: d.intents,
      buffer: [],
      conn,
      ended: false,
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    const world = this.opts.world;
    const ownGuilds = [...world.guilds.values()].filter((guild) => shardOfGuild(guild.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData & Record<string, unknown> = {
      v: 10,
      user: { ...this.opts.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: ownGuilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `${this.opts.url()}/resume`,
      shard,
      application: { id: APPLICATION_ID, flags: APPLICATION_FLAGS, flags_new: String(APPLICATION_FLAGS) },
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['loopback'],
      auth: {},
      _trace: ['["loopback-gateway",{"micros":0}]'],
    };
    this.dispatchTo(session, 'READY', ready);
    if ((session.intents & GatewayIntentBits.Guilds) !== 0) {
      for (const guild of ownGuilds) {
        const members =
          (session.intents & GatewayIntentBits.GuildMembers) !== 0
            ? guild.members
            : guild.members.filter((m) => m.user.id === BOT_USER_ID);
        this.dispatchTo(session, 'GUILD_CREATE', { ...guild, members });
      }
    }
  }

  private onResume(conn: Connection, d: unknown): void {
    if (!isRecord(d) || d.token !== this.opts.token) return this.closeConn(conn, 4004, 'Authentication failed.');
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : -1;
    if (!session || session.ended || seq > session.seq) {
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const previous = session.conn;
    if (previous && previous !== conn) this.closeConn(previous, 4000, 'Session resumed elsewhere');
    if (conn.session && conn.session !== session) conn.session.conn = null;
    session.conn = conn;
    conn.session = session;
    for (const ev of session.buffer) {
      if (ev.s > seq) this.send(conn, { op: GatewayOpcodes.Dispatch, t: ev.t, s: ev.s, d: ev.d });
    }
    this.dispatchTo(session, 'RESUMED', { _trace: ['["loopback-gateway",{"micros":0}]'] });
  }

  private onRequestMembers(conn: Connection, d: unknown): void {
    if (!isRecord(d) || typeof d.guild_id !== 'string' || !conn.session) return;
    const guild = this.opts.world.guilds.get(d.guild_id);
    if (!guild) return;
    let members = guild.members;
    const ids = Array.isArray(d.user_ids) ? d.user_ids.map(String) : typeof d.user_ids === 'string' ? [d.user_ids] : null;
    if (ids) members = members.filter((m) => ids.includes(m.user.id));
    else if (typeof d.query === 'string' && d.query !== '') {
      const q = d.query.toLowerCase();
      members = members.filter((m) => m.user.username.toLowerCase().startsWith(q));
    }
    if (typeof d.limit === 'number' && d.limit > 0) members = members.slice(0, d.limit);
    const chunk: Record<string, unknown> = { guild_id: guild.id, members, chunk_index: 0, chunk_count: 1 };
    if (ids) chunk.not_found = ids.filter((id) => !members.some((m) => m.user.id === id));
    if (typeof d.nonce === 'string') chunk.nonce = d.nonce;
    this.dispatchTo(conn.session, 'GUILD_MEMBERS_CHUNK', chunk);
  }

  /** Queue a dispatch on one session (sent now if connected, replayed on RESUME otherwise). */
  dispatchTo(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    session.buffer.push({ s, t, d });
    const conn = session.conn;
    if (conn) this.send(conn, { op: GatewayOpcodes.Dispatch, t, s, d });
  }

  /**
   * Sends `t` to every live session whose shard the event belongs to (its guild's, or shard 0 for
   * DMs) and whose intents allow it. Returns how many sessions got it.
   */
  dispatch(t: string, d: unknown): number {
    let n = 0;
    for (const session of this.liveSessions()) {
      if (shardOfEvent(t, d, session.shard[1]) !== session.shard[0]) continue;
      const filtered = filterForIntents(session.intents, t, d);
      if (filtered === undefined) continue;
      this.dispatchTo(session, t, filtered);
      n++;
    }
    return n;
  }

  /** Closes every open gateway socket. */
  async closeAll(code: number, options: { terminate?: boolean; invalidateSession?: boolean; reason?: string } = {}): Promise<void> {
    const invalidate = options.invalidateSession ?? NON_RESUMABLE.has(code);
    const waits: Promise<void>[] = [];
    for (const conn of [...this.connections]) {
      if (invalidate && conn.session) conn.session.ended = true;
      waits.push(new Promise<void>((resolve) => {
        if (conn.ws.readyState === conn.ws.CLOSED) return resolve();
        conn.ws.once('close', () => resolve());
      }));
      if (options.terminate) conn.ws.terminate();
      else conn.ws.close(code, options.reason ?? 'loopback closeGateway');
    }
    await Promise.all(waits);
  }

  /** op 9 on every open connection. With `resumable: false` the session is dropped server-side. */
  invalidateSessions(resumable: boolean): void {
    for (const conn of this.connections) {
      if (!resumable && conn.session) conn.session.ended = true;
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** op 7 RECONNECT on every open connection (discord.js then reconnects and resumes). */
  requestReconnect(): void {
    for (const conn of this.connections) this.send(conn, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** op 1 from the server: asks clients to heartbeat immediately. */
  requestHeartbeat(): void {
    for (const conn of this.connections) this.send(conn, { op: GatewayOpcodes.Heartbeat, d: null, s: null, t: null });
  }

  async close(): Promise<void> {
    for (const conn of this.connections) conn.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function redact(op: number, d: unknown): unknown {
  if ((op === GatewayOpcodes.Identify || op === GatewayOpcodes.Resume) && isRecord(d) && 'token' in d) {
    return { ...d, token: '[redacted]' };
  }
  return d;
}

const GUILD_EVENTS = new Set([
  'GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE', 'GUILD_ROLE_CREATE', 'GUILD_ROLE_UPDATE', 'GUILD_ROLE_DELETE',
  'CHANNEL_CREATE', 'CHANNEL_UPDATE', 'CHANNEL_DELETE', 'CHANNEL_PINS_UPDATE', 'THREAD_CREATE', 'THREAD_UPDATE',
  'THREAD_DELETE', 'THREAD_LIST_SYNC', 'THREAD_MEMBER_UPDATE', 'STAGE_INSTANCE_CREATE', 'STAGE_INSTANCE_UPDATE',
  'STAGE_INSTANCE_DELETE',
]);

/**
 * Applies Discord's intent rules. Returns undefined when the session must not receive the event,
 * else the (possibly content-stripped) data.
 */
export function filterForIntents(intents: number, t: string, d: unknown): unknown {
  const has = (bit: number) => (intents & bit) !== 0;
  if (GUILD_EVENTS.has(t)) return has(GatewayIntentBits.Guilds) ? d : undefined;
  if (t.startsWith('GUILD_MEMBER_') && t !== 'GUILD_MEMBERS_CHUNK') return has(GatewayIntentBits.GuildMembers) ? d : undefined;
  const inGuild = isRecord(d) && typeof d.guild_id === 'string';
  if (t === 'MESSAGE_CREATE' || t === 'MESSAGE_UPDATE' || t === 'MESSAGE_DELETE' || t === 'MESSAGE_DELETE_BULK') {
    if (!has(inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages)) return undefined;
    if ((t === 'MESSAGE_CREATE' || t === 'MESSAGE_UPDATE') && inGuild && !has(GatewayIntentBits.MessageContent) && isRecord(d)) {
      const author = isRecord(d.author) ? d.author.id : undefined;
      const mentioned = Array.isArray(d.mentions) && d.mentions.some((u) => isRecord(u) && u.id === BOT_USER_ID);
      if (author !== BOT_USER_ID && !mentioned) {
        const { poll: _poll, ...rest } = d;
        return { ...rest, content: '', embeds: [], attachments: [], components: [] };
      }
    }
    return d;
  }
  if (t.startsWith('MESSAGE_REACTION_')) {
    return has(inGuild ? GatewayIntentBits.GuildMessageReactions : GatewayIntentBits.DirectMessageReactions) ? d : undefined;
  }
  if (t === 'TYPING_START') {
    return has(inGuild ? GatewayIntentBits.GuildMessageTyping : GatewayIntentBits.DirectMessageTyping) ? d : undefined;
  }
  if (t === 'PRESENCE_UPDATE') return has(GatewayIntentBits.GuildPresences) ? d : undefined;
  return d;
}
