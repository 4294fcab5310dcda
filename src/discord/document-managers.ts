// Who may add and remove documents: members with Manage Server, and members holding a role listed
// in DOCUMENT_MANAGER_ROLE_IDS. Only in a server (a DM has no members or roles to check).
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from './context.js';

export type ManagerCheck = { ok: true } | { ok: false; problem: 'dm' | 'permission' };

function memberRoleIds(interaction: ChatInputCommandInteraction<'cached' | 'raw'>): string[] {
  const roles = interaction.member.roles;
  // A raw API member (guild not cached) has role ids; a cached GuildMember has a role manager.
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

export function checkDocumentManager(interaction: ChatInputCommandInteraction, context: BotContext): ManagerCheck {
  if (!interaction.inGuild()) return { ok: false, problem: 'dm' };
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return { ok: true };
  const allowed = context.config.discord.documentManagerRoleIds;
  if (allowed.length > 0 && memberRoleIds(interaction).some((id) => allowed.includes(id))) return { ok: true };
  return { ok: false, problem: 'permission' };
}
