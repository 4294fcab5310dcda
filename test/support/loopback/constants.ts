/**
 * Fixed identities of the loopback Discord world: ids, token, users, permission sets.
 *
 * Every id is a real snowflake (17-19 digits, Discord epoch) so discord.js's REST
 * bucket logic (which matches `\d{17,19}`) and `SnowflakeUtil` behave as in production.
 */
import { PermissionFlagsBits } from 'discord.js';
import type { APIUser, UserFlags } from 'discord.js';

const NO_USER_FLAGS = 0 as UserFlags;

export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Snowflake for a fixed instant; `increment` distinguishes ids minted at the same instant. */
export function snowflakeAt(timestampMs: number, increment = 0): string {
  return (((BigInt(timestampMs) - DISCORD_EPOCH) << 22n) | (1n << 17n) | BigInt(increment & 0xfff)).toString();
}

let counter = 0;
/** A fresh, unique, time-ordered snowflake. */
export function newSnowflake(): string {
  counter = (counter + 1) & 0xfff;
  // Keep ids strictly increasing even when more than 4096 are minted in one millisecond.
  const now = Math.max(Date.now(), lastTimestamp + (counter === 0 ? 1 : 0));
  lastTimestamp = now;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | (2n << 17n) | BigInt(counter)).toString();
}
let lastTimestamp = 0;

const T2021 = Date.UTC(2021, 5, 1);
const T2022 = Date.UTC(2022, 2, 14);
const T2023 = Date.UTC(2023, 8, 9);

/** Application id (differs from the bot user id, as for older applications: use the right one!). */
export const APPLICATION_ID = snowflakeAt(T2021, 1);
/** The bot's user id. */
export const BOT_USER_ID = snowflakeAt(T2021, 2);
export const GUILD_ID = snowflakeAt(T2022, 1);
/** The @everyone role id equals the guild id, as on Discord. */
export const EVERYONE_ROLE_ID = GUILD_ID;
export const ADMIN_ROLE_ID = snowflakeAt(T2022, 2);
/** Managed role Discord creates for the bot (tags.bot_id). */
export const BOT_ROLE_ID = snowflakeAt(T2022, 3);
export const CATEGORY_CHANNEL_ID = snowflakeAt(T2022, 10);
/** #general: a text channel everybody, including the bot, can write to. */
export const TEXT_CHANNEL_ID = snowflakeAt(T2022, 11);
/** #questions: a forum channel (type 15) with tags. */
export const FORUM_CHANNEL_ID = snowflakeAt(T2022, 12);
/** #announcements: a text channel where a member overwrite denies the bot SEND_MESSAGES. */
export const READONLY_CHANNEL_ID = snowflakeAt(T2022, 13);
export const FORUM_TAG_IDS = { question: snowflakeAt(T2022, 20), answered: snowflakeAt(T2022, 21) } as const;

export const OWNER_USER_ID = snowflakeAt(T2023, 1);
export const ADMIN_USER_ID = snowflakeAt(T2023, 2);
export const MEMBER_USER_ID = snowflakeAt(T2023, 3);

/**
 * Bot token. Looks like a real one (base64 user id . timestamp . hmac) so discord.js's
 * token censoring works. The server answers 401 to any other `Authorization: Bot ...`.
 */
export const LOOPBACK_TOKEN = `${Buffer.from(BOT_USER_ID).toString('base64url')}.GlOopB.${'x'.repeat(38)}`;

export const BOT_USER: APIUser = {
  id: BOT_USER_ID,
  username: 'Footnote',
  discriminator: '4821',
  global_name: null,
  avatar: null,
  bot: true,
  flags: NO_USER_FLAGS,
  public_flags: NO_USER_FLAGS,
  banner: null,
  accent_color: null,
};

function human(id: string, username: string, globalName: string): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: globalName,
    avatar: null,
    flags: NO_USER_FLAGS,
    public_flags: NO_USER_FLAGS,
    banner: null,
    accent_color: null,
  };
}

/** Guild owner (implicitly has every permission). */
export const OWNER_USER: APIUser = human(OWNER_USER_ID, 'olga.owner', 'Olga');
/** Holds the Admin role (ADMINISTRATOR, which implies MANAGE_GUILD). Not the owner. */
export const ADMIN_USER: APIUser = human(ADMIN_USER_ID, 'ada.admin', 'Ada');
/** Plain member with only @everyone permissions. */
export const MEMBER_USER: APIUser = human(MEMBER_USER_ID, 'max.member', 'Max');

export const KNOWN_USERS: readonly APIUser[] = [BOT_USER, OWNER_USER, ADMIN_USER, MEMBER_USER];

/** Every permission bit discord.js knows about. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** @everyone in the default guild: roughly Discord's defaults for a new server. */
export const EVERYONE_PERMISSIONS: bigint =
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.Stream |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.UseExternalStickers |
  PermissionFlagsBits.SendVoiceMessages |
  PermissionFlagsBits.SendPolls;

/** Permissions of the bot's managed role (what an invite link with these scopes would grant). */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

/** Route names as recorded on `RecordedRequest.route`, and paths for `failNext`, of the interaction endpoints. */
export const INTERACTION_ROUTES = {
  callback: 'POST /interactions/:interaction/:token/callback',
  editOriginal: 'PATCH /webhooks/:app/:token/messages/:message',
  followUp: 'POST /webhooks/:app/:token',
  callbackPath: /^\/interactions\/\d+\/[^/]+\/callback$/,
  editOriginalPath: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
} as const;
