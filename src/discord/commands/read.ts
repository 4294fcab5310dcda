// /read [document] [from] [private] — a document page by page (PDF) or paragraph by paragraph, with Previous / Next; each
// reader's place is remembered per document, and /read without a document continues the last one.
import { SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { documentChoices, resolveDocument } from '../documents-lookup.js';
import { renderNotice } from '../render/notice.js';
import { formatEchoedText } from '../render/question.js';
import { renderReadingPage } from '../render/reading.js';
import { respond, updateClickedMessage } from '../send.js';
import { messageOwner, scopeFor } from '../study/interaction-scope.js';

export const data = new SlashCommandBuilder()
  .setName('read')
  .setDescription('Read a document page by page (PDF) or paragraph by paragraph; /read alone continues')
  .addStringOption((o) => o.setName('document').setDescription('The document').setAutocomplete(true))
  .addIntegerOption((o) => o.setName('from').setDescription('Start at this paragraph (¶)').setMinValue(1))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the pages'));

export const goneDocumentText = 'That document is no longer in the corpus. /documents lists what there is.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const scope = scopeFor(interaction);
  const userId = interaction.user.id;
  const input = interaction.options.getString('document');
  let docId: string | undefined;
  let paragraph = interaction.options.getInteger('from') ?? undefined;
  if (input) {
    const document = resolveDocument(context.engine, input);
    if (!document) {
      await respond(interaction, renderNotice(`No document matches “${formatEchoedText(input, 100)}”. Pick one from the list, or see /documents.`), { ephemeral: true });
      return;
    }
    docId = document.id;
    paragraph ??= (await context.state.reading.position(scope, userId, docId))?.paragraph ?? 1;
  } else {
    const last = await context.state.reading.lastRead(scope, userId);
    if (!last) {
      await respond(interaction, renderNotice('Pick a document to read: /read document:<name>. Afterwards /read alone continues where you stopped.'), { ephemeral: true });
      return;
    }
    docId = last.docId;
    paragraph ??= last.paragraph;
  }
  const view = context.engine.readingPage(docId, paragraph);
  if (!view) {
    await respond(interaction, renderNotice(goneDocumentText), { ephemeral: true });
    return;
  }
  await context.state.reading.setPosition(scope, userId, { docId, paragraph: view.focus, updatedAt: context.now() });
  await respond(interaction, renderReadingPage(view), { ephemeral: interaction.options.getBoolean('private') ?? false });
}

/** Previous / Next: only the reader who ran /read turns the page; anyone else is told how to read along. */
export async function turnReadingPage(interaction: ButtonInteraction, context: BotContext, docId: string, paragraph: number): Promise<void> {
  const owner = messageOwner(interaction);
  if (owner && owner !== interaction.user.id) {
    await respond(interaction, renderNotice(`These pages are <@${owner}>’s. Run /read to read along from your own place.`), { ephemeral: true });
    return;
  }
  const view = context.engine.readingPage(docId, paragraph);
  if (!view) {
    await respond(interaction, renderNotice(goneDocumentText), { ephemeral: true });
    return;
  }
  await context.state.reading.setPosition(scopeFor(interaction), interaction.user.id, { docId, paragraph: view.focus, updatedAt: context.now() });
  // "Read on" under a message the bot posted by itself (the passage of the day): pages of one's own.
  if (!owner) await respond(interaction, renderReadingPage(view), { ephemeral: true });
  else await updateClickedMessage(interaction, renderReadingPage(view));
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(documentChoices(context.engine, interaction.options.getFocused()));
}
