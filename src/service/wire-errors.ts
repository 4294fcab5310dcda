// Errors across the answer service's wire, so that a shard sees what a local engine would have
// thrown: a UserError keeps its code and details (the bot words "index locked" its own way), a
// file-system failure keeps its errno (ENOSPC…), anything else is a bug whose details stay in
// the service's log.
import { errnoCode, fileSystemProblem, USER_ERRORS, UserError, type UserErrorCode } from '../core/errors.js';
import type { WireError } from './protocol.js';

export function toWireError(error: unknown): WireError {
  if (error instanceof UserError) return { message: error.message, code: error.code, details: error.details };
  if (fileSystemProblem(error)) return { message: error instanceof Error ? error.message : String(error), errno: errnoCode(error) };
  return { message: 'the answer service failed (see its log)' };
}

function isUserErrorCode(code: string): code is UserErrorCode {
  return Object.hasOwn(USER_ERRORS, code);
}

export function fromWireError(wire: WireError): Error {
  if (wire.code && isUserErrorCode(wire.code)) {
    // The details were produced by the same table on the other side.
    return new UserError(wire.code, wire.details as never);
  }
  const error = new Error(wire.message);
  if (wire.errno) Object.assign(error, { code: wire.errno });
  return error;
}

export function isWireError(value: unknown): value is { error: WireError } {
  if (!value || typeof value !== 'object' || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string';
}
