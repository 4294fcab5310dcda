/**
 * Proves the loopback Discord server against the real discord.js client: login/READY/GUILD_CREATE,
 * interactions (reply, defer+edit, update, autocomplete, follow-up, modal), messages and DMs,
 * resume after a close / zombie connection, 429 retry, validation errors, files, command
 * registration through `REST`, and zlib-stream gateway compression.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  Partials,
  REST,
  Routes,
} from 'discord.js';
import type { ClientEvents, Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  ADMIN_USER,
  APPLICATION_ID,
  BOT_USER_ID,
  FORUM_CHANNEL_ID,
  FORUM_TAG_IDS,
  GUILD_ID,
  LOOPBACK_TOKEN,
  MEMBER_USER,
  READONLY_CHANNEL_ID,
  TEXT_CHANNEL_ID,
  noIdentifyThrottle,
  startLoopbackDiscord,
} from '../support/loopback/index.js';
import type { LoopbackDiscord } from '../support/loopback/index.js';

let discord: LoopbackDiscord;
let client: Client;

/** Resolves with the first `event` whose args satisfy `predicate`. */
function nextEvent<K extends keyof ClientEvents>(
  c: Client,
  event: K,
  predicate: (...args: ClientEvents[K]) => boolean = () => true,
  timeoutMs = 3000,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      c.off(event, listener);
      reject(new Error(`timed out waiting for ${String(event)}`));
    }, timeoutMs);
    const listener = (...args: ClientEvents[K]) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      c.off(event, listener);
      resolve(args);
    };
    c.on(event, listener);
  });
}

async function nextInteraction(id: string): Promise<Interaction> {
  const [interaction] = await nextEvent(client, Events.InteractionCreate, (i) => i.id === id);
  return interaction;
}

beforeAll(async () => {
  discord = await startLoopbackDiscord({ heartbeatIntervalMs: 250 });
  client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Channel],
    rest: { api: discord.apiBase },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(LOOPBACK_TOKEN);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await discord?.close();
});

describe('loopback discord: login', () => {
  it('becomes ready with the guild, its channels and the bot member cached', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(BOT_USER_ID);
    expect(client.application?.id).toBe(APPLICATION_ID);
    const guild = client.guilds.cache.get(GUILD_ID);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(TEXT_CHANNEL_ID)?.type).toBe(ChannelType.GuildText);
    expect(guild?.channels.cache.get(FORUM_CHANNEL_ID)?.type).toBe(ChannelType.GuildForum);
    const me = guild?.members.me;
    expect(me?.id).toBe(BOT_USER_ID);
    // Permissions computed by discord.js from the cached roles and overwrites.
    expect(guild?.channels.cache.get(TEXT_CHANNEL_ID)?.permissionsFor(me!)?.has('SendMessages')).toBe(true);
    expect(guild?.channels.cache.get(READONLY_CHANNEL_ID)?.permissionsFor(me!)?.has('SendMessages')).toBe(false);

    const identify = discord.gatewayLog.filter((e) => e.direction === 'recv' && e.op === 2);
    expect(identify).toHaveLength(1);
    expect(discord.gatewayLog.find((e) => e.direction === 'open')?.info).toBe('/?v=10&encoding=json');
    expect(discord.requests.some((r) => r.route === 'GET /gateway/bot' && r.auth === 'valid')).toBe(true);
    expect(discord.unhandledRequests).toEqual([]);
  });

  it('answers 401 to a wrong token', async () => {
    const rest = new REST({ api: discord.apiBase }).setToken('not-the-token');
    await expect(rest.get(Routes.user('@me'))).rejects.toMatchObject({ status: 401 });
  });
});

describe('loopback discord: interactions', () => {
  it('delivers a slash command and records the reply with embeds and allowed_mentions', async () => {
    const payload = discord.slashCommand({ name: 'ask', options: { question: 'What is a footnote?', top: 3, public: true }, user: ADMIN_USER });
    const arrived = nextInteraction(payload.id);
    expect(discord.dispatch('INTERACTION_CREATE', payload)).toBe(1);
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandName).toBe('ask');
    expect(interaction.options.getString('question')).toBe('What is a footnote?');
    expect(interaction.options.getInteger('top')).toBe(3);
    expect(interaction.options.getBoolean('public')).toBe(true);
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(true);
    expect(interaction.inGuild()).toBe(true);
    expect(interaction.channelId).toBe(TEXT_CHANNEL_ID);

    const echoed = nextEvent(client, Events.MessageCreate, (m) => m.interactionMetadata?.id === payload.id);
    await interaction.reply({
      content: `<@${MEMBER_USER.id}> here you go`,
      embeds: [new EmbedBuilder().setTitle('Answer').setDescription('A note at the foot of a page [1].')],
      allowedMentions: { parse: [] },
    });

    const request = await discord.waitForInteractionResponse(payload.id);
    expect(request.status).toBe(204);
    expect(request.query.with_response).toBe('false');
    expect(request.auth).toBe('none');
    expect(request.body).toMatchObject({
      type: 4,
      data: {
        content: `<@${MEMBER_USER.id}> here you go`,
        embeds: [{ title: 'Answer', description: 'A note at the foot of a page [1].' }],
        allowed_mentions: { parse: [] },
      },
    });
    const state = discord.interactionState(payload.id);
    expect(state.responseType).toBe(4);
    expect(state.original?.embeds[0]?.title).toBe('Answer');
    expect(state.original?.mentions).toEqual([]); // allowed_mentions parse [] → nobody pinged
    const [message] = await echoed;
    expect(message.author.id).toBe(BOT_USER_ID);
    expect(message.embeds[0]?.title).toBe('Answer');
  });

  it('supports deferReply + editReply (webhook @original) + followUp', async () => {
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'slow one' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply();
    expect(discord.interactionState(payload.id).original?.flags).toBe(128); // Loading
    const edited = await interaction.editReply({ content: 'Done thinking.' });
    expect(edited.content).toBe('Done thinking.');
    const followUp = await interaction.followUp({ content: 'One more thing', flags: 64 });
    expect(followUp.flags.has('Ephemeral')).toBe(true);

    const kinds = discord.interactionResponses(payload.id).map((r) => r.route);
    expect(kinds).toEqual([
      'POST /interactions/:interaction/:token/callback',
      'PATCH /webhooks/:app/:token/messages/:message',
      'POST /webhooks/:app/:token',
    ]);
    expect(discord.interactionResponses(payload.id)[1]?.path).toMatch(/\/messages\/@original$/);
    const state = discord.interactionState(payload.id);
    expect(state.responseType).toBe(5);
    expect(state.original?.content).toBe('Done thinking.');
    expect(state.original?.flags).toBe(0);
    expect(state.followUps.map((m) => m.content)).toEqual(['One more thing']);
  });

  it('returns the callback response object for withResponse', async () => {
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'x' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const response = await interaction.reply({ content: 'hi', withResponse: true });
    expect(response.interaction.id).toBe(payload.id);
    expect(response.resource?.message?.content).toBe('hi');
    expect(response.interaction.responseMessageId).toBe(response.resource?.message?.id);
  });

  it('handles a button click answered with update()', async () => {
    const channel = client.channels.cache.get(TEXT_CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const sent = await channel.send({
      content: 'Was this helpful?',
      components: [new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('feedback:yes').setLabel('Yes').setStyle(ButtonStyle.Success),
      )],
    });
    const payload = discord.button({ customId: 'feedback:yes', message: sent.id });
    const arrived = nextInteraction(payload.id);
    discord.dispatch('INTERACTION_CREATE', payload);
    const interaction = await arrived;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('feedback:yes');
    expect(interaction.message.id).toBe(sent.id);
    await interaction.update({ content: 'Thanks for the feedback!', components: [] });
    const request = await discord.waitForInteractionResponse(payload.id);
    expect(request.body).toMatchObject({ type: 7, data: { content: 'Thanks for the feedback!', components: [] } });
    expect(discord.getMessage(sent.id)?.content).toBe('Thanks for the feedback!');
    expect(discord.getMessage(sent.id)?.components).toEqual([]);
  });

  it('answers autocomplete with respond()', async () => {
    const payload = discord.autocomplete({ name: 'ask', focusedOption: { name: 'document', value: 'guid' }, options: { question: 'q' } });
    const arrived = nextInteraction(payload.id);
    discord.dispatch('INTERACTION_CREATE', payload);
    const interaction = await arrived;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'document', value: 'guid' });
    await interaction.respond([{ name: 'Guide', value: 'guide.md' }]);
    const request = await discord.waitForInteractionResponse(payload.id);
    expect(request.body).toEqual({ type: 8, data: { choices: [{ name: 'Guide', value: 'guide.md' }] } });
  });

  it('rejects a second acknowledgement and invalid bodies like Discord', async () => {
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'x' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const tooLong = interaction.reply({ content: 'x'.repeat(2001) });
    await expect(tooLong).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(tooLong).rejects.toMatchObject({ code: 50035, status: 400 });
    await interaction.deferReply({ flags: 64 });
    // discord.js thinks it is fresh if we bypass its guard: post a raw callback instead.
    const rest = new REST({ api: discord.apiBase });
    await expect(
      rest.post(Routes.interactionCallback(payload.id, payload.token), { body: { type: 4, data: { content: 'again' } }, auth: false }),
    ).rejects.toMatchObject({ code: 40060 });
  });

  it('retries a reply after a 429 with retry_after 0.2', async () => {
    discord.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfterSeconds: 0.2 });
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'rate limited' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply({ content: 'eventually' });
    const attempts = discord.interactionResponses(payload.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]?.response).toMatchObject({ retry_after: 0.2, global: false });
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(discord.interactionState(payload.id).original?.content).toBe('eventually');
  });

  it('surfaces an injected Unknown interaction (10062)', async () => {
    discord.failNext({ path: /\/callback$/, status: 404, code: 10062 });
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'late' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await expect(interaction.reply('too late')).rejects.toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
  });

  it('parses multipart bodies (files + payload_json)', async () => {
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'file' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply({ content: 'see attached', files: [{ attachment: Buffer.from('# Sources\n'), name: 'sources.md' }] });
    const request = await discord.waitForInteractionResponse(payload.id);
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request.body).toMatchObject({ type: 4, data: { content: 'see attached' } });
    expect(request.files).toHaveLength(1);
    expect(request.files[0]).toMatchObject({ field: 'files[0]', name: 'sources.md' });
    expect(request.files[0]?.data.toString()).toBe('# Sources\n');
    expect(discord.interactionState(payload.id).original?.attachments[0]?.filename).toBe('sources.md');
  });

  it('handles a DM slash command (user instead of member)', async () => {
    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'dm' }, dm: true });
    const interaction = await nextInteraction(payload.id);
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.user.id).toBe(MEMBER_USER.id);
    expect(interaction.channel?.type).toBe(ChannelType.DM);
  });
});

describe('loopback discord: messages', () => {
  it('delivers a mention and records message.reply', async () => {
    const arrived = nextEvent(client, Events.MessageCreate, (m) => m.author.id === MEMBER_USER.id);
    const payload = discord.sendMessage({ content: `<@${BOT_USER_ID}> where is the install guide?` });
    const [message] = await arrived;
    expect(message.id).toBe(payload.id);
    expect(message.mentions.has(client.user!)).toBe(true);
    expect(message.content).toContain('install guide');
    expect(message.guildId).toBe(GUILD_ID);
    const reply = await message.reply({ content: 'In docs/install.md', allowedMentions: { repliedUser: false } });
    expect(reply.reference?.messageId).toBe(message.id);
    const request = await discord.waitForRequest((r) => r.route === 'POST /channels/:channel/messages' && r.response !== undefined && isRecord(r.response) && r.response.id === reply.id);
    expect(request.body).toMatchObject({ content: 'In docs/install.md', message_reference: { message_id: message.id } });
    expect(discord.botMessages(TEXT_CHANNEL_ID).at(-1)?.content).toBe('In docs/install.md');
  });

  it('delivers a DM (partial DM channel) and the reply goes to the DM channel', async () => {
    const arrived = nextEvent(client, Events.MessageCreate, (m) => m.author.id === MEMBER_USER.id && !m.inGuild());
    const payload = discord.sendMessage({ content: 'hello bot', dm: true });
    const [message] = await arrived;
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.content).toBe('hello bot');
    await message.channel.send('hi!');
    expect(discord.botMessages(payload.channel_id).map((m) => m.content)).toEqual(['hi!']);
  });

  it('enforces channel permissions (bot may not send in #announcements)', async () => {
    const channel = client.channels.cache.get(READONLY_CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('not sendable type');
    await expect(channel.send('nope')).rejects.toMatchObject({ code: 50013, status: 403 });
  });

  it('creates threads from a message and forum posts', async () => {
    const arrived = nextEvent(client, Events.MessageCreate, (m) => m.author.id === MEMBER_USER.id);
    discord.sendMessage({ content: `<@${BOT_USER_ID}> long question` });
    const [message] = await arrived;
    const thread = await message.startThread({ name: 'Long question' });
    expect(thread.id).toBe(message.id);
    await thread.send('Answer in thread');
    expect(discord.botMessages(thread.id).map((m) => m.content)).toEqual(['Answer in thread']);

    const forum = client.channels.cache.get(FORUM_CHANNEL_ID);
    if (forum?.type !== ChannelType.GuildForum) throw new Error('forum missing');
    const post = await forum.threads.create({ name: 'How do I cite?', message: { content: 'Like this [1].' }, appliedTags: [FORUM_TAG_IDS.question] });
    expect(post.parentId).toBe(FORUM_CHANNEL_ID);
    expect(discord.getMessage(post.id)?.content).toBe('Like this [1].');
  });
});

describe('loopback discord: gateway resilience', () => {
  it('resumes after closeGateway(4000), replays missed dispatches and still receives interactions', async () => {
    const mark = discord.gatewayLog.length;
    await discord.closeGateway(4000);
    // Dispatched while disconnected: must be replayed on RESUME.
    const missed = discord.slashCommand({ name: 'ask', options: { question: 'while offline' } });
    const missedArrives = nextInteraction(missed.id);
    discord.dispatch('INTERACTION_CREATE', missed);
    await discord.waitForGateway((e) => e.index >= mark && e.t === 'RESUMED', 5000);
    const afterMark = discord.gatewayLog.slice(mark);
    expect(afterMark.some((e) => e.direction === 'recv' && e.op === 6)).toBe(true);
    expect(afterMark.some((e) => e.direction === 'recv' && e.op === 2)).toBe(false);
    expect(afterMark.find((e) => e.direction === 'open')?.info).toMatch(/^\/resume\?v=10/);
    const replayed = await missedArrives;
    if (!replayed.isChatInputCommand()) throw new Error('expected a chat input command');
    await replayed.reply('back online');

    const payload = discord.sendSlashCommand({ name: 'ask', options: { question: 'after resume' } });
    const interaction = await nextInteraction(payload.id);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply('still here');
    expect(discord.interactionState(payload.id).original?.content).toBe('still here');
    // sequence numbers stay strictly increasing across the resume
    const seqs = discord.gatewayLog.filter((e) => e.direction === 'send' && e.op === 0 && e.connection === afterMark.find((x) => x.direction === 'open')?.connection).map((e) => e.s ?? 0);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('detects a zombie connection (no heartbeat ACK) and resumes', async () => {
    const mark = discord.gatewayLog.length;
    discord.stopHeartbeatAcks();
    const closed = await discord.waitForGateway((e) => e.index >= mark && e.direction === 'close', 3000);
    discord.resumeHeartbeatAcks();
    expect(closed.code).toBe(4200); // discord.js "Resuming" close
    await discord.waitForGateway((e) => e.index >= mark && e.t === 'RESUMED', 5000);
    expect(discord.gatewayLog.slice(mark).some((e) => e.direction === 'recv' && e.op === 2)).toBe(false);
  });
});

describe('loopback discord: REST client', () => {
  it('lets discord.js REST PUT guild commands and uses them for option types', async () => {
    const rest = new REST({ api: discord.apiBase }).setToken(LOOPBACK_TOKEN);
    const body = [
      {
        name: 'ask',
        description: 'Ask the docs',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'question', description: 'Your question', required: true },
          { type: ApplicationCommandOptionType.Number, name: 'temperature', description: 'How creative' },
        ],
      },
    ];
    const created = (await rest.put(Routes.applicationGuildCommands(APPLICATION_ID, GUILD_ID), { body })) as Array<{ id: string; name: string }>;
    expect(created.map((c) => c.name)).toEqual(['ask']);
    expect(discord.commands(GUILD_ID)[0]?.id).toBe(created[0]?.id);
    const fetched = (await rest.get(Routes.applicationGuildCommands(APPLICATION_ID, GUILD_ID))) as unknown[];
    expect(fetched).toHaveLength(1);

    // A registered NUMBER option is sent as type 10 even for an integral value.
    const payload = discord.slashCommand({ name: 'ask', options: { question: 'q', temperature: 1 } });
    expect(payload.data.id).toBe(created[0]?.id);
    expect(payload.data.options?.[1]).toMatchObject({ type: 10, value: 1 });
    expect(() => discord.slashCommand({ name: 'ask', options: { nope: 'x', question: 'q' } })).toThrow(/no option "nope"/);

    // Invalid registration is rejected with Discord's form errors.
    await expect(rest.put(Routes.applicationGuildCommands(APPLICATION_ID, GUILD_ID), { body: [{ name: 'Bad Name', description: '' }] }))
      .rejects.toMatchObject({ code: 50035 });
    // Wrong application id (bot user id) is refused.
    await expect(rest.put(Routes.applicationCommands(BOT_USER_ID), { body: [] })).rejects.toMatchObject({ status: 403 });
  });
});

describe('loopback discord: routes a bot commonly hits', () => {
  it('serves application, command, guild, member, DM, typing, reaction and history routes', async () => {
    const app = await client.application!.fetch();
    expect(app.id).toBe(APPLICATION_ID);
    const set = await client.application!.commands.set(
      [{ name: 'ask', description: 'Ask the docs', options: [{ type: ApplicationCommandOptionType.String, name: 'question', description: 'q', required: true }] }],
      GUILD_ID,
    );
    expect(set.first()?.name).toBe('ask');
    const guild = await client.guilds.fetch({ guild: GUILD_ID, force: true });
    expect(guild.name).toBe('Footnote Lab');
    const admin = await guild.members.fetch(ADMIN_USER.id);
    expect(admin.permissions.has('ManageGuild')).toBe(true);
    const channel = await client.channels.fetch(TEXT_CHANNEL_ID);
    if (!channel?.isTextBased() || !channel.isSendable()) throw new Error('text channel expected');
    await channel.sendTyping();
    const history = await channel.messages.fetch({ limit: 5 });
    expect(history.size).toBeGreaterThan(0);
    const last = history.first()!;
    await last.react('👍');
    const dm = await client.users.send(ADMIN_USER.id, 'psst');
    expect(dm.channel.type).toBe(ChannelType.DM);
    const edited = await dm.edit('psst (edited)');
    expect(edited.editedTimestamp).not.toBeNull();
    expect(discord.unhandledRequests).toEqual([]);
  });
});

describe('loopback discord: gateway compression', () => {
  it('speaks zlib-stream when asked (as discord.js does with zlib-sync installed)', async () => {
    const ws = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    const inflate = zlib.createInflate();
    const frames: unknown[] = [];
    let pending = '';
    inflate.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      try {
        frames.push(JSON.parse(pending));
        pending = '';
      } catch {
        /* partial */
      }
    });
    ws.on('message', (data: Buffer) => inflate.write(data));
    await once(ws, 'open');
    const until = async (n: number) => {
      for (let i = 0; i < 100 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(1);
    expect(frames[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 250 } });
    ws.send(JSON.stringify({ op: 2, d: { token: LOOPBACK_TOKEN, intents: 1, properties: { os: 'linux', browser: 'x', device: 'x' } } }));
    await until(3);
    expect(frames[1]).toMatchObject({ op: 0, t: 'READY', s: 1 });
    expect(frames[2]).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: GUILD_ID } });
    ws.close(1000);
    await once(ws, 'close');
  });
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

describe('loopback discord: fresh server (no MESSAGE_CONTENT intent, short deadline)', () => {
  it('blanks content without MESSAGE_CONTENT unless mentioned, enforces the ack deadline, re-identifies after INVALID_SESSION', async () => {
    const server = await startLoopbackDiscord({ heartbeatIntervalMs: 250, interactionDeadlineMs: 150 });
    const c = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      rest: { api: server.apiBase },
      ws: { buildIdentifyThrottler: noIdentifyThrottle },
    });
    try {
      await c.login(LOOPBACK_TOKEN);

      const plain = nextEvent(c, Events.MessageCreate, (m) => m.author.id === MEMBER_USER.id);
      server.sendMessage({ content: 'secret words' });
      expect((await plain)[0].content).toBe('');
      const mention = nextEvent(c, Events.MessageCreate, (m) => m.author.id === MEMBER_USER.id);
      server.sendMessage({ content: `<@${BOT_USER_ID}> visible` });
      expect((await mention)[0].content).toBe(`<@${BOT_USER_ID}> visible`);

      const late = server.sendSlashCommand({ name: 'ask' });
      const [lateInteraction] = await nextEvent(c, Events.InteractionCreate, (i) => i.id === late.id);
      if (!lateInteraction.isChatInputCommand()) throw new Error('expected a chat input command');
      await new Promise((r) => setTimeout(r, 200));
      await expect(lateInteraction.reply('too slow')).rejects.toMatchObject({ code: 10062 });

      const mark = server.gatewayLog.length;
      server.invalidateSession(false);
      await server.waitForGateway((e) => e.index >= mark && e.t === 'READY', 5000);
      const identifies = server.gatewayLog.filter((e) => e.direction === 'recv' && e.op === 2);
      expect(identifies).toHaveLength(2);
      const payload = server.sendSlashCommand({ name: 'ask' });
      const [interaction] = await nextEvent(c, Events.InteractionCreate, (i) => i.id === payload.id);
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply('ok');
      expect(server.interactionState(payload.id).original?.content).toBe('ok');
    } finally {
      await c.destroy();
      await server.close();
    }
  });
});
