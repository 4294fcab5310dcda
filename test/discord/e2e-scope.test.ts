// Channels scoped to collections, end to end through the loopback Discord: /scope set, show and
// clear; /ask, mentions in a thread, answer channels and DMs going through the scope (the thread
// following its channel, a channel its category, CHANNEL_COLLECTIONS where /scope set nothing);
// and the scope kept in the state database across a restart.
import { ChannelType, type APIEmbed, type APITextChannel, type APIThreadChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guildScope } from '../../src/state/index.js';
import {
  ADMIN_USER,
  BOT_USER_ID,
  CATEGORY_CHANNEL_ID,
  DEFAULT_BOT_PERMISSIONS,
  GUILD_ID,
  MEMBER_USER,
  TEXT_CHANNEL_ID,
  defaultGuild,
  newSnowflake,
  type GuildCreatePayload,
  type LoopbackDiscord,
  type RecordedRequest,
  type SlashCommandOptions,
} from '../support/loopback/index.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { settled, shown, type ShownMessage } from './fixtures/interactions.js';

const CORPUS = `${PROJECT_ROOT}/test/fixtures/collections`;
const QUESTION = 'How many days of paid annual leave do I get?';
const HANDBOOK_TITLE = 'Staff handbook';
const POLICY_TITLE = 'Policy: freelance contractors';

/** The default guild plus #ask-here (an answer channel, scoped by CHANNEL_COLLECTIONS) and #lobby, both in the category. */
function scopedGuild(): { guild: GuildCreatePayload; askHereId: string; lobbyId: string } {
  const guild = defaultGuild(DEFAULT_BOT_PERMISSIONS);
  const general = guild.channels.find((channel) => channel.id === TEXT_CHANNEL_ID) as APITextChannel;
  const askHereId = newSnowflake();
  const lobbyId = newSnowflake();
  guild.channels.push({ ...general, id: askHereId, name: 'ask-here', position: 3 }, { ...general, id: lobbyId, name: 'lobby', position: 4 });
  return { guild, askHereId, lobbyId };
}

/** A public thread in a text channel, as Discord announces it to the bot. */
function openThread(discord: LoopbackDiscord, parentId: string, name: string): string {
  const id = newSnowflake();
  const now = new Date().toISOString();
  const thread = {
    id,
    type: ChannelType.PublicThread,
    guild_id: GUILD_ID,
    parent_id: parentId,
    owner_id: MEMBER_USER.id,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    flags: 0,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now, locked: false, create_timestamp: now },
  } as unknown as APIThreadChannel;
  discord.world.channels.set(id, thread);
  discord.world.guilds.get(GUILD_ID)?.threads.push(thread as never);
  discord.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
  return id;
}

/** Titles cited under an answer (its Sources, or its possibly related sources). */
const sourcesOf = (embed: APIEmbed | undefined): string => (embed?.fields ?? []).map((field) => field.value).join('\n');

function replyTo(discord: LoopbackDiscord, messageId: string): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => {
    const body = request.body as { message_reference?: { message_id?: string } } | undefined;
    return request.route === 'POST /channels/:channel/messages' && request.status < 300 && body?.message_reference?.message_id === messageId;
  }, 15_000);
}

describe('channel scopes against the loopback Discord', () => {
  let engine: ConfiguredEngine;
  let h: Harness;
  let askHereId = '';
  let lobbyId = '';
  let env: NodeJS.ProcessEnv = {};

  async function command(name: string, options: Record<string, string | number | boolean>, extra: Partial<SlashCommandOptions> = {}): Promise<ShownMessage> {
    const interaction = h.discord.sendSlashCommand({ name, options, user: extra.user ?? ADMIN_USER, ...extra });
    return shown(await settled(h.discord, interaction.id, 15_000));
  }
  const ask = (channelId: string) => command('ask', { question: QUESTION }, { channelId, user: MEMBER_USER });

  beforeAll(async () => {
    const world = scopedGuild();
    askHereId = world.askHereId;
    lobbyId = world.lobbyId;
    // One member asks every question here: the per-user limit has its own tests.
    env = { ANSWER_CHANNEL_IDS: askHereId, CHANNEL_COLLECTIONS: `${askHereId}=faq`, COOLDOWN_QUESTIONS: '1000' };
    engine = await openConfiguredEngine({ CORPUS_DIR: CORPUS });
    h = await startHarness({ shared: engine, loopback: { guilds: [world.guild] }, env });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await engine?.close();
  });

  it('shows that nothing is scoped by /scope yet, and the corpus’s collections', async () => {
    const reply = await command('scope', {}, { subcommand: 'show', channelId: TEXT_CHANNEL_ID });
    const text = reply.embeds[0]?.description ?? '';
    expect(text).toContain(`<#${TEXT_CHANNEL_ID}> searches every document.`);
    expect(text).toContain(`<#${askHereId}>: faq (set by CHANNEL_COLLECTIONS)`);
    expect(text).toContain('**Collections:** faq, handbook, policies');
  });

  it('answers unscoped channels from every document, without a Searched line', async () => {
    const reply = await ask(lobbyId);
    expect(sourcesOf(reply.embeds[0])).toContain(HANDBOOK_TITLE);
    expect(reply.embeds[0]?.footer?.text).not.toContain('Searched:');
  });

  it('refuses /scope to members without Manage Server, and unknown collections with the existing ones', async () => {
    const member = await command('scope', { collections: 'policies' }, { subcommand: 'set', user: MEMBER_USER, memberPermissions: 0n });
    expect(member.content).toContain('Only members with **Manage Server**');
    const typo = await command('scope', { collections: 'policies, handbok' }, { subcommand: 'set', channelId: TEXT_CHANNEL_ID });
    expect(typo.content).toBe('No collection is called “handbok”. Collections: faq, handbook, policies.');
    expect(await h.bot.context.state.settings.get(guildScope(GUILD_ID), TEXT_CHANNEL_ID, 'collections')).toBeUndefined();
  });

  it('completes collection names from the corpus', async () => {
    const interaction = h.discord.autocomplete({ name: 'scope', subcommand: 'set', focusedOption: { name: 'collections', value: 'faq, ha' }, user: ADMIN_USER });
    h.discord.dispatch('INTERACTION_CREATE', interaction);
    const state = await settled(h.discord, interaction.id);
    const choices = (state.callbackBody as { data?: { choices?: { value: string }[] } }).data?.choices ?? [];
    expect(choices.map((choice) => choice.value)).toEqual(['faq, handbook']);
  });

  it('limits a channel set by /scope: its /ask answers come only from its collections and say so', async () => {
    const set = await command('scope', { collections: 'policies' }, { subcommand: 'set', channelId: TEXT_CHANNEL_ID });
    expect(set.content).toContain(`Questions in <#${TEXT_CHANNEL_ID}> now search only: **policies**`);
    const reply = await ask(TEXT_CHANNEL_ID);
    const embed = reply.embeds[0];
    expect(embed?.footer?.text.split('\n')[0]).toBe('Searched: policies');
    expect(sourcesOf(embed)).toContain(POLICY_TITLE);
    expect(sourcesOf(embed)).not.toContain(HANDBOOK_TITLE);
    expect(embed?.description).toContain('receive no paid annual leave');
  });

  it('answers a mention, and an /ask, in a thread of the scoped channel from the channel’s collections', async () => {
    const threadId = openThread(h.discord, TEXT_CHANNEL_ID, 'leave question');
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> ${QUESTION}`, author: MEMBER_USER, channelId: threadId });
    const reply = (await replyTo(h.discord, message.id)).body as { embeds?: APIEmbed[] };
    expect(reply.embeds?.[0]?.footer?.text).toContain('Searched: policies');
    expect(sourcesOf(reply.embeds?.[0])).not.toContain(HANDBOOK_TITLE);
    const slash = await ask(threadId);
    expect(slash.embeds[0]?.footer?.text).toContain('Searched: policies');
    expect(sourcesOf(slash.embeds[0])).toContain(POLICY_TITLE);
  });

  it('lets channels follow their category, a channel’s own scope win over it, and answer channels keep CHANNEL_COLLECTIONS', async () => {
    await command('scope', { collections: 'handbook', channel: CATEGORY_CHANNEL_ID }, { subcommand: 'set', channelId: TEXT_CHANNEL_ID });
    const lobby = await ask(lobbyId);
    expect(lobby.embeds[0]?.footer?.text).toContain('Searched: handbook');
    expect(lobby.embeds[0]?.description).toContain('27 days');
    const general = await ask(TEXT_CHANNEL_ID);
    expect(general.embeds[0]?.footer?.text).toContain('Searched: policies');
    const post = h.discord.sendMessage({ content: QUESTION, author: MEMBER_USER, channelId: askHereId });
    const reply = (await replyTo(h.discord, post.id)).body as { embeds?: APIEmbed[] };
    expect(reply.embeds?.[0]?.footer?.text).toContain('Searched: faq');
    expect(sourcesOf(reply.embeds?.[0])).not.toMatch(new RegExp(`${HANDBOOK_TITLE}|${POLICY_TITLE}`));
  });

  it('never scopes DMs', async () => {
    const reply = await command('ask', { question: QUESTION }, { user: MEMBER_USER, dm: true });
    expect(reply.embeds[0]?.footer?.text).not.toContain('Searched:');
    expect(sourcesOf(reply.embeds[0])).toContain(HANDBOOK_TITLE);
  });

  it('shows every scoped place, and clears a channel back to what it inherits', async () => {
    const show = await command('scope', {}, { subcommand: 'show', channelId: lobbyId });
    const text = show.embeds[0]?.description ?? '';
    expect(text).toContain(`<#${lobbyId}> searches only: **handbook**, as set on <#${CATEGORY_CHANNEL_ID}>.`);
    expect(text).toContain(`• <#${TEXT_CHANNEL_ID}>: policies`);
    expect(text).toContain(`• <#${CATEGORY_CHANNEL_ID}>: handbook`);
    const cleared = await command('scope', {}, { subcommand: 'clear', channelId: TEXT_CHANNEL_ID });
    expect(cleared.content).toBe(`Cleared the scope of <#${TEXT_CHANNEL_ID}>. Now <#${TEXT_CHANNEL_ID}> searches only: **handbook**, as set on <#${CATEGORY_CHANNEL_ID}>.`);
    expect((await ask(TEXT_CHANNEL_ID)).embeds[0]?.footer?.text).toContain('Searched: handbook');
  });

  it('keeps the scopes in the state database across a restart', async () => {
    const dataDir = h.dataDir;
    await h.close();
    const world = scopedGuild();
    // The same ids as before: the restarted bot joins the same server.
    h = await startHarness({ shared: engine, loopback: { guilds: [restoredGuild(world.guild, askHereId, lobbyId)] }, env, dataDir });
    const lobby = await ask(lobbyId);
    expect(lobby.embeds[0]?.footer?.text).toContain('Searched: handbook');
  }, 120_000);
});

/** The guild of a restarted bot with the extra channels under the ids the first run used. */
function restoredGuild(guild: GuildCreatePayload, askHereId: string, lobbyId: string): GuildCreatePayload {
  const [askHere, lobby] = guild.channels.filter((channel) => channel.name === 'ask-here' || channel.name === 'lobby');
  if (askHere) askHere.id = askHereId;
  if (lobby) lobby.id = lobbyId;
  return guild;
}
