// The passage-of-the-day schedule (one per server), the day claims that make a post happen once,
// and the passages posted in the current cycle (no repeat until the corpus has been covered).
import type { Database, Statement } from 'better-sqlite3';
import { SCHEDULE_COLUMNS, toSchedule, type ScheduleRow } from '../rows.js';
import { assertScope, parseScope, type Scope } from '../scope.js';
import type { DailySchedule, DailyStore } from '../types.js';


export class SqliteDailyStore implements DailyStore {
  private readonly upsert: Statement;
  private readonly one: Statement<[string], ScheduleRow>;
  private readonly every: Statement<[], ScheduleRow>;
  private readonly removeStatement: Statement<[string]>;
  private readonly claim: Statement;
  private readonly release: Statement;
  private readonly cycleOf: Statement<[string], { cycle: number }>;
  private readonly posted: Statement<[string, number], { passage_key: string }>;
  private readonly insertPosted: Statement;
  private readonly nextCycle: Statement;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO daily_schedules (scope, channel_id, time, timezone, collection, created_by, created_at)
       VALUES (@scope, @channelId, @time, @timezone, @collection, @createdBy, @createdAt)
       ON CONFLICT (scope) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone,
         collection = excluded.collection, created_by = excluded.created_by, created_at = excluded.created_at`,
    );
    this.one = db.prepare(`SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules WHERE scope = ?`);
    this.every = db.prepare(`SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules ORDER BY scope`);
    this.removeStatement = db.prepare('DELETE FROM daily_schedules WHERE scope = ?');
    this.claim = db.prepare('UPDATE daily_schedules SET last_post_day = @day WHERE scope = @scope AND (last_post_day IS NULL OR last_post_day < @day)');
    this.release = db.prepare('UPDATE daily_schedules SET last_post_day = @previous WHERE scope = @scope AND last_post_day = @day');
    this.cycleOf = db.prepare('SELECT cycle FROM daily_cycles WHERE scope = ?');
    this.posted = db.prepare('SELECT passage_key FROM daily_posted WHERE scope = ? AND cycle = ? ORDER BY at');
    this.insertPosted = db.prepare('INSERT OR IGNORE INTO daily_posted (scope, passage_key, cycle, at) VALUES (@scope, @key, @cycle, @at)');
    this.nextCycle = db.prepare(
      'INSERT INTO daily_cycles (scope, cycle) VALUES (@scope, 1) ON CONFLICT (scope) DO UPDATE SET cycle = cycle + 1',
    );
  }

  private cycle(scope: Scope): number {
    return this.cycleOf.get(scope)?.cycle ?? 0;
  }

  async set(scope: Scope, schedule: Omit<DailySchedule, 'lastPostDay'>): Promise<void> {
    assertScope(scope);
    this.upsert.run({
      scope,
      channelId: schedule.channelId,
      time: schedule.time,
      timezone: schedule.timezone,
      collection: schedule.collection ?? null,
      createdBy: schedule.createdBy,
      createdAt: schedule.createdAt,
    });
  }

  async get(scope: Scope): Promise<DailySchedule | undefined> {
    assertScope(scope);
    const row = this.one.get(scope);
    return row ? toSchedule(row) : undefined;
  }

  async remove(scope: Scope): Promise<boolean> {
    assertScope(scope);
    return this.removeStatement.run(scope).changes === 1;
  }

  async all(): Promise<Array<{ scope: Scope; schedule: DailySchedule }>> {
    return this.every.all().flatMap((row) => {
      const scope = parseScope(row.scope);
      return scope ? [{ scope, schedule: toSchedule(row) }] : [];
    });
  }

  async claimDay(scope: Scope, day: string): Promise<boolean> {
    assertScope(scope);
    return this.claim.run({ scope, day }).changes === 1;
  }

  async releaseDay(scope: Scope, day: string, previousDay: string | undefined): Promise<void> {
    assertScope(scope);
    this.release.run({ scope, day, previous: previousDay ?? null });
  }

  async postedPassages(scope: Scope): Promise<string[]> {
    assertScope(scope);
    return this.posted.all(scope, this.cycle(scope)).map((row) => row.passage_key);
  }

  async recordPosted(scope: Scope, passageKey: string, at: number): Promise<void> {
    assertScope(scope);
    this.insertPosted.run({ scope, key: passageKey, cycle: this.cycle(scope), at });
  }

  async resetCycle(scope: Scope): Promise<void> {
    assertScope(scope);
    this.nextCycle.run({ scope });
  }
}
