// Previous/Next on the document list (the list is ephemeral: only its owner can click).
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { renderDocuments } from '../render/documents.js';
import { updateClickedMessage } from '../send.js';

export async function turnDocumentsPage(interaction: ButtonInteraction, context: BotContext, page: number): Promise<void> {
  await updateClickedMessage(interaction, renderDocuments(context.engine.documents(), page));
}
