// /documents list | add file:<attachment> [name] [overwrite] | remove document:<autocomplete> —
// what the bot can quote, and (for document managers) adding and removing documents.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { supportedExtensions } from '../../core/documents/registry.js';
import type { BotContext } from '../context.js';
import { documentChoices } from '../documents-lookup.js';
import { botLimits } from '../limits.js';
import { renderDocuments } from '../render/documents.js';
import { truncateText } from '../render/text.js';
import { respond } from '../send.js';
import { addDocumentFromAttachment } from './documents-add.js';
import { removeDocumentByName } from './documents-remove.js';

/** Option descriptions may be 100 characters; the formats come from the loader registry. */
const fileDescription = truncateText(`The document file (${supportedExtensions().join(', ')})`, 100);

export const data = new SlashCommandBuilder()
  .setName('documents')
  .setDescription('The documents I answer from: list them, add one, remove one')
  .addSubcommand((sub) => sub.setName('list').setDescription('List the documents I answer from'))
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add a document (Manage Server or a document manager role)')
      .addAttachmentOption((option) => option.setName('file').setDescription(fileDescription).setRequired(true))
      .addStringOption((option) =>
        option.setName('name').setDescription('The name to keep it under (default: the file’s name)').setMaxLength(botLimits.documentNameOptionChars),
      )
      .addBooleanOption((option) => option.setName('overwrite').setDescription('Replace a document of the same name')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Remove a document (Manage Server or a document manager role)')
      .addStringOption((option) => option.setName('document').setDescription('The document').setRequired(true).setAutocomplete(true)),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  // No subcommand: the command as registered before it became a group (until deploy-commands runs).
  switch (interaction.options.getSubcommand(false)) {
    case 'add':
      return addDocumentFromAttachment(interaction, context);
    case 'remove':
      return removeDocumentByName(interaction, context);
    default:
      return respond(interaction, renderDocuments(context.engine.documents(), 0), { ephemeral: true });
  }
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(documentChoices(context.engine, interaction.options.getFocused()));
}
