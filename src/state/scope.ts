// Whose state a row is. Every row of every table carries one scope, and every store method takes
// it as its first argument, so one Discord server can never read or change another's rows: the
// scope is part of every WHERE clause and every primary key. DMs are a scope of their own, one per
// user (`dm:<userId>`), never mixed with a server's.

declare const scopeBrand: unique symbol;

/** `guild:<id>` or `dm:<userId>`; made only by `guildScope` / `dmScope` / `scopeOf`. */
export type Scope = string & { readonly [scopeBrand]: true };

const SCOPE_PATTERN = /^(guild|dm):[0-9A-Za-z_-]{1,32}$/;
const ID_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;

function checkedId(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new Error(`invalid ${what} for a state scope: ${JSON.stringify(id.slice(0, 40))}`);
  return id;
}

export function guildScope(guildId: string): Scope {
  return `guild:${checkedId(guildId, 'server id')}` as Scope;
}

export function dmScope(userId: string): Scope {
  return `dm:${checkedId(userId, 'user id')}` as Scope;
}

/** The scope of an interaction: its server, or the user's own DM scope outside servers. */
export function scopeOf(where: { guildId: string | null; userId: string }): Scope {
  return where.guildId ? guildScope(where.guildId) : dmScope(where.userId);
}

/** A scope read back from the database (or anywhere else untrusted). */
export function parseScope(text: string): Scope | undefined {
  return SCOPE_PATTERN.test(text) ? (text as Scope) : undefined;
}

/** The server id of a guild scope, undefined for a DM scope. */
export function guildIdOf(scope: Scope): string | undefined {
  return scope.startsWith('guild:') ? scope.slice('guild:'.length) : undefined;
}

/** Guards store entry points: a string that is not a scope never reaches SQL. */
export function assertScope(scope: Scope): void {
  if (!SCOPE_PATTERN.test(scope)) throw new Error(`not a state scope: ${JSON.stringify(String(scope).slice(0, 40))}`);
}
