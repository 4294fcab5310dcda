// The passage-of-the-day schedule, day claims and posted passages in PostgreSQL. A claim is one
// conditional UPDATE (whichever process asks first gets the day); recording a passage reads the
// current cycle inside the same INSERT, so a concurrent reset cannot split them.
import type pg from 'pg';
import { SCHEDULE_COLUMNS, toSchedule, type ScheduleRow } from '../rows.js';
import { assertScope, parseScope, type Scope } from '../scope.js';
import type { DailySchedule, DailyStore } from '../types.js';

const CURRENT_CYCLE = 'COALESCE((SELECT cycle FROM daily_cycles WHERE scope = $1), 0)';

export class PostgresDailyStore implements DailyStore {
  constructor(private readonly pool: pg.Pool) {}

  async set(scope: Scope, schedule: Omit<DailySchedule, 'lastPostDay'>): Promise<void> {
    assertScope(scope);
    await this.pool.query(
      `INSERT INTO daily_schedules (scope, channel_id, time, timezone, collection, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (scope) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone,
         collection = excluded.collection, created_by = excluded.created_by, created_at = excluded.created_at`,
      [scope, schedule.channelId, schedule.time, schedule.timezone, schedule.collection ?? null, schedule.createdBy, schedule.createdAt],
    );
  }

  async get(scope: Scope): Promise<DailySchedule | undefined> {
    assertScope(scope);
    const { rows } = await this.pool.query<ScheduleRow>(`SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules WHERE scope = $1`, [scope]);
    return rows[0] ? toSchedule(rows[0]) : undefined;
  }

  async remove(scope: Scope): Promise<boolean> {
    assertScope(scope);
    return (await this.pool.query('DELETE FROM daily_schedules WHERE scope = $1', [scope])).rowCount === 1;
  }

  async all(): Promise<Array<{ scope: Scope; schedule: DailySchedule }>> {
    const { rows } = await this.pool.query<ScheduleRow>(`SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules ORDER BY scope`);
    return rows.flatMap((row) => {
      const scope = parseScope(row.scope);
      return scope ? [{ scope, schedule: toSchedule(row) }] : [];
    });
  }

  async claimDay(scope: Scope, day: string): Promise<boolean> {
    assertScope(scope);
    const result = await this.pool.query('UPDATE daily_schedules SET last_post_day = $2 WHERE scope = $1 AND (last_post_day IS NULL OR last_post_day < $2)', [scope, day]);
    return result.rowCount === 1;
  }

  async releaseDay(scope: Scope, day: string, previousDay: string | undefined): Promise<void> {
    assertScope(scope);
    await this.pool.query('UPDATE daily_schedules SET last_post_day = $3 WHERE scope = $1 AND last_post_day = $2', [scope, day, previousDay ?? null]);
  }

  async postedPassages(scope: Scope): Promise<string[]> {
    assertScope(scope);
    const { rows } = await this.pool.query<{ passage_key: string }>(`SELECT passage_key FROM daily_posted WHERE scope = $1 AND cycle = ${CURRENT_CYCLE} ORDER BY at`, [scope]);
    return rows.map((row) => row.passage_key);
  }

  async recordPosted(scope: Scope, passageKey: string, at: number): Promise<void> {
    assertScope(scope);
    await this.pool.query(`INSERT INTO daily_posted (scope, passage_key, cycle, at) VALUES ($1, $2, ${CURRENT_CYCLE}, $3) ON CONFLICT DO NOTHING`, [scope, passageKey, at]);
  }

  async resetCycle(scope: Scope): Promise<void> {
    assertScope(scope);
    await this.pool.query('INSERT INTO daily_cycles (scope, cycle) VALUES ($1, 1) ON CONFLICT (scope) DO UPDATE SET cycle = daily_cycles.cycle + 1', [scope]);
  }
}
