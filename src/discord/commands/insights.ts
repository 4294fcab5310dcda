// /insights [period] — for the people who run the server (Manage Server, private): what is asked,
// what the documents do not answer, what was voted down, which documents are cited and which never.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { questionsPerDayPng } from '../../insights/chart.js';
import { DEFAULT_PERIOD, INSIGHT_PERIODS, isInsightPeriod, periodWindow } from '../../insights/period.js';
import { guildScope } from '../../state/index.js';
import type { BotContext } from '../context.js';
import { renderInsights } from '../render/insights.js';
import { renderNotice } from '../render/notice.js';
import { deferReply, respond } from '../send.js';

/** Topics and list lines shown; the dashboard has the rest. */
const TOPICS_SHOWN = 5;
const LISTED = 5;
export const insightsOffText = 'Insights are switched off on this bot (INSIGHTS=off): no questions or votes are recorded.';

export const data = new SlashCommandBuilder()
  .setName('insights')
  .setDescription('What members ask, what the documents do not answer, what helped (Manage Server only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o
      .setName('period')
      .setDescription(`Which questions count (default: ${INSIGHT_PERIODS[DEFAULT_PERIOD].label})`)
      .addChoices(...Object.entries(INSIGHT_PERIODS).map(([value, p]) => ({ name: p.label, value }))),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!interaction.inGuild()) return respond(interaction, renderNotice('/insights only works in a server.'), { ephemeral: true });
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    return respond(interaction, renderNotice('Only members with the Manage Server permission can see insights.'), { ephemeral: true });
  }
  if (!context.insights.enabled) return respond(interaction, renderNotice(insightsOffText), { ephemeral: true });
  const option = interaction.options.getString('period');
  const period = isInsightPeriod(option) ? option : DEFAULT_PERIOD;
  // Grouping topics embeds the unanswered questions: deferred, so Discord's 3 s never matter.
  await deferReply(interaction, { ephemeral: true });
  await context.insights.flush();
  const window = periodWindow(period, context.now());
  const report = await context.insightsReader.report({ scope: guildScope(interaction.guildId), since: window.since, until: window.until }, { topics: TOPICS_SHOWN, listed: LISTED });
  const chart = report.counts.total > 0 ? questionsPerDayPng(report.perDay, `Questions per day · ${window.label}`) : undefined;
  await respond(interaction, renderInsights(report, window.label, chart, Math.round(context.config.insights.retentionMs / 86_400_000)), { ephemeral: true });
}
