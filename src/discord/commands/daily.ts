// /daily set channel:<channel> time:<HH:MM> [timezone] [collection] · /daily off · /daily now —
// the passage of the day (Manage Server only). The schedule lives in the state database, so it
// survives restarts; a post missed while the bot was offline is made once when it comes back.
import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { inCollection } from '../../core/documents/collections.js';
import { formatTimeOfDay, isTimeZone, localDay, nextPostAt, parseTimeOfDay } from '../../core/study/daily-time.js';
import type { BotContext } from '../context.js';
import { renderNotice } from '../render/notice.js';
import { formatEchoedText } from '../render/question.js';
import { deferReply, respond } from '../send.js';
import { postDailyPassage } from '../study/daily-post.js';
import { scopeFor } from '../study/interaction-scope.js';

export const data = new SlashCommandBuilder()
  .setName('daily')
  .setDescription('A passage of the day from the documents (Manage Server only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription('Post a passage every day in a channel')
      .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
      .addStringOption((o) => o.setName('time').setDescription('Time of day, 24-hour HH:MM (e.g. 08:30)').setRequired(true).setMaxLength(5))
      .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Paris (default: the bot’s)').setMaxLength(64))
      .addStringOption((o) => o.setName('collection').setDescription('Only documents in this folder, e.g. guides/').setMaxLength(100)),
  )
  .addSubcommand((sub) => sub.setName('off').setDescription('Stop the passage of the day'))
  .addSubcommand((sub) => sub.setName('now').setDescription('Post a passage now (in the scheduled channel, or here)'));

const notManagerText = 'Only members with **Manage Server** can change the passage of the day.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!interaction.inGuild()) {
    await respond(interaction, renderNotice('/daily only works in a server.'), { ephemeral: true });
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await respond(interaction, renderNotice(notManagerText), { ephemeral: true });
    return;
  }
  const scope = scopeFor(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === 'off') {
    const removed = await context.state.daily.remove(scope);
    await respond(interaction, renderNotice(removed ? 'The passage of the day is off.' : 'There was no passage of the day scheduled.'), { ephemeral: true });
    return;
  }
  if (sub === 'now') {
    const schedule = await context.state.daily.get(scope);
    await deferReply(interaction, { ephemeral: true });
    const channelId = schedule?.channelId ?? interaction.channelId;
    const result = await postDailyPassage(context, interaction.client, scope, { channelId, ...(schedule?.collection ? { collection: schedule.collection } : {}) }, localDay(context.now(), schedule?.timezone ?? context.config.study.defaultTimeZone));
    const text = result.ok
      ? `Posted a passage in <#${channelId}>.`
      : result.reason === 'no-passage'
        ? 'The documents have no passage long enough for a passage of the day (a full paragraph of prose).'
        : `I can't post in <#${channelId}>: check that I can view it and send messages there.`;
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return;
  }
  const channel = interaction.options.getChannel('channel', true);
  const timeText = interaction.options.getString('time', true);
  const minutes = parseTimeOfDay(timeText);
  const timezone = interaction.options.getString('timezone')?.trim() || context.config.study.defaultTimeZone;
  const collection = interaction.options.getString('collection')?.trim() || undefined;
  if (minutes === undefined) {
    await respond(interaction, renderNotice(`“${formatEchoedText(timeText, 20)}” is not a time of day: use 24-hour HH:MM, such as 08:30 or 18:00.`), { ephemeral: true });
    return;
  }
  if (!isTimeZone(timezone)) {
    await respond(interaction, renderNotice(`“${formatEchoedText(timezone, 64)}” is not a time zone I know: use an IANA name such as Europe/Paris, America/New_York or UTC.`), { ephemeral: true });
    return;
  }
  if (collection && !context.engine.documents().some((d) => inCollection(d.id, collection))) {
    await respond(interaction, renderNotice(`No documents are in “${formatEchoedText(collection, 100)}”. Collections are folders of the corpus, such as guides/.`), { ephemeral: true });
    return;
  }
  const now = context.now();
  const time = formatTimeOfDay(minutes);
  await context.state.daily.set(scope, { channelId: channel.id, time, timezone, ...(collection ? { collection } : {}), createdBy: interaction.user.id, createdAt: now });
  const saved = await context.state.daily.get(scope);
  const next = Math.floor(nextPostAt({ minutes, timeZone: timezone, createdAt: now, ...(saved?.lastPostDay ? { lastPostDay: saved.lastPostDay } : {}) }, now) / 1000);
  const where = collection ? ` from ${formatEchoedText(collection, 100)}` : '';
  await respond(interaction, renderNotice(`📅 A passage of the day${where} will be posted in <#${channel.id}> every day at ${time} (${timezone}). Next: <t:${next}:F>.`), { ephemeral: true });
}
