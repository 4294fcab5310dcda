/** Loopback Discord for end-to-end tests: see server.ts for what it emulates and its limits. */
export { startLoopbackDiscord, LoopbackDiscord, noIdentifyThrottle } from './server.js';
export type { LoopbackDiscordOptions, WaitOptions, InteractionState } from './server.js';
export type { RecordedRequest, RecordedFile, FaultSpec, FaultHandle } from './rest.js';
export type { GatewayLogEntry } from './gateway.js';
export type { AttachmentOptions, AttachmentDownload } from './attachments.js';
export type {
  SlashCommandOptions,
  AutocompleteOptions,
  ComponentOptions,
  ModalSubmitOptions,
  UserMessageOptions,
  InteractionContextOptions,
  OptionValue,
} from './payloads.js';
export { defaultGuild, makeMember } from './world.js';
export { copyGuild, guildIdOnShard, shardOfEvent, shardOfGuild } from './sharding.js';
export type { GuildCreatePayload, World } from './world.js';
export * from './constants.js';
