/**
 * The loopback server's model of Discord state: users, guilds (roles, members, channels),
 * threads, DM channels, messages, application commands and interactions, plus Discord's
 * permission algorithm (base role permissions, ADMINISTRATOR/owner, channel overwrites).
 */
import {
  ChannelType,
  ForumLayoutType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  OverwriteType,
  PermissionFlagsBits,
  SortOrderType,
} from 'discord.js';
import type {
  APIApplicationCommand,
  APIAttachment,
  ChannelFlags,
  GuildMemberFlags,
  RoleFlags,
  APIChannel,
  APIDMChannel,
  APIGuildCategoryChannel,
  APIGuildForumChannel,
  APIGuildMember,
  APIInteraction,
  APIMessage,
  APIOverwrite,
  APIRole,
  APITextChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
  GuildHubType,
  InteractionResponseType,
  InteractionType,
} from 'discord.js';
import {
  ADMIN_ROLE_ID,
  ADMIN_USER,
  ALL_PERMISSIONS,
  BOT_ROLE_ID,
  BOT_USER,
  BOT_USER_ID,
  CATEGORY_CHANNEL_ID,
  EVERYONE_PERMISSIONS,
  FORUM_CHANNEL_ID,
  FORUM_TAG_IDS,
  GUILD_ID,
  KNOWN_USERS,
  MEMBER_USER,
  OWNER_USER,
  OWNER_USER_ID,
  READONLY_CHANNEL_ID,
  TEXT_CHANNEL_ID,
  newSnowflake,
} from './constants.js';

export type GuildCreatePayload = GatewayGuildCreateDispatchData;

const NO_CHANNEL_FLAGS = 0 as ChannelFlags;
const JOINED_AT = '2022-03-14T12:00:00.000000+00:00';

function role(id: string, name: string, permissions: bigint, position: number, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

export function makeMember(user: APIUser, roles: string[], joinedAt = JOINED_AT): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

/**
 * GUILD_CREATE payload of the default guild "Footnote Lab": roles @everyone/Admin/Footnote (bot),
 * a category, #general (text), #questions (forum with tags), #announcements (text, bot may not send).
 * Members: owner, admin, plain member, the bot.
 */
export function defaultGuild(botPermissions: bigint): GuildCreatePayload {
  const textBase = {
    guild_id: GUILD_ID,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    last_pin_timestamp: null,
    parent_id: CATEGORY_CHANNEL_ID,
    default_auto_archive_duration: 1440,
    default_thread_rate_limit_per_user: 0,
    flags: NO_CHANNEL_FLAGS,
  } as const;
  const category: APIGuildCategoryChannel = {
    id: CATEGORY_CHANNEL_ID,
    type: ChannelType.GuildCategory,
    guild_id: GUILD_ID,
    name: 'Text Channels',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    flags: NO_CHANNEL_FLAGS,
  };
  const general: APITextChannel = {
    ...textBase,
    id: TEXT_CHANNEL_ID,
    type: ChannelType.GuildText,
    name: 'general',
    topic: 'Ask Footnote about the docs',
    position: 0,
    permission_overwrites: [],
  };
  const announcements: APITextChannel = {
    ...textBase,
    id: READONLY_CHANNEL_ID,
    type: ChannelType.GuildText,
    name: 'announcements',
    topic: null,
    position: 2,
    permission_overwrites: [
      {
        id: BOT_USER_ID,
        type: OverwriteType.Member,
        allow: '0',
        deny: (PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads |
          PermissionFlagsBits.CreatePublicThreads).toString(),
      },
    ],
  };
  const forum: APIGuildForumChannel = {
    id: FORUM_CHANNEL_ID,
    type: ChannelType.GuildForum,
    guild_id: GUILD_ID,
    name: 'questions',
    topic: 'One post per question',
    position: 1,
    parent_id: CATEGORY_CHANNEL_ID,
    permission_overwrites: [],
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    default_auto_archive_duration: 4320,
    default_thread_rate_limit_per_user: 0,
    flags: NO_CHANNEL_FLAGS,
    available_tags: [
      { id: FORUM_TAG_IDS.question, name: 'question', moderated: false, emoji_id: null, emoji_name: '❓' },
      { id: FORUM_TAG_IDS.answered, name: 'answered', moderated: false, emoji_id: null, emoji_name: '✅' },
    ],
    default_reaction_emoji: null,
    default_sort_order: SortOrderType.LatestActivity,
    default_forum_layout: ForumLayoutType.ListView,
  };
  const members = [
    makeMember(OWNER_USER, []),
    makeMember(ADMIN_USER, [ADMIN_ROLE_ID]),
    makeMember(MEMBER_USER, []),
    makeMember(BOT_USER, [BOT_ROLE_ID], new Date().toISOString()),
  ];
  return {
    id: GUILD_ID,
    name: 'Footnote Lab',
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: OWNER_USER_ID,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [
      role(GUILD_ID, '@everyone', EVERYONE_PERMISSIONS, 0),
      role(ADMIN_ROLE_ID, 'Admin', PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild, 2, {
        hoist: true,
        color: 0xe67e22,
        colors: { primary_color: 0xe67e22, secondary_color: null, tertiary_color: null },
      }),
      role(BOT_ROLE_ID, 'Footnote', botPermissions, 1, { managed: true, tags: { bot_id: BOT_USER_ID } }),
    ],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: TEXT_CHANNEL_ID,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    approximate_member_count: members.length,
    approximate_presence_count: 1,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null as GuildHubType | null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    // GUILD_CREATE extras
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels: [category, general, forum, announcements],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface StoredInteraction {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  user: APIUser;
  channelId: string | null;
  guildId: string | null;
  /** Set when the payload went out over the gateway (starts the 3 s acknowledgement deadline). */
  dispatchedAt: number | null;
  /** The initial callback, once accepted. */
  ack: { type: InteractionResponseType; at: number; body: unknown } | null;
  /** Message id that `@original` designates (reply / deferred reply / the component's message). */
  originalMessageId: string | null;
  followUpIds: string[];
  /** For component interactions: the message the component sits on. */
  sourceMessageId: string | null;
}

export class World {
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildCreatePayload>();
  readonly channels = new Map<string, APIChannel>();
  readonly messages = new Map<string, APIMessage>();
  /** Message ids per channel, in creation order. */
  readonly channelMessageIds = new Map<string, string[]>();
  readonly dmChannelByUser = new Map<string, string>();
  globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, StoredInteraction>();
  readonly interactionsByToken = new Map<string, StoredInteraction>();
  /** Attachments users uploaded (see attachments.ts), by id, for `data.resolved.attachments`. */
  readonly attachments = new Map<string, APIAttachment>();

  constructor(guilds: GuildCreatePayload[]) {
    for (const u of KNOWN_USERS) this.users.set(u.id, u);
    for (const g of guilds) this.addGuild(g);
  }

  addGuild(guild: GuildCreatePayload): void {
    this.guilds.set(guild.id, guild);
    for (const m of guild.members) if (m.user) this.users.set(m.user.id, m.user);
    // Same objects as in the GUILD_CREATE payload, so REST edits show up after a re-identify too.
    for (const c of [...guild.channels, ...guild.threads]) {
      c.guild_id = guild.id;
      this.channels.set(c.id, c);
    }
  }

  guildOfChannel(channelId: string): GuildCreatePayload | undefined {
    const ch = this.channels.get(channelId);
    if (!ch || !('guild_id' in ch) || !ch.guild_id) return undefined;
    return this.guilds.get(ch.guild_id);
  }

  member(guildId: string, userId: string): APIGuildMember | undefined {
    return this.guilds.get(guildId)?.members.find((m) => m.user.id === userId);
  }

  /** Adds a member (default: no extra roles) if the user is not yet in the guild. */
  ensureMember(guildId: string, user: APIUser): APIGuildMember {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`loopback: unknown guild ${guildId}`);
    this.users.set(user.id, user);
    let m = guild.members.find((x) => x.user.id === user.id);
    if (!m) {
      m = makeMember(user, []);
      guild.members.push(m);
      guild.member_count += 1;
    }
    return m;
  }

  /** DM channel between the bot and `user`, created on first use (like POST /users/@me/channels). */
  dmChannelFor(user: APIUser): APIDMChannel {
    this.users.set(user.id, user);
    const existing = this.dmChannelByUser.get(user.id);
    if (existing) {
      const ch = this.channels.get(existing);
      if (ch && ch.type === ChannelType.DM) return ch;
    }
    const ch: APIDMChannel = {
      id: newSnowflake(),
      type: ChannelType.DM,
      last_message_id: null,
      flags: NO_CHANNEL_FLAGS,
      recipients: [user],
      name: null,
    };
    this.channels.set(ch.id, ch);
    this.dmChannelByUser.set(user.id, ch.id);
    return ch;
  }

  storeMessage(msg: APIMessage): APIMessage {
    this.messages.set(msg.id, msg);
    let ids = this.channelMessageIds.get(msg.channel_id);
    if (!ids) {
      ids = [];
      this.channelMessageIds.set(msg.channel_id, ids);
    }
    if (!ids.includes(msg.id)) ids.push(msg.id);
    const ch = this.channels.get(msg.channel_id);
    if (ch && 'last_message_id' in ch) (ch as { last_message_id?: string | null }).last_message_id = msg.id;
    return msg;
  }

  deleteChannel(id: string): void {
    const ch = this.channels.get(id);
    this.channels.delete(id);
    if (!ch || !('guild_id' in ch) || !ch.guild_id) return;
    const guild = this.guilds.get(ch.guild_id);
    if (!guild) return;
    guild.channels = guild.channels.filter((c) => c.id !== id);
    guild.threads = guild.threads.filter((c) => c.id !== id);
  }

  deleteMessage(id: string): boolean {
    const msg = this.messages.get(id);
    if (!msg) return false;
    this.messages.delete(id);
    const ids = this.channelMessageIds.get(msg.channel_id);
    if (ids) ids.splice(ids.indexOf(id), 1);
    return true;
  }

  channelMessages(channelId: string): APIMessage[] {
    const ids = this.channelMessageIds.get(channelId) ?? [];
    return ids.map((id) => this.messages.get(id)).filter((m): m is APIMessage => m !== undefined);
  }

  commandsFor(guildId: string | null): APIApplicationCommand[] {
    return guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
  }

  /** Registered command by name: the guild's own first, then global. */
  findCommand(name: string, guildId: string | null): APIApplicationCommand | undefined {
    return (
      (guildId ? this.guildCommands.get(guildId)?.find((c) => c.name === name) : undefined) ??
      this.globalCommands.find((c) => c.name === name)
    );
  }

  registerInteraction(i: StoredInteraction): void {
    this.interactions.set(i.id, i);
    this.interactionsByToken.set(i.token, i);
  }

  /**
   * Discord's permission computation for `userId` in `guildId`, optionally in a channel
   * (threads use their parent's overwrites). Owner and ADMINISTRATOR get everything.
   */
  permissions(guildId: string, userId: string, channelId?: string | null): bigint {
    const guild = this.guilds.get(guildId);
    if (!guild) return 0n;
    if (guild.owner_id === userId) return ALL_PERMISSIONS;
    const member = guild.members.find((m) => m.user.id === userId);
    const roleIds = member ? member.roles : [];
    const roleById = new Map(guild.roles.map((r) => [r.id, r]));
    let perms = BigInt(roleById.get(guild.id)?.permissions ?? '0');
    for (const id of roleIds) perms |= BigInt(roleById.get(id)?.permissions ?? '0');
    if ((perms & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
    if (!channelId) return perms;
    let channel = this.channels.get(channelId);
    if (channel && isThreadType(channel.type) && 'parent_id' in channel && channel.parent_id) {
      channel = this.channels.get(channel.parent_id) ?? channel;
    }
    const overwrites: APIOverwrite[] =
      channel && 'permission_overwrites' in channel && channel.permission_overwrites ? channel.permission_overwrites : [];
    const everyone = overwrites.find((o) => o.id === guild.id);
    if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
    let allow = 0n;
    let deny = 0n;
    for (const o of overwrites) {
      if (o.type === OverwriteType.Role && o.id !== guild.id && roleIds.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
    if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
    if ((perms & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
    return perms;
  }
}

export function isThreadType(type: ChannelType): boolean {
  return (
    type === ChannelType.PublicThread || type === ChannelType.PrivateThread || type === ChannelType.AnnouncementThread
  );
}
