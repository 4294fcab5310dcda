// /bookmarks — your saved passages (from Save under answers, passages and /read pages): open,
// delete, or turn into review cards. Shown to you alone.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { respond } from '../send.js';
import { bookmarkListView } from '../study/bookmarks.js';
import { scopeFor } from '../study/interaction-scope.js';

export const data = new SlashCommandBuilder().setName('bookmarks').setDescription('Your saved passages: open, delete, review');

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  await respond(interaction, await bookmarkListView(context, scopeFor(interaction), interaction.user.id, 0), { ephemeral: true });
}
