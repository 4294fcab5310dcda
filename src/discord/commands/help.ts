// /help — how to use the bot, in one short embed.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { renderHelp } from '../render/help.js';
import { respond } from '../send.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('How to ask me questions');

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const view = renderHelp({ documents: context.engine.stats().documents, answerChannelIds: context.config.discord.answerChannelIds });
  await respond(interaction, view, { ephemeral: true });
}
