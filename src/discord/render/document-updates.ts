// /documents add and /documents remove: what was done (an embed), or why not (one plain line).
// The engine says what happened in data (AddedDocument, RemovedDocument, typed UserErrors); the
// words are chosen here.
import { EmbedBuilder } from 'discord.js';
import { fileSystemProblem, isUserError } from '../../core/errors.js';
import type { AddedDocument, RemovedDocument } from '../../core/types.js';
import type { DownloadProblem } from '../attachment-download.js';
import { renderNotice } from './notice.js';
import { formatEchoedText } from './question.js';
import { colours, type MessageView } from './view.js';

/** Characters of a file or document name shown back in a message. */
const NAME_CHARS = 120;
const stillAnswering = 'questions are still answered from the documents as they were';

const shown = (name: string) => `“${formatEchoedText(name, NAME_CHARS)}”`;
const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const documentsInDmText = 'Documents can only be added or removed in a server, not in a direct message.';
export function documentsPermissionText(hasManagerRoles: boolean): string {
  return `Only members with the Manage Server permission${hasManagerRoles ? ' or a document manager role' : ''} can add or remove documents.`;
}

export function renderDocumentAdded(added: AddedDocument): MessageView {
  const title = formatEchoedText(added.title || added.docId, 200);
  const embed = new EmbedBuilder()
    .setColor(colours.admin)
    .setTitle(added.replaced ? 'Document replaced' : 'Document added')
    .setDescription(
      `**${title}** (${formatEchoedText(added.docId, NAME_CHARS)}) gave ${plural(added.passages, 'passage')}. ` +
        'It is now answerable: /ask and /search quote it from now on.',
    )
    .addFields(
      { name: 'Documents', value: String(added.summary.documents), inline: true },
      { name: 'Passages in all', value: String(added.summary.chunks), inline: true },
      { name: 'Seconds', value: added.summary.seconds.toFixed(1), inline: true },
    );
  return { embeds: [embed.toJSON()], components: [] };
}

export function renderDocumentRemoved(removed: RemovedDocument): MessageView {
  const embed = new EmbedBuilder()
    .setColor(colours.admin)
    .setTitle('Document removed')
    .setDescription(
      `**${formatEchoedText(removed.title || removed.docId, 200)}** is gone from the documents: its ${plural(removed.passages, 'passage')} ` +
        'are no longer used in answers.',
    )
    .addFields({ name: 'Documents left', value: String(removed.summary.documents), inline: true });
  return { embeds: [embed.toJSON()], components: [] };
}

/** The upload itself could not be had: too large (declared or while streaming), or the download failed. */
export function renderDownloadProblem(fileName: string, problem: DownloadProblem): MessageView {
  if (problem.kind === 'too-large') {
    return renderNotice(
      problem.declared
        ? `${shown(fileName)} is ${megabytes(problem.bytes)}; the limit for uploads here is ${megabytes(problem.limitBytes)}. Nothing was downloaded.`
        : `${shown(fileName)} turned out larger than the ${megabytes(problem.limitBytes)} upload limit while downloading; nothing was saved.`,
    );
  }
  return renderNotice(`I couldn't download ${shown(fileName)} from Discord (${formatEchoedText(problem.detail, 200)}); nothing was saved. Try uploading it again.`);
}

/**
 * One line for an add or remove the engine refused, or that the machine could not carry out;
 * undefined for anything else (a bug: logged, with the apology).
 */
export function documentProblemText(error: unknown): string | undefined {
  if (isUserError(error)) {
    switch (error.code) {
      case 'document-name-invalid': {
        const d = error.details as { name: string; reason: string };
        return `${shown(d.name)} can't be used as a document name: ${d.reason}. Choose another with \`name:\`.`;
      }
      case 'document-rejected': {
        const d = error.details as { name: string; reason: string };
        return `I can't add ${shown(d.name)}: ${formatEchoedText(d.reason, 300)}. Nothing was saved.`;
      }
      case 'document-too-large': {
        const d = error.details as { name: string; bytes: number; limitBytes: number };
        return `${shown(d.name)} is ${megabytes(d.bytes)}; the largest document I can read is ${megabytes(d.limitBytes)}. Nothing was saved.`;
      }
      case 'document-exists': {
        const d = error.details as { name: string };
        return `A document named ${shown(d.name)} already exists. Choose another name with \`name:\`, or set \`overwrite:\` to True to replace it.`;
      }
      case 'document-duplicate': {
        const d = error.details as { name: string; existing: string };
        return `${shown(d.name)} has exactly the same content as ${shown(d.existing)}, which I already answer from. Nothing was saved.`;
      }
      case 'document-not-indexed': {
        const d = error.details as { name: string; reason: string };
        return `${shown(d.name)} could not be indexed (${formatEchoedText(d.reason, 300)}), so it was not kept.`;
      }
      case 'document-not-found': {
        const d = error.details as { docId: string };
        return `There is no document ${shown(d.docId)} any more. /documents list shows what there is.`;
      }
      case 'index-locked':
        return `Another index build (such as \`npm run index\`) is still running; try again when it has finished — ${stillAnswering}.`;
      default:
        return undefined;
    }
  }
  const fs = fileSystemProblem(error);
  return fs ? `Saving or indexing failed on the bot's machine (${fs.problem}, ${fs.code}); ${stillAnswering}.` : undefined;
}
