// Who added a document and when (uploads through engine.addDocument), kept in one small JSON file
// (DATA_DIR/uploads.json), rewritten atomically on every change. The one module that knows where
// and how this is stored, so moving it into a database later touches nothing else.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { errnoCode } from '../errors.js';
import { writeFileAtomic } from '../index/atomic.js';
import type { DocumentOrigin } from '../types.js';

const originSchema = z.object({
  addedBy: z.object({ id: z.string(), name: z.string() }),
  addedAt: z.string(),
  via: z.string(),
  contentHash: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), documents: z.record(z.string(), originSchema) });

export class DocumentOrigins {
  /** Writes run one after another, so the file always ends with the latest state. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    private readonly byId: Map<string, DocumentOrigin>,
  ) {}

  /** Reads the file (none yet: empty). A damaged file is reported once and replaced on the next change. */
  static async open(file: string | undefined, logger: Logger): Promise<DocumentOrigins> {
    if (!file) return new DocumentOrigins(undefined, new Map());
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') logger.warn({ file, err: error }, `cannot read ${file}; who added which document is unknown until the next upload`);
      return new DocumentOrigins(file, new Map());
    }
    let parsed: z.infer<typeof fileSchema> | undefined;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch {
      logger.warn({ file }, `${file} is damaged; who added which document starts afresh`);
    }
    return new DocumentOrigins(file, new Map(Object.entries(parsed?.documents ?? {})));
  }

  get(docId: string): DocumentOrigin | undefined {
    return this.byId.get(docId);
  }

  set(docId: string, origin: DocumentOrigin): Promise<void> {
    this.byId.set(docId, origin);
    return this.save();
  }

  delete(docId: string): Promise<void> {
    if (!this.byId.delete(docId)) return Promise.resolve();
    return this.save();
  }

  private save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const body = JSON.stringify({ version: 1, documents: Object.fromEntries(this.byId) }, null, 2);
    const next = this.writing.then(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, `${body}\n`);
    });
    // A failed write must not block the ones after it; the caller still sees its own failure.
    this.writing = next.catch(() => undefined);
    return next;
  }
}
