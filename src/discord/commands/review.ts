// /review [reminders] — your due review cards (FSRS: Again / Hard / Good / Easy), how many are due,
// and the daily reminder DM on or off. Always shown to you alone.
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { respond } from '../send.js';
import { scopeFor } from '../study/interaction-scope.js';
import { nextCardView } from '../study/review-flow.js';

export const data = new SlashCommandBuilder()
  .setName('review')
  .setDescription('Review your cards (missed quiz questions, bookmarks) when they are due')
  .addStringOption((o) =>
    o.setName('reminders').setDescription('A daily DM when cards are due').addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' }),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const scope = scopeFor(interaction);
  const reminders = interaction.options.getString('reminders');
  if (reminders) await context.state.reviews.setReminder(scope, interaction.user.id, reminders === 'on');
  await respond(interaction, await nextCardView(context, scope, interaction.user.id), { ephemeral: true });
}
