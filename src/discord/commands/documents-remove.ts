// /documents remove document:<autocomplete>: a document manager takes a document out of the
// corpus; its passages leave the answers once the rebuild is swapped in.
import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { admitDocumentChange } from '../document-managers.js';
import { resolveDocument } from '../documents-lookup.js';
import { documentProblemText, renderDocumentRemoved } from '../render/document-updates.js';
import { renderNotice } from '../render/notice.js';
import { formatEchoedText } from '../render/question.js';
import { deferReply, respond } from '../send.js';

const ephemeral = { ephemeral: true };

export async function removeDocumentByName(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { engine, logger } = context;
  if (!(await admitDocumentChange(interaction, context))) return;
  const input = interaction.options.getString('document', true);
  const document = resolveDocument(engine, input);
  if (!document) {
    return respond(interaction, renderNotice(`No document matches “${formatEchoedText(input, 100)}”, so nothing was removed. Pick one from the list, or see /documents list.`), ephemeral);
  }
  const who = { userId: interaction.user.id, guildId: interaction.guildId, docId: document.id };
  await context.documentChanges.run(async () => {
    await deferReply(interaction, ephemeral);
    try {
      const removed = await engine.removeDocument(document.id);
      logger.info({ ...who, passages: removed.passages }, `document ${removed.docId} removed by ${interaction.user.tag}`);
      await respond(interaction, renderDocumentRemoved(removed), ephemeral);
    } catch (error) {
      const text = documentProblemText(error);
      if (!text) throw error;
      logger.warn({ ...who, err: error }, `removing ${document.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      await respond(interaction, renderNotice(text), ephemeral);
    }
  });
}
