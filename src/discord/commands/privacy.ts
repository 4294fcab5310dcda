// /privacy — what the bot keeps about a member, in plain words, for everyone (private reply).
import { EmbedBuilder, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { respond } from '../send.js';
import { colours } from '../render/view.js';

export const data = new SlashCommandBuilder().setName('privacy').setDescription('What this bot stores about you');

export function privacyText(insightsOn: boolean, retentionDays: number, helperRole: boolean): string {
  const insights = insightsOn
    ? [
        '**Questions** (/ask, a mention, a DM, a post in an answer channel): the question, the server and channel, the time, whether the documents answered it, which passages were shown and how long it took.',
        '**👍/👎 votes**: the vote and the question and answer it was on.',
        helperRole ? '**Still need help?**: the question passed to the helpers, and when it was resolved.' : undefined,
        '**Not your user id**: with these, only a keyed hash of it (a pseudonym), so the server’s operators can count how many different people ask — not see who asked what.',
        `**Kept ${retentionDays} days**, then deleted. Server managers see them in /insights and on the operator’s dashboard.`,
      ]
    : ['**Questions and votes are not recorded** on this bot (insights are off).'];
  return [
    ...insights.filter(Boolean),
    '**Study features** keep your user id, because they are yours: quiz scores (the leaderboard), review cards and reminders, bookmarks, reading places.',
    '**Uploads** (/documents add) keep who added the file and when.',
    'Answers are computed on the bot’s own machine: nothing is sent to another service.',
  ].join('\n\n');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { insights, discord } = context.config;
  const embed = new EmbedBuilder()
    .setColor(colours.listing)
    .setTitle('What this bot stores')
    .setDescription(privacyText(insights.enabled, Math.round(insights.retentionMs / 86_400_000), discord.helperRoleId !== undefined));
  await respond(interaction, { embeds: [embed.toJSON()], components: [] }, { ephemeral: true });
}
