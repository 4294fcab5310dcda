// Who may add and remove documents: members with Manage Server, and members holding a role listed
// in DOCUMENT_MANAGER_ROLE_IDS. Only in a server (a DM has no members or roles to check).
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from './context.js';
import { shuttingDownText } from './question-input.js';
import { documentsInDmText, documentsPermissionText } from './render/document-updates.js';
import { renderNotice } from './render/notice.js';
import { respond } from './send.js';

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

/**
 * The start of /documents add and remove: refuses (ephemerally, with the reason) a DM, a member who
 * may not change documents, or a bot shutting down. True when the command may go on.
 */
export async function admitDocumentChange(interaction: ChatInputCommandInteraction, context: BotContext): Promise<boolean> {
  const manager = checkDocumentManager(interaction, context);
  if (!manager.ok) {
    const text = manager.problem === 'dm' ? documentsInDmText : documentsPermissionText(context.config.discord.documentManagerRoleIds.length > 0);
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return false;
  }
  if (context.work.closing) {
    await respond(interaction, renderNotice(shuttingDownText), { ephemeral: true });
    return false;
  }
  return true;
}
