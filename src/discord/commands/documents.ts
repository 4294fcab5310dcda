// /documents — what the bot can quote.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { renderDocuments } from '../render/documents.js';
import { respond } from '../send.js';

export const data = new SlashCommandBuilder().setName('documents').setDescription('List the documents I answer from');

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  await respond(interaction, renderDocuments(context.engine.documents(), 0), { ephemeral: true });
}
