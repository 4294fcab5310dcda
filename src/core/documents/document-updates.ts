// Adding a document to the corpus and removing one, as whole operations: judge the file, write
// it, rebuild, and report what it gave — or refuse with one UserError and leave everything as it
// was. The engine facade exposes these; adapters (Discord, a terminal, a dashboard) only fetch
// bytes and render the outcome.
import type { Logger } from 'pino';
import type { Catalogue } from '../catalogue.js';
import { UserError } from '../errors.js';
import type { AddDocumentOptions, AddedDocument, IndexSummary, RemovedDocument } from '../types.js';
import { deleteCorpusFile, sanitiseDocumentName, writeCorpusFile } from './corpus-files.js';
import { loadDocumentBytes } from './load-corpus.js';
import type { DocumentOrigins } from './origins.js';
import { maxBytesFor } from './registry.js';

export interface CorpusUpdateContext {
  corpusDir: string;
  /** The catalogue of the generation live now (read again after each rebuild). */
  catalogue(): Catalogue;
  /** A rebuild that reads the corpus folder after the call (IndexLifecycle.refresh). */
  refresh(): Promise<IndexSummary>;
  origins: DocumentOrigins;
  logger: Logger;
}

export async function addDocument(ctx: CorpusUpdateContext, fileName: string, bytes: Uint8Array, options: AddDocumentOptions = {}): Promise<AddedDocument> {
  const name = sanitiseDocumentName(fileName);
  // An unsupported type has no limit of its own: the loader registry refuses it just below.
  const limitBytes = maxBytesFor(name) || Infinity;
  if (bytes.byteLength > limitBytes) throw new UserError('document-too-large', { name, bytes: bytes.byteLength, limitBytes });
  // Judged exactly as the build will judge it, before anything is written.
  const read = await loadDocumentBytes(name, bytes);
  if (!read.ok) throw new UserError('document-rejected', { name, reason: read.skipped.reason });
  const twin = ctx.catalogue().withContentHash(read.document.contentHash);
  if (twin && twin.id !== name) throw new UserError('document-duplicate', { name, existing: twin.id });

  const { replaced } = await writeCorpusFile(ctx.corpusDir, name, bytes, options.overwrite ?? false);
  const summary = await ctx.refresh();
  const catalogue = ctx.catalogue();
  const indexed = catalogue.document(name);
  if (!indexed) {
    // The build skipped it after all (e.g. an identical file arrived meanwhile): take a new file out again.
    const reason = summary.skipped.find((skipped) => skipped.file === name)?.reason ?? 'the rebuild did not include it';
    if (!replaced) {
      await deleteCorpusFile(ctx.corpusDir, name);
      await ctx.refresh();
    }
    throw new UserError('document-not-indexed', { name, reason });
  }
  if (options.addedBy) {
    const origin = { addedBy: options.addedBy, addedAt: new Date().toISOString(), via: options.via ?? 'unknown', contentHash: read.document.contentHash };
    // The document is in and answerable; failing to note who added it must not undo that.
    await ctx.origins.set(name, origin).catch((error: unknown) => ctx.logger.warn({ err: error, docId: name }, `could not record who added ${name}`));
  }
  return { docId: name, title: indexed.title, passages: catalogue.summaryOf(indexed).chunks, replaced, summary };
}

export async function removeDocument(ctx: CorpusUpdateContext, docId: string): Promise<RemovedDocument> {
  const before = ctx.catalogue();
  const document = before.document(docId);
  if (!document) throw new UserError('document-not-found', { docId });
  const passages = before.summaryOf(document).chunks;
  // Already gone from the folder (deleted by hand, not yet noticed): the rebuild still takes it out.
  await deleteCorpusFile(ctx.corpusDir, docId);
  const summary = await ctx.refresh();
  await ctx.origins.delete(docId).catch((error: unknown) => ctx.logger.warn({ err: error, docId }, `could not forget who added ${docId}`));
  return { docId, title: document.title, passages, summary };
}
