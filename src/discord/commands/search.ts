// /search query:<text> [document] [limit] [private] — ranked passages, no answer selection.
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { admitQuestion, withTicket } from '../answering.js';
import { channelScope, scopeOptions } from '../channel-scope.js';
import type { BotContext } from '../context.js';
import { documentChoices, resolveDocument, scopedDirectory } from '../documents-lookup.js';
import { formatCollections } from '../render/scope.js';
import { botLimits } from '../limits.js';
import { renderNotice } from '../render/notice.js';
import { formatEchoedText } from '../render/question.js';
import { renderSearchPage } from '../render/search.js';
import { replyWhenReady, respond } from '../send.js';

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Look up passages that match your words, best first')
  .addStringOption((option) =>
    option.setName('query').setDescription('Words or a question').setRequired(true).setMaxLength(botLimits.questionOptionChars),
  )
  .addStringOption((option) => option.setName('document').setDescription('Only search this document').setAutocomplete(true))
  .addIntegerOption((option) =>
    option.setName('limit').setDescription('Results per page').setMinValue(1).setMaxValue(botLimits.searchPageSizeMax),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Show the results only to you'));

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const documentInput = interaction.options.getString('document');
  const scope = await channelScope(context, interaction);
  const document = documentInput ? resolveDocument(scopedDirectory(context.engine, scope), documentInput) : undefined;
  if (documentInput && !document) {
    const shown = formatEchoedText(documentInput, 100);
    const where = scope ? ` in this channel’s collections (${formatCollections(scope.collections)})` : '';
    await respond(interaction, renderNotice(`No document${where} matches “${shown}”. Pick one from the list, or see /documents.`), { ephemeral: true });
    return;
  }
  const admission = admitQuestion(context, interaction.options.getString('query', true), { userId: interaction.user.id, guildId: interaction.guildId });
  if (!admission.ok) {
    await respond(interaction, admission.view, { ephemeral: true });
    return;
  }
  const limit = Math.max(1, Math.min(interaction.options.getInteger('limit') ?? botLimits.searchPageSizeDefault, botLimits.searchPageSizeMax));
  await withTicket(admission.ticket, async (ticket) => {
    const view = ticket.run(() => context.engine.search(admission.question, { docId: document?.id, offset: 0, limit, ...scopeOptions(scope) })).then((page) => {
      const conversationId = context.searches.add({ query: admission.question, docId: document?.id, limit, userId: interaction.user.id, ...scopeOptions(scope) });
      return renderSearchPage(page, conversationId, document);
    });
    await replyWhenReady(interaction, view, { ephemeral }, context.deferAfterMs);
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const scope = await channelScope(context, interaction);
  await interaction.respond(documentChoices(scopedDirectory(context.engine, scope), interaction.options.getFocused()));
}
