// /source document:<autocomplete> [paragraph] [private] — read a passage, e.g. to follow a citation.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { documentChoices, resolveDocument } from '../documents-lookup.js';
import { botLimits } from '../limits.js';
import { escapeDiscordText } from '../render/escape.js';
import { renderNotice } from '../render/notice.js';
import { formatEchoedText } from '../render/question.js';
import { renderPassage } from '../render/passage.js';
import { truncateText } from '../render/text.js';
import { respond } from '../send.js';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show a passage of a document')
  .addStringOption((option) => option.setName('document').setDescription('The document').setRequired(true).setAutocomplete(true))
  .addIntegerOption((option) => option.setName('paragraph').setDescription('Paragraph number (¶), as cited').setMinValue(1))
  .addBooleanOption((option) => option.setName('private').setDescription('Show the passage only to you'));

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const input = interaction.options.getString('document', true);
  const document = resolveDocument(context.engine, input);
  if (!document) {
    const shown = formatEchoedText(input, 100);
    await respond(interaction, renderNotice(`No document matches “${shown}”. Pick one from the list, or see /documents.`), { ephemeral: true });
    return;
  }
  const paragraph = interaction.options.getInteger('paragraph') ?? 1;
  const view = paragraph <= document.paragraphs ? context.engine.passage(document.id, paragraph, botLimits.passageContextParagraphs) : undefined;
  if (!view) {
    const title = escapeDiscordText(truncateText(document.title, 100));
    await respond(interaction, renderNotice(`“${title}” has ${document.paragraphs} paragraphs; choose a number from 1 to ${document.paragraphs}.`), { ephemeral: true });
    return;
  }
  await respond(interaction, renderPassage(view), { ephemeral });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(documentChoices(context.engine, interaction.options.getFocused()));
}
