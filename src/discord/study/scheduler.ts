// The study clock: every STUDY_TICK_SECONDS (and once at start, so a post missed while the bot was
// offline is made — once, for the latest due day), it posts each server's due passage of the day,
// sends review reminders, prunes expired quiz sessions, and (daily) insights past their retention. Its clock is the bot's (`context.now`),
// so tests drive it with a fake one and call `tick()` themselves.
import type { Client } from 'discord.js';
import { dueDay, parseTimeOfDay } from '../../core/study/daily-time.js';
import { enforceRetention } from '../../insights/retention.js';
import { guildIdOf } from '../../state/index.js';
import type { ReminderDue } from '../../state/index.js';
import type { BotContext } from '../context.js';
import { renderReminder } from '../render/daily.js';
import { escapeDiscordText } from '../render/escape.js';
import { sendDirectMessage } from '../send.js';
import { postDailyPassage } from './daily-post.js';

/** A user is reminded at most once in this long. */
const REMINDER_INTERVAL_MS = 20 * 3_600_000;
/** Reminders sent per tick (a burst of DMs would meet Discord's rate limits). */
const REMINDERS_PER_TICK = 50;
/** Failed posts of one day retried at most this often (one per tick), then given up with a warning. */
const POST_ATTEMPTS = 3;

export class StudyScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly context: BotContext,
    private readonly client: Client,
  ) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.context.config.study.tickMs);
    this.timer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }

  /** One pass; concurrent calls share the pass in progress. Never throws. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.context.logger.error({ err: error }, 'study scheduler pass failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    await this.postDueDailies();
    await this.sendReminders();
    await this.context.state.quiz.pruneSessions(this.context.now());
    // INSIGHTS_RETENTION_DAYS, at most once a day (also with INSIGHTS=off: rows from before go too).
    await enforceRetention(this.context.state.insights, this.context.now(), this.context.config.insights.retentionMs, this.context.logger);
  }

  private async postDueDailies(): Promise<void> {
    const { state, logger } = this.context;
    for (const { scope, schedule } of await state.daily.all()) {
      const guildId = guildIdOf(scope);
      if (!guildId || !this.client.guilds.cache.has(guildId)) continue;
      const minutes = parseTimeOfDay(schedule.time);
      if (minutes === undefined) continue;
      const day = dueDay({ minutes, timeZone: schedule.timezone, createdAt: schedule.createdAt, lastPostDay: schedule.lastPostDay }, this.context.now());
      if (!day || !(await state.daily.claimDay(scope, day))) continue;
      const key = `${scope}:${day}`;
      const result = await postDailyPassage(this.context, this.client, scope, schedule, day).catch((error: unknown) => {
        logger.warn({ err: error, scope, day }, 'posting the passage of the day failed');
        return { ok: false as const, reason: 'error' as const };
      });
      if (result.ok) {
        this.failures.delete(key);
        logger.info({ scope, day, channelId: schedule.channelId, passage: result.passageKey }, 'posted the passage of the day');
        continue;
      }
      const attempts = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, attempts);
      if (attempts < POST_ATTEMPTS) await state.daily.releaseDay(scope, day, schedule.lastPostDay);
      else logger.warn({ scope, day, channelId: schedule.channelId, reason: result.reason }, `gave up on the passage of the day for ${day} after ${attempts} attempts (${result.reason})`);
    }
  }

  /** DMs belong to shard 0 (Discord delivers them there), or to the only process there is. */
  private handlesDirectMessages(): boolean {
    return !this.client.shard || this.client.shard.ids.includes(0);
  }

  private async sendReminders(): Promise<void> {
    const { state } = this.context;
    const now = this.context.now();
    // With several shards, each reminds for its own servers, and the first shard for DMs; the
    // others' rows are skipped (checked before marking) and the pages read on past them, so a
    // shard's own reminders never wait behind a page of other shards' rows.
    let sent = 0;
    let after: ReminderDue | undefined;
    while (sent < REMINDERS_PER_TICK) {
      const page = await state.reviews.remindersDue(now, now - REMINDER_INTERVAL_MS, REMINDERS_PER_TICK, after);
      for (const due of page) {
        if (sent >= REMINDERS_PER_TICK) break;
        if (await this.remind(due, now)) sent++;
      }
      if (page.length < REMINDERS_PER_TICK) break;
      after = page[page.length - 1];
    }
  }

  /** Sends one reminder if it is this process's to send; false when it belongs to another shard. */
  private async remind(due: ReminderDue, now: number): Promise<boolean> {
    const { state, logger } = this.context;
    const guildId = guildIdOf(due.scope);
    const guildName = guildId ? this.client.guilds.cache.get(guildId)?.name : undefined;
    if (guildId ? !guildName : !this.handlesDirectMessages()) return false;
    // Marked first: a user whose DMs are closed is not retried every tick.
    await state.reviews.markReminded(due.scope, due.userId, now);
    const where = guildName ? `in ${escapeDiscordText(guildName)}` : 'in our direct messages';
    try {
      const user = await this.client.users.fetch(due.userId);
      await sendDirectMessage(user, renderReminder(due.due, where));
    } catch (error) {
      logger.info({ err: error, userId: due.userId, scope: due.scope }, 'could not send a review reminder (DMs closed?)');
    }
    return true;
  }
}
