// /documents add file:<attachment> [name] [overwrite]: a document manager's upload goes into the
// corpus. Refusals that need no download (a DM, no permission, a bad name, a name taken, a file
// declared too large) are answered at once; otherwise the reply is deferred, the file downloaded
// within MAX_UPLOAD_MB, and the engine writes, checks and indexes it.
import type { ChatInputCommandInteraction } from 'discord.js';
import { uploadFileName } from '../../core/documents/corpus-files.js';
import { UserError } from '../../core/errors.js';
import { declaredTooLarge, downloadAttachment } from '../attachment-download.js';
import type { BotContext } from '../context.js';
import { admitDocumentChange } from '../document-managers.js';
import { botLimits } from '../limits.js';
import {
  documentProblemText,
  renderDocumentAdded,
  renderDownloadProblem,
} from '../render/document-updates.js';
import { renderNotice } from '../render/notice.js';
import { deferReply, respond } from '../send.js';

const ephemeral = { ephemeral: true };

export async function addDocumentFromAttachment(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { config, engine, logger } = context;
  if (!(await admitDocumentChange(interaction, context))) return;

  const attachment = interaction.options.getAttachment('file', true);
  const overwrite = interaction.options.getBoolean('overwrite') ?? false;
  const who = { userId: interaction.user.id, guildId: interaction.guildId, file: attachment.name, size: attachment.size };
  let name: string;
  try {
    name = uploadFileName(interaction.options.getString('name') ?? undefined, attachment.name);
  } catch (error) {
    const text = documentProblemText(error);
    if (!text) throw error;
    return respond(interaction, renderNotice(text), ephemeral);
  }
  const limitBytes = config.discord.maxUploadBytes;
  if (declaredTooLarge({ declaredBytes: attachment.size, limitBytes })) {
    logger.info(who, `refused upload ${attachment.name}: ${attachment.size} bytes, over the ${limitBytes}-byte limit`);
    return respond(interaction, renderDownloadProblem(attachment.name, { kind: 'too-large', bytes: attachment.size, limitBytes, declared: true }), ephemeral);
  }
  // Checked again, atomically, when the file is written; asking now spares a useless download.
  if (!overwrite && engine.documents().some((document) => document.id === name)) {
    return respond(interaction, renderNotice(documentProblemText(new UserError('document-exists', { name })) ?? ''), ephemeral);
  }

  await context.documentChanges.run(async () => {
    await deferReply(interaction, ephemeral);
    const download = await downloadAttachment({ url: attachment.url, declaredBytes: attachment.size, limitBytes, timeoutMs: botLimits.attachmentDownloadMs });
    if (!download.ok) {
      logger.warn({ ...who, problem: download.problem }, `upload ${attachment.name} not downloaded: ${download.problem.kind === 'failed' ? download.problem.detail : 'too large'}`);
      return respond(interaction, renderDownloadProblem(attachment.name, download.problem), ephemeral);
    }
    try {
      const added = await engine.addDocument(name, download.bytes, { overwrite, addedBy: { id: interaction.user.id, name: interaction.user.tag }, via: 'discord' });
      logger.info({ ...who, docId: added.docId, passages: added.passages, replaced: added.replaced }, `document ${added.docId} added by ${interaction.user.tag}: ${added.passages} passages`);
      await respond(interaction, renderDocumentAdded(added), ephemeral);
    } catch (error) {
      const text = documentProblemText(error);
      if (!text) throw error;
      logger.warn({ ...who, err: error }, `upload ${attachment.name} refused: ${error instanceof Error ? error.message : String(error)}`);
      await respond(interaction, renderNotice(text), ephemeral);
    }
  });
}
