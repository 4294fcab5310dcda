// Users only as a keyed hash: HMAC-SHA256 of the Discord user id under a key (INSIGHTS_SALT, or one
// generated once and kept in the database), so the same person counts once across restarts while
// the stored value cannot be turned back into an id without the key (an unkeyed hash of a
// snowflake could: ids are guessable numbers).
import { createHmac, randomBytes } from 'node:crypto';
import { dmScope, guildScope, type InsightsStore, type Scope } from '../state/index.js';

/** 128 bits of the HMAC, as hex: collision-free for any community, and a valid scope id. */
const HASH_HEX_CHARS = 32;
const GENERATED_KEY_BYTES = 32;

export class UserHasher {
  constructor(private readonly key: string) {}

  hash(userId: string): string {
    return createHmac('sha256', this.key).update(userId).digest('hex').slice(0, HASH_HEX_CHARS);
  }

  /** Where a question's row lives: its server, or (DMs) a scope named by the user's hash, never their id. */
  scope(guildId: string | null, userId: string): Scope {
    return guildId ? guildScope(guildId) : dmScope(this.hash(userId));
  }
}

/** The configured key, else the one kept in the database (generated on first use). */
export async function openUserHasher(store: InsightsStore, configured?: string): Promise<UserHasher> {
  const key = configured ?? (await store.salt(randomBytes(GENERATED_KEY_BYTES).toString('hex')));
  return new UserHasher(key);
}
