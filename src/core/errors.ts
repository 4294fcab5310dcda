// Errors a user can cause (and fix), in one table of codes. Each carries its code and details;
// the message is the plain default that a terminal prints as one line. Adapters that word
// things their own way (the bot) switch on `code`. Anything that is not a UserError is a bug
// and keeps its stack trace.

export const USER_ERRORS = {
  'model-not-installed': (d: { model: string; dir: string; hint: string }) => `Embedding model "${d.model}" is not installed in ${d.dir}. ${d.hint}`,
  'model-load-failed': (d: { model: string; dtype: string; reason: string; hint: string }) =>
    `Could not load embedding model "${d.model}" (dtype ${d.dtype}): ${d.reason}. ${d.hint}`,
  // The embedding worker thread died (out of memory, a native fault): the question in flight fails, the next one restarts it.
  'embedder-stopped': (d: { reason: string }) => `The embedding model's worker thread stopped (${d.reason}); it is restarted for the next question.`,
  'index-locked': (d: { pid: number | undefined; dir: string }) =>
    `Another index build (pid ${d.pid ?? 'unknown'}) is still running in ${d.dir}; try again when it has finished.`,
  'engine-busy': (d: { where: string }) => `The answer service (${d.where}) is at capacity; try again in a moment.`,
  'engine-unavailable': (d: { where: string; reason: string }) => `The answer service (${d.where}) cannot be reached: ${d.reason}.`,
  'state-database-unavailable': (d: { where: string; reason: string }) => `The state database (${d.where}) cannot be reached: ${d.reason}. Check DATABASE_URL.`,
  'config-invalid': (d: { message: string }) => d.message,
  usage: (d: { message: string }) => d.message,
  // Adding and removing documents (engine.addDocument / removeDocument): the file's fault, not a bug.
  'document-name-invalid': (d: { name: string; reason: string }) => `Cannot use "${d.name}" as a document name: ${d.reason}.`,
  'document-rejected': (d: { name: string; reason: string }) => `Cannot add ${d.name}: ${d.reason}.`,
  'document-too-large': (d: { name: string; bytes: number; limitBytes: number }) =>
    `Cannot add ${d.name}: it is ${(d.bytes / 2 ** 20).toFixed(1)} MB; the limit is ${(d.limitBytes / 2 ** 20).toFixed(0)} MB.`,
  'document-exists': (d: { name: string }) => `A document named ${d.name} already exists; choose another name, or replace it explicitly.`,
  'document-duplicate': (d: { name: string; existing: string }) => `Cannot add ${d.name}: its content is identical to ${d.existing}, which is already indexed.`,
  'document-not-indexed': (d: { name: string; reason: string }) => `${d.name} was not indexed: ${d.reason}.`,
  'document-not-found': (d: { docId: string }) => `There is no document ${d.docId} in the corpus.`,
} as const;

/** File-system failures an operator fixes (disk full, permissions, read-only mount), by errno code. */
const FILE_SYSTEM_PROBLEMS: Record<string, string> = {
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
};

export type UserErrorCode = keyof typeof USER_ERRORS;
export type UserErrorDetails<C extends UserErrorCode> = Parameters<(typeof USER_ERRORS)[C]>[0];

export class UserError<C extends UserErrorCode = UserErrorCode> extends Error {
  override name = 'UserError';
  readonly code: C;
  readonly details: UserErrorDetails<C>;

  constructor(code: C, details: UserErrorDetails<C>, options?: ErrorOptions) {
    const format = USER_ERRORS[code] as (d: UserErrorDetails<C>) => string;
    super(format(details), options);
    this.code = code;
    this.details = details;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * One plain line for an error the user can fix (a UserError, or a file-system failure such as a
 * full disk), or undefined for anything else: that is a bug and keeps its stack trace.
 */
export function describeUserError(error: unknown): string | undefined {
  if (error instanceof UserError) return error.message;
  const fs = fileSystemProblem(error);
  if (!fs) return undefined;
  const where = error && typeof error === 'object' && 'path' in error && typeof error.path === 'string' ? ` (${error.path})` : '';
  return `File system error: ${fs.problem}${where} [${fs.code}].`;
}

/** The operator-fixable file-system failure behind an error, if that is what it is. */
export function fileSystemProblem(error: unknown): { code: string; problem: string } | undefined {
  const code = errnoCode(error);
  const problem = code ? FILE_SYSTEM_PROBLEMS[code] : undefined;
  return code && problem ? { code, problem } : undefined;
}

/** The errno code of a Node.js system error ("ENOSPC"), or undefined. */
export function errnoCode(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
