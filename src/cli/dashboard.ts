// `npm start` with DASHBOARD_PORT: the dashboard beside the bot (or the terminal session), on the
// same engine and state store; server and channel names come from the bot's cache when it runs.
import type { Config } from '../config.js';
import type { Engine } from '../core/engine.js';
import { startDashboard, type RunningDashboard } from '../dashboard/server.js';
import type { NameDirectory } from '../dashboard/deps.js';
import type { RunningBot } from '../discord/bot.js';
import { InsightsReader } from '../insights/report.js';
import type { Logger } from '../log.js';
import type { StateStore } from '../state/index.js';

function namesFrom(bot: RunningBot): NameDirectory {
  return {
    guild: (id) => bot.client.guilds.cache.get(id)?.name,
    channel: (id) => {
      const channel = bot.client.channels.cache.get(id);
      return channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
    },
  };
}

export async function openDashboard(config: Config, engine: Engine, state: StateStore, logger: Logger, bot?: RunningBot): Promise<RunningDashboard | undefined> {
  if (!config.dashboard) return undefined;
  return startDashboard(config.dashboard, {
    state,
    engine,
    reader: bot?.context.insightsReader ?? new InsightsReader(state, engine),
    ...(bot ? { names: namesFrom(bot), flush: () => bot.context.insights.flush() } : {}),
    logger,
    now: bot?.context.now ?? Date.now,
    retentionDays: Math.round(config.insights.retentionMs / 86_400_000),
  });
}
