// Per-channel settings (key → JSON value) in PostgreSQL.
import type pg from 'pg';
import { fromJson, toJson } from '../json.js';
import { assertScope, type Scope } from '../scope.js';
import type { Json, SettingsStore } from '../types.js';

export class PostgresSettingsStore implements SettingsStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(scope: Scope, channelId: string, key: string): Promise<Json | undefined> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ value_json: string }>('SELECT value_json FROM channel_settings WHERE scope = $1 AND channel_id = $2 AND key = $3', [
      scope, channelId, key,
    ]);
    return rows[0] ? fromJson(rows[0].value_json) : undefined;
  }

  async set(scope: Scope, channelId: string, key: string, value: Json): Promise<void> {
    assertScope(scope);
    await this.pool.query(
      `INSERT INTO channel_settings (scope, channel_id, key, value_json) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, channel_id, key) DO UPDATE SET value_json = excluded.value_json`,
      [scope, channelId, key, toJson(value)],
    );
  }

  async remove(scope: Scope, channelId: string, key: string): Promise<boolean> {
    assertScope(scope);
    return (await this.pool.query('DELETE FROM channel_settings WHERE scope = $1 AND channel_id = $2 AND key = $3', [scope, channelId, key])).rowCount === 1;
  }

  async channel(scope: Scope, channelId: string): Promise<Record<string, Json>> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ key: string; value_json: string }>('SELECT key, value_json FROM channel_settings WHERE scope = $1 AND channel_id = $2 ORDER BY key', [
      scope, channelId,
    ]);
    const out: Record<string, Json> = {};
    for (const row of rows) {
      const value = fromJson(row.value_json);
      if (value !== undefined) out[row.key] = value;
    }
    return out;
  }

  async withKey(scope: Scope, key: string): Promise<Array<{ channelId: string; value: Json }>> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ channel_id: string; value_json: string }>(
      'SELECT channel_id, value_json FROM channel_settings WHERE scope = $1 AND key = $2 ORDER BY channel_id',
      [scope, key],
    );
    return rows.flatMap((row) => {
      const value = fromJson(row.value_json);
      return value === undefined ? [] : [{ channelId: row.channel_id, value }];
    });
  }
}
