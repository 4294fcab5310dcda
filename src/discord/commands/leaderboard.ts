// /leaderboard [period] — this server's quiz standings: points from solo quizzes (1 per right
// answer) and group rounds (3, 2, 1 for the first correct answers).
import { EmbedBuilder, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { botLimits } from '../limits.js';
import { renderNotice } from '../render/notice.js';
import { colours } from '../render/view.js';
import { respond } from '../send.js';
import { scopeFor } from '../study/interaction-scope.js';

const DAY_MS = 86_400_000;
const PERIODS = { day: { label: 'today (24 h)', ms: DAY_MS }, week: { label: 'this week (7 days)', ms: 7 * DAY_MS }, month: { label: 'this month (30 days)', ms: 30 * DAY_MS }, all: { label: 'all time', ms: 0 } } as const;
type Period = keyof typeof PERIODS;

export const data = new SlashCommandBuilder()
  .setName('leaderboard')
  .setDescription('Quiz standings in this server')
  .addStringOption((o) =>
    o.setName('period').setDescription('Which answers count (default: this week)').addChoices(
      { name: 'today', value: 'day' },
      { name: 'this week', value: 'week' },
      { name: 'this month', value: 'month' },
      { name: 'all time', value: 'all' },
    ),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!interaction.inGuild()) {
    await respond(interaction, renderNotice('Leaderboards are per server: run /leaderboard in a server.'), { ephemeral: true });
    return;
  }
  const period = (interaction.options.getString('period') as Period | null) ?? 'week';
  const { label, ms } = PERIODS[period];
  const rows = await context.state.quiz.leaderboard(scopeFor(interaction), { ...(ms > 0 ? { since: context.now() - ms } : {}), limit: botLimits.leaderboardRows });
  const medal = ['🥇', '🥈', '🥉'];
  const lines = rows.map((row, i) => `${medal[i] ?? `**${i + 1}.**`} <@${row.userId}> — **${row.points}** point${row.points === 1 ? '' : 's'} · ${row.correct} of ${row.attempts} right`);
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle(`Leaderboard · ${label}`)
    .setDescription(lines.length > 0 ? lines.join('\n') : 'No points yet in this period. Start with **/quiz** — or **/quiz group:true** for the whole channel.')
    .setFooter({ text: 'Solo quiz: 1 point per right answer · group round: 3, 2 and 1 for the first correct answers' });
  await respond(interaction, { embeds: [embed.toJSON()], components: [] }, { ephemeral: false });
}
