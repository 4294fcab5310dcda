// Per-channel settings as key → JSON value (e.g. a channel's document scope).
import type { Database, Statement } from 'better-sqlite3';
import { assertScope, type Scope } from '../scope.js';
import type { Json, SettingsStore } from '../types.js';
import { fromJson, toJson } from '../json.js';

export class SqliteSettingsStore implements SettingsStore {
  private readonly one: Statement<[string, string, string], { value_json: string }>;
  private readonly upsert: Statement;
  private readonly removeStatement: Statement<[string, string, string]>;
  private readonly ofChannel: Statement<[string, string], { key: string; value_json: string }>;
  private readonly ofKey: Statement<[string, string], { channel_id: string; value_json: string }>;

  constructor(db: Database) {
    this.one = db.prepare('SELECT value_json FROM channel_settings WHERE scope = ? AND channel_id = ? AND key = ?');
    this.upsert = db.prepare(
      `INSERT INTO channel_settings (scope, channel_id, key, value_json) VALUES (@scope, @channelId, @key, @value)
       ON CONFLICT (scope, channel_id, key) DO UPDATE SET value_json = excluded.value_json`,
    );
    this.removeStatement = db.prepare('DELETE FROM channel_settings WHERE scope = ? AND channel_id = ? AND key = ?');
    this.ofChannel = db.prepare('SELECT key, value_json FROM channel_settings WHERE scope = ? AND channel_id = ? ORDER BY key');
    // The primary key (scope, channel_id, key) narrows this to the scope's rows: a server has a few.
    this.ofKey = db.prepare('SELECT channel_id, value_json FROM channel_settings WHERE scope = ? AND key = ? ORDER BY channel_id');
  }

  async get(scope: Scope, channelId: string, key: string): Promise<Json | undefined> {
    assertScope(scope);
    const row = this.one.get(scope, channelId, key);
    return row ? fromJson(row.value_json) : undefined;
  }

  async set(scope: Scope, channelId: string, key: string, value: Json): Promise<void> {
    assertScope(scope);
    this.upsert.run({ scope, channelId, key, value: toJson(value) });
  }

  async remove(scope: Scope, channelId: string, key: string): Promise<boolean> {
    assertScope(scope);
    return this.removeStatement.run(scope, channelId, key).changes === 1;
  }

  async channel(scope: Scope, channelId: string): Promise<Record<string, Json>> {
    assertScope(scope);
    const out: Record<string, Json> = {};
    for (const row of this.ofChannel.all(scope, channelId)) {
      const value = fromJson(row.value_json);
      if (value !== undefined) out[row.key] = value;
    }
    return out;
  }

  async withKey(scope: Scope, key: string): Promise<Array<{ channelId: string; value: Json }>> {
    assertScope(scope);
    return this.ofKey.all(scope, key).flatMap((row) => {
      const value = fromJson(row.value_json);
      return value === undefined ? [] : [{ channelId: row.channel_id, value }];
    });
  }
}
