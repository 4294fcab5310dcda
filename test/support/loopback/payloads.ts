/**
 * Builders for realistic Discord payloads: stored message objects, MESSAGE_CREATE dispatches,
 * and INTERACTION_CREATE payloads (slash command, autocomplete, button, string select, modal submit).
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIApplicationCommandAutocompleteInteraction,
  APIAttachment,
  APIChannel,
  APIChatInputApplicationCommandInteraction,
  APIEmbed,
  APIInteraction,
  APIInteractionDataResolved,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIMessageComponentSelectMenuInteraction,
  APIMessageTopLevelComponent,
  APIModalSubmitInteraction,
  APIUser,
  APIUserWithMember,
  GatewayMessageCreateDispatchData,
  MessageFlags,
} from 'discord.js';
import { APPLICATION_ID, BOT_USER, BOT_USER_ID, GUILD_ID, MEMBER_USER, TEXT_CHANNEL_ID, newSnowflake } from './constants.js';
import { isRecord } from './validation.js';
import type { StoredInteraction, World } from './world.js';

/** Permissions Discord reports as `app_permissions` in a bot DM. */
export const DM_APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles | PermissionFlagsBits.ReadMessageHistory | PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis | PermissionFlagsBits.MentionEveryone | PermissionFlagsBits.UseApplicationCommands;

export function isoNow(): string {
  return new Date().toISOString().replace('Z', '000+00:00');
}

// ---------------------------------------------------------------------------------------------
// Mentions

/** Which mentions Discord would actually resolve, honouring `allowed_mentions`. */
export function resolveMentions(
  world: World,
  content: string,
  allowedMentions: unknown,
  repliedUser: APIUser | null,
): { users: APIUser[]; roles: string[]; everyone: boolean } {
  const specified = isRecord(allowedMentions);
  const parse = specified && Array.isArray(allowedMentions.parse) ? allowedMentions.parse.map(String) : null;
  const explicitUsers = specified && Array.isArray(allowedMentions.users) ? allowedMentions.users.map(String) : [];
  const explicitRoles = specified && Array.isArray(allowedMentions.roles) ? allowedMentions.roles.map(String) : [];
  const allows = (kind: string) => !specified || (parse !== null && parse.includes(kind));

  const users: APIUser[] = [];
  for (const m of content.matchAll(/<@!?(\d{17,20})>/g)) {
    const id = m[1] ?? '';
    const user = world.users.get(id);
    if (user && (allows('users') || explicitUsers.includes(id)) && !users.some((u) => u.id === id)) users.push(user);
  }
  if (repliedUser) {
    const repliedAllowed = specified ? allowedMentions.replied_user === true : true;
    if (repliedAllowed && !users.some((u) => u.id === repliedUser.id)) users.push(repliedUser);
  }
  const roles: string[] = [];
  for (const m of content.matchAll(/<@&(\d{17,20})>/g)) {
    const id = m[1] ?? '';
    if ((allows('roles') || explicitRoles.includes(id)) && !roles.includes(id)) roles.push(id);
  }
  const everyone = /@(everyone|here)/.test(content) && allows('everyone');
  return { users, roles, everyone };
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface MessageInit {
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  type?: MessageType;
  attachments?: APIAttachment[];
  allowedMentions?: unknown;
  /** Referenced message (reply). */
  reference?: APIMessage | null;
  webhookId?: string;
  applicationId?: string;
  interaction?: StoredInteraction;
  nonce?: string | number;
  tts?: boolean;
  id?: string;
}

/** A message object as Discord's REST API returns it (no guild_id/member; those are gateway extras). */
export function buildMessage(world: World, init: MessageInit): APIMessage {
  const content = init.content ?? '';
  const replied = init.reference ? init.reference.author : null;
  const mentions = resolveMentions(world, content, init.allowedMentions, replied);
  const msg: APIMessage = {
    id: init.id ?? newSnowflake(),
    channel_id: init.channelId,
    author: init.author,
    content,
    timestamp: isoNow(),
    edited_timestamp: null,
    tts: init.tts ?? false,
    mention_everyone: mentions.everyone,
    mentions: mentions.users,
    mention_roles: mentions.roles,
    attachments: init.attachments ?? [],
    embeds: (init.embeds ?? []).map(normalizeEmbed),
    components: init.components ?? [],
    pinned: false,
    type: init.type ?? (init.reference ? MessageType.Reply : MessageType.Default),
    flags: (init.flags ?? 0) as MessageFlags,
  };
  if (init.nonce !== undefined) msg.nonce = init.nonce;
  if (init.webhookId) msg.webhook_id = init.webhookId;
  if (init.applicationId) msg.application_id = init.applicationId;
  if (init.reference) {
    msg.message_reference = {
      type: 0,
      message_id: init.reference.id,
      channel_id: init.reference.channel_id,
      ...(world.guildOfChannel(init.reference.channel_id) ? { guild_id: world.guildOfChannel(init.reference.channel_id)?.id } : {}),
    };
    msg.referenced_message = init.reference;
  }
  const i = init.interaction;
  if (i) {
    const data: unknown = i.payload.data;
    const name = isRecord(data) && typeof data.name === 'string' ? data.name : '';
    msg.interaction_metadata = {
      id: i.id,
      type: i.type,
      user: i.user,
      authorizing_integration_owners: i.payload.authorizing_integration_owners,
      ...(i.type === InteractionType.MessageComponent && i.sourceMessageId ? { interacted_message_id: i.sourceMessageId } : {}),
    } as APIMessage['interaction_metadata'];
    if (i.type === InteractionType.ApplicationCommand) {
      msg.interaction = { id: i.id, type: i.type, name, user: i.user };
    }
  }
  return msg;
}

function normalizeEmbed(e: APIEmbed): APIEmbed {
  return { type: 'rich' as APIEmbed['type'], ...e };
}

/** MESSAGE_CREATE/UPDATE dispatch data for a stored message: adds guild_id, member, mentions[].member. */
export function toGatewayMessage(world: World, msg: APIMessage): GatewayMessageCreateDispatchData {
  const guild = world.guildOfChannel(msg.channel_id);
  const channel = world.channels.get(msg.channel_id);
  const out: GatewayMessageCreateDispatchData = {
    ...msg,
    mentions: msg.mentions.map((u): APIUserWithMember => {
      const m = guild ? world.member(guild.id, u.id) : undefined;
      if (!m) return u;
      const { user: _user, ...member } = m;
      return { ...u, member };
    }),
  };
  // Discord adds channel_type to MESSAGE_CREATE; discord.js uses it to build uncached (DM) channels.
  if (channel) Object.assign(out, { channel_type: channel.type });
  if (guild) {
    out.guild_id = guild.id;
    const m = world.member(guild.id, msg.author.id);
    if (m && !msg.webhook_id) {
      const { user: _user, ...member } = m;
      out.member = member;
    }
  }
  return out;
}

export interface UserMessageOptions {
  content: string;
  /** Default: the plain member (MEMBER_USER). */
  author?: APIUser;
  /** Default: TEXT_CHANNEL_ID (or the author's DM channel when `dm`). */
  channelId?: string;
  /** Default: the guild owning `channelId`. */
  guildId?: string;
  /** Users mentioned. Default: parsed from `<@id>` tokens in `content`. */
  mentions?: APIUser[];
  /** Send as a DM to the bot (no guild_id, DM channel). */
  dm?: boolean;
  embeds?: APIEmbed[];
  attachments?: APIAttachment[];
  /** Id of the message this one replies to. */
  replyTo?: string;
}

/** MESSAGE_CREATE payload from a human; the message is also stored (GET/reply work on it). */
export function userMessage(world: World, opts: UserMessageOptions): GatewayMessageCreateDispatchData {
  const author = opts.author ?? MEMBER_USER;
  let channelId: string;
  if (opts.dm) channelId = opts.channelId ?? world.dmChannelFor(author).id;
  else {
    channelId = opts.channelId ?? TEXT_CHANNEL_ID;
    const guild = world.guildOfChannel(channelId);
    if (!guild) throw new Error(`loopback: message(): unknown guild channel ${channelId} (use dm: true for DMs)`);
    if (opts.guildId && opts.guildId !== guild.id) throw new Error(`loopback: channel ${channelId} is not in guild ${opts.guildId}`);
    world.ensureMember(guild.id, author);
  }
  const reference = opts.replyTo ? world.messages.get(opts.replyTo) ?? null : null;
  const msg = buildMessage(world, {
    channelId,
    author,
    content: opts.content,
    embeds: opts.embeds,
    attachments: opts.attachments,
    reference,
  });
  if (opts.mentions) msg.mentions = opts.mentions;
  world.storeMessage(msg);
  return toGatewayMessage(world, msg);
}

// ---------------------------------------------------------------------------------------------
// Interactions

export interface InteractionContextOptions {
  /** Invoking user. Default: MEMBER_USER. */
  user?: APIUser;
  /** Default: the guild of `channelId` (GUILD_ID). Ignored with `dm`. */
  guildId?: string;
  /** Default: TEXT_CHANNEL_ID (or the user's DM channel with `dm`). */
  channelId?: string;
  /** Override the computed `member.permissions` (bigint or decimal string). */
  memberPermissions?: bigint | string;
  /** Invoke from the DM with the bot (no guild, `user` instead of `member`). */
  dm?: boolean;
  locale?: Locale;
}

function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(96).toString('base64url')}`;
}

interface Base {
  id: string;
  application_id: string;
  token: string;
  version: 1;
  locale: Locale;
  entitlements: [];
  attachment_size_limit: number;
  authorizing_integration_owners: Partial<Record<ApplicationIntegrationType, string>>;
  app_permissions: string;
  context: InteractionContextType;
  channel: Partial<APIChannel> & Pick<APIChannel, 'id' | 'type'>;
  channel_id: string;
  guild_id?: string;
  guild?: { id: string; locale: Locale; features: [] };
  guild_locale?: Locale;
  member?: APIInteractionGuildMember;
  user?: APIUser;
}

function baseInteraction(world: World, opts: InteractionContextOptions, channelHint?: string): Base {
  const user = opts.user ?? MEMBER_USER;
  world.users.set(user.id, user);
  const id = newSnowflake();
  const token = interactionToken();
  const common = {
    id,
    application_id: APPLICATION_ID,
    token,
    version: 1 as const,
    locale: opts.locale ?? Locale.EnglishUS,
    entitlements: [] as [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (opts.dm) {
    const dm = world.dmChannelFor(user);
    return {
      ...common,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
      app_permissions: DM_APP_PERMISSIONS.toString(),
      context: InteractionContextType.BotDM,
      channel: { ...dm },
      channel_id: dm.id,
      user,
    };
  }
  const channelId = opts.channelId ?? channelHint ?? TEXT_CHANNEL_ID;
  const channel = world.channels.get(channelId);
  const guild = world.guildOfChannel(channelId) ?? world.guilds.get(opts.guildId ?? GUILD_ID);
  if (!channel || !guild) throw new Error(`loopback: unknown guild channel ${channelId}`);
  const member = world.ensureMember(guild.id, user);
  const perms =
    opts.memberPermissions !== undefined
      ? BigInt(opts.memberPermissions)
      : world.permissions(guild.id, user.id, channelId);
  return {
    ...common,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
    app_permissions: world.permissions(guild.id, BOT_USER_ID, channelId).toString(),
    context: InteractionContextType.Guild,
    channel: { ...channel, permissions: perms.toString() } as unknown as Base['channel'],
    channel_id: channelId,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.preferred_locale, features: [] },
    guild_locale: guild.preferred_locale,
    member: { ...member, user, permissions: perms.toString() },
  };
}

function store(world: World, payload: APIInteraction, sourceMessageId: string | null = null): void {
  const user = payload.member?.user ?? payload.user;
  if (!user) throw new Error('loopback: interaction without user');
  world.registerInteraction({
    id: payload.id,
    token: payload.token,
    type: payload.type,
    payload,
    user,
    channelId: payload.channel?.id ?? null,
    guildId: payload.guild_id ?? null,
    dispatchedAt: null,
    ack: null,
    originalMessageId: null,
    followUpIds: [],
    sourceMessageId,
  });
}

export type OptionValue = string | number | boolean;

export interface SlashCommandOptions extends InteractionContextOptions {
  name: string;
  /**
   * Option values by name (types come from the registered command when there is one, else
   * string → STRING, boolean → BOOLEAN, integer → INTEGER, other number → NUMBER), or raw
   * option objects exactly as Discord sends them.
   */
  options?: Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[];
  /** Subcommand to invoke (options then belong to it). */
  subcommand?: string;
  subcommandGroup?: string;
}

function inferType(v: OptionValue): ApplicationCommandOptionType {
  if (typeof v === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof v === 'number') return Number.isInteger(v) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function optionDefs(defs: APIApplicationCommandOption[] | undefined, path: string[]): APIApplicationCommandOption[] | undefined {
  let current = defs;
  for (const name of path) {
    const next = current?.find((o) => o.name === name);
    if (!next || !('options' in next)) return undefined;
    current = next.options as APIApplicationCommandOption[] | undefined;
  }
  return current;
}

function buildOptions(
  world: World,
  values: Record<string, OptionValue>,
  defs: APIApplicationCommandOption[] | undefined,
  commandName: string,
  focused: string | null,
  resolved: APIInteractionDataResolved,
  guildId: string | null,
): APIApplicationCommandInteractionDataBasicOption[] {
  const out: APIApplicationCommandInteractionDataBasicOption[] = [];
  for (const [name, value] of Object.entries(values)) {
    const def = defs?.find((d) => d.name === name);
    if (defs && !def) throw new Error(`loopback: /${commandName} has no option "${name}" (registered: ${defs.map((d) => d.name).join(', ') || 'none'})`);
    const type = def ? def.type : inferType(value);
    if (name === focused) {
      out.push({ name, type, value: String(value), focused: true } as APIApplicationCommandInteractionDataBasicOption);
      continue;
    }
    if (type === ApplicationCommandOptionType.User || type === ApplicationCommandOptionType.Mentionable) {
      const user = world.users.get(String(value));
      if (user) {
        resolved.users = { ...resolved.users, [user.id]: user };
        const m = guildId ? world.member(guildId, user.id) : undefined;
        if (m && guildId) {
          const { user: _u, ...rest } = m;
          resolved.members = { ...resolved.members, [user.id]: { ...rest, permissions: world.permissions(guildId, user.id).toString() } };
        }
      }
    } else if (type === ApplicationCommandOptionType.Attachment) {
      // The value is the attachment's id; Discord sends the attachment itself in `resolved`.
      const attachment = world.attachments.get(String(value));
      if (!attachment) throw new Error(`loopback: /${commandName} option "${name}": unknown attachment ${String(value)} (create it with addAttachment())`);
      resolved.attachments = { ...resolved.attachments, [attachment.id]: attachment };
    } else if (type === ApplicationCommandOptionType.Channel) {
      const ch = world.channels.get(String(value));
      if (ch) {
        resolved.channels = {
          ...resolved.channels,
          [ch.id]: { id: ch.id, type: ch.type, name: 'name' in ch ? (ch.name ?? null) : null, permissions: '0' } as NonNullable<APIInteractionDataResolved['channels']>[string],
        };
      }
    }
    out.push({ name, type, value } as APIApplicationCommandInteractionDataBasicOption);
  }
  if (defs && focused === null) {
    for (const d of defs) {
      if ('required' in d && d.required && !(d.name in values)) {
        throw new Error(`loopback: /${commandName} requires option "${d.name}" (Discord would not send the command without it)`);
      }
    }
  }
  return out;
}

function commandData(
  world: World,
  opts: SlashCommandOptions,
  guildId: string | null,
  focused: string | null,
): APIChatInputApplicationCommandInteraction['data'] {
  const registered = world.findCommand(opts.name, guildId);
  const resolved: APIInteractionDataResolved = {};
  let options: APIApplicationCommandInteractionDataOption[] | undefined;
  if (Array.isArray(opts.options)) options = opts.options;
  else {
    const path = [opts.subcommandGroup, opts.subcommand].filter((x): x is string => typeof x === 'string');
    const defs = registered ? (optionDefs(registered.options, path) ?? []) : undefined;
    const leaf = buildOptions(world, opts.options ?? {}, defs, opts.name, focused, resolved, guildId);
    if (opts.subcommand) {
      const sub = { name: opts.subcommand, type: ApplicationCommandOptionType.Subcommand, options: leaf } as APIApplicationCommandInteractionDataOption;
      options = opts.subcommandGroup
        ? [{ name: opts.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub] } as APIApplicationCommandInteractionDataOption]
        : [sub];
    } else options = leaf.length > 0 ? leaf : undefined;
  }
  const data: APIChatInputApplicationCommandInteraction['data'] = {
    id: registered?.id ?? newSnowflake(),
    name: opts.name,
    type: ApplicationCommandType.ChatInput,
  };
  if (registered?.guild_id) data.guild_id = registered.guild_id;
  if (options) data.options = options;
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  return data;
}

export function slashCommand(world: World, opts: SlashCommandOptions): APIChatInputApplicationCommandInteraction {
  const base = baseInteraction(world, opts);
  const payload = {
    ...base,
    type: InteractionType.ApplicationCommand,
    data: commandData(world, opts, base.guild_id ?? null, null),
  } as APIChatInputApplicationCommandInteraction;
  store(world, payload);
  return payload;
}

export interface AutocompleteOptions extends Omit<SlashCommandOptions, 'options'> {
  /** The option being typed in, with the partial text typed so far. */
  focusedOption: { name: string; value: string };
  /** Other options already filled in. */
  options?: Record<string, OptionValue>;
}

export function autocomplete(world: World, opts: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction {
  const base = baseInteraction(world, opts);
  const values: Record<string, OptionValue> = { ...(opts.options ?? {}), [opts.focusedOption.name]: opts.focusedOption.value };
  const payload = {
    ...base,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: commandData(world, { ...opts, options: values }, base.guild_id ?? null, opts.focusedOption.name),
  } as APIApplicationCommandAutocompleteInteraction;
  store(world, payload);
  return payload;
}

export interface ComponentOptions extends Omit<InteractionContextOptions, 'channelId' | 'dm'> {
  customId: string;
  /** The message carrying the component, or its id (must be stored, e.g. a bot reply). */
  message: APIMessage | string;
}

function resolveMessage(world: World, m: APIMessage | string): APIMessage {
  const msg = typeof m === 'string' ? world.messages.get(m) : (world.messages.get(m.id) ?? m);
  if (!msg) throw new Error(`loopback: unknown message ${String(m)}`);
  return msg;
}

function componentBase(world: World, opts: ComponentOptions): { base: Base; msg: APIMessage } {
  const msg = resolveMessage(world, opts.message);
  const channel = world.channels.get(msg.channel_id);
  const dm = channel?.type === ChannelType.DM;
  const base = baseInteraction(world, { ...opts, dm, channelId: msg.channel_id }, msg.channel_id);
  return { base, msg };
}

export function button(world: World, opts: ComponentOptions): APIMessageComponentButtonInteraction {
  const { base, msg } = componentBase(world, opts);
  const payload = {
    ...base,
    type: InteractionType.MessageComponent,
    message: msg,
    data: { custom_id: opts.customId, component_type: ComponentType.Button },
  } as APIMessageComponentButtonInteraction;
  store(world, payload, msg.id);
  return payload;
}

export function stringSelect(world: World, opts: ComponentOptions & { values: string[] }): APIMessageComponentSelectMenuInteraction {
  const { base, msg } = componentBase(world, opts);
  const payload = {
    ...base,
    type: InteractionType.MessageComponent,
    message: msg,
    data: { custom_id: opts.customId, component_type: ComponentType.StringSelect, values: opts.values },
  } as APIMessageComponentSelectMenuInteraction;
  store(world, payload, msg.id);
  return payload;
}

export interface ModalSubmitOptions extends InteractionContextOptions {
  customId: string;
  /** Text input values by custom_id. */
  fields: Record<string, string>;
  /** Message the modal was opened from (component-triggered modals). */
  message?: APIMessage | string;
}

export function modalSubmit(world: World, opts: ModalSubmitOptions): APIModalSubmitInteraction {
  const msg = opts.message ? resolveMessage(world, opts.message) : undefined;
  const base = baseInteraction(world, msg ? { ...opts, channelId: msg.channel_id } : opts);
  const payload = {
    ...base,
    type: InteractionType.ModalSubmit,
    ...(msg ? { message: msg } : {}),
    data: {
      custom_id: opts.customId,
      components: Object.entries(opts.fields).map(([customId, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
      })),
    },
  } as APIModalSubmitInteraction;
  store(world, payload, msg?.id ?? null);
  return payload;
}

export { BOT_USER };
