// Registers the slash commands with Discord: in one server when DISCORD_GUILD_ID is set (instant,
// for development), globally otherwise.
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { ConfigError, type Config } from '../config.js';
import { commands } from './commands/index.js';

export interface Registration {
  scope: 'guild' | 'global';
  guildId?: string;
  names: string[];
}

export function commandPayloads() {
  return commands.map((command) => command.data.toJSON());
}

export async function registerCommands(config: Config): Promise<Registration> {
  const { token, clientId, guildId, apiBase } = config.discord;
  const missing = [!token && 'DISCORD_TOKEN', !clientId && 'DISCORD_CLIENT_ID'].filter(Boolean);
  if (!token || !clientId) {
    throw new ConfigError(`Set ${missing.join(' and ')} (in .env or the environment) to register commands; both are on the Developer Portal page of your application.`);
  }
  const rest = new REST({ version: '10', ...(apiBase ? { api: apiBase } : {}) }).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, { body: commandPayloads() })) as { name: string }[];
  return { scope: guildId ? 'guild' : 'global', guildId, names: registered.map((command) => command.name) };
}

/** A message a user can act on for a failed registration. */
export function explainRegistrationError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token).';
    if (error.status === 403 || error.status === 404) {
      return `Discord refused the registration (${error.status}: ${error.message}): check that DISCORD_CLIENT_ID is this bot's application id and that the bot is in server DISCORD_GUILD_ID (invited with the applications.commands scope).`;
    }
  }
  return `Could not register commands: ${error instanceof Error ? error.message : String(error)}`;
}
