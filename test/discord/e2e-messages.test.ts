// Mentions, DMs and answer channels end to end: the same answer as /ask, as a reply that pings
// no one, inline or in a thread.
import { GatewayIntentBits, type APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BOT_ROLE_ID, BOT_USER_ID, FORUM_CHANNEL_ID, MEMBER_USER, READONLY_CHANNEL_ID, TEXT_CHANNEL_ID, newSnowflake } from '../support/loopback/index.js';
import type { LoopbackDiscord, RecordedRequest } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { postInForum } from './fixtures/forum-post.js';
import { settled, shown } from './fixtures/interactions.js';
import { guildWithAnswerChannel } from './fixtures/guild.js';

function person(name: string, bot = false): APIUser {
  return { id: newSnowflake(), username: name, discriminator: '0', global_name: name, avatar: null, ...(bot ? { bot: true } : {}) };
}

const createMessageRoute = 'POST /channels/:channel/messages';

/** The bot's reply to `messageId` (an inline reply referencing it). */
function replyTo(discord: LoopbackDiscord, messageId: string, timeoutMs = 5000): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => {
    const body = request.body as { message_reference?: { message_id?: string } } | undefined;
    return request.route === createMessageRoute && request.status < 300 && body?.message_reference?.message_id === messageId;
  }, timeoutMs);
}

/** The bot's first message posted in `channelId` at or after request index `fromIndex`. */
function postIn(discord: LoopbackDiscord, channelId: string, fromIndex: number, timeoutMs = 5000): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => request.route === createMessageRoute && request.path === `/channels/${channelId}/messages` && request.status < 300, { timeoutMs, fromIndex });
}

interface SentBody {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { value: string }[] }[];
  allowed_mentions?: unknown;
}

const sent = (request: RecordedRequest) => request.body as SentBody;

describe('messages against the loopback Discord', () => {
  let engine: ConfiguredEngine;
  let h: Harness;
  let answerChannelId = '';
  beforeAll(async () => {
    engine = await openConfiguredEngine();
    const world = guildWithAnswerChannel();
    answerChannelId = world.answerChannelId;
    h = await startHarness({
      shared: engine,
      loopback: { guilds: [world.guild] },
      env: { ANSWER_CHANNEL_IDS: `${answerChannelId},${FORUM_CHANNEL_ID}`, COOLDOWN_QUESTIONS: '2', COOLDOWN_SECONDS: '60', MAX_QUESTION_CHARS: '100' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await engine?.close();
  });

  it('asks for MessageContent only because answer channels are configured', () => {
    const identify = h.discord.gatewayLog.find((entry) => entry.direction === 'recv' && entry.op === 2);
    const intents = (identify?.d as { intents: number }).intents;
    expect(intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
    expect(intents & GatewayIntentBits.DirectMessages).toBe(GatewayIntentBits.DirectMessages);
  });

  it('answers a mention with an inline reply that pings no one', async () => {
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> what is the GSI?`, author: person('mia') });
    const reply = await replyTo(h.discord, message.id);
    expect(sent(reply).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(sent(reply).embeds?.[0]?.title).toBe('what is the GSI?');
    expect(sent(reply).embeds?.[0]?.fields?.[0]?.value).toContain('Global Security');
    const stored = h.discord.getMessage((reply.response as { id: string }).id);
    expect(stored?.mentions).toEqual([]);
  });

  it('treats a mention of the bot’s role like a mention of the bot', async () => {
    const message = h.discord.sendMessage({ content: `<@&${BOT_ROLE_ID}> When did Shehbaz Sharif take office?`, author: person('raj') });
    const reply = await replyTo(h.discord, message.id);
    expect(sent(reply).embeds?.[0]?.description).toContain('assuming office in April');
  });

  it('answers an empty mention with a short hint', async () => {
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}>`, author: person('ann') });
    const reply = await replyTo(h.discord, message.id);
    expect(sent(reply).content).toContain('Ask me a question after the mention');
  });

  it('answers direct messages inline', async () => {
    const message = h.discord.sendMessage({ content: 'What new name has Xi Jinping given the world?', author: person('dee'), dm: true });
    const reply = await replyTo(h.discord, message.id);
    expect(reply.path).toBe(`/channels/${message.channel_id}/messages`);
    expect(sent(reply).embeds?.[0]?.description).toContain('community of common destiny');
  });

  it('answers new posts in answer channels without a mention, and ignores other channels', async () => {
    const ignored = h.discord.sendMessage({ content: 'What is CPEC? (not addressed to the bot)', author: person('ivo'), channelId: TEXT_CHANNEL_ID });
    const post = h.discord.sendMessage({ content: 'Which is the world’s largest regional organization for comprehensive cooperation?', author: person('eve'), channelId: answerChannelId });
    const reply = await replyTo(h.discord, post.id);
    expect(sent(reply).embeds?.[0]?.description).toContain('largest regional organization');
    const anyReplyToIgnored = h.discord.requests.some((request) => (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === ignored.id);
    expect(anyReplyToIgnored).toBe(false);
  });

  it('answers a new forum post in its thread, but not later replies in it', async () => {
    const from = h.discord.requests.length;
    const { threadId } = postInForum(h.discord, FORUM_CHANNEL_ID, 'GSI question', 'Which challenges can countries collaborate on under the GSI?', person('fay'));
    const answer = await postIn(h.discord, threadId, from);
    expect(sent(answer).embeds?.[0]?.description).toContain('counterterrorism');
    const followUp = h.discord.sendMessage({ content: 'Thanks!', author: person('fay'), channelId: threadId });
    const marker = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is the GDI?`, author: person('gus'), channelId: threadId });
    await replyTo(h.discord, marker.id);
    expect(h.discord.requests.some((request) => (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === followUp.id)).toBe(false);
  });

  it('ignores other bots, even when they mention it', async () => {
    const robot = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is CPEC?`, author: person('robot', true) });
    const human = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is the SCO?`, author: person('hal') });
    await replyTo(h.discord, human.id);
    expect(h.discord.requests.some((request) => (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === robot.id)).toBe(false);
  });

  it('warns (without an error or a crash) when it may not post in a channel', async () => {
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is the GSI?`, author: person('nia'), channelId: READONLY_CHANNEL_ID });
    await vi.waitFor(() => expect(h.logs.some((line) => line.level === 40 && line.messageId === message.id && String(line.msg).startsWith('no permission to answer'))).toBe(true));
  });

  it('tells an over-long question what the limit is', async () => {
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> ${'why '.repeat(40)}?`, author: person('kim') });
    const reply = await replyTo(h.discord, message.id);
    expect(sent(reply).content).toMatch(/characters long; the limit is 100/);
  });

  it('applies the per-user cooldown and says when to retry', async () => {
    const asker = person('quick');
    const replies: RecordedRequest[] = [];
    for (const question of ['What is the GSI?', 'What is the GDI?', 'What is the SCO?']) {
      const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> ${question}`, author: asker });
      replies.push(await replyTo(h.discord, message.id));
    }
    expect(sent(replies[0] as RecordedRequest).embeds).toHaveLength(1);
    expect(sent(replies[1] as RecordedRequest).embeds).toHaveLength(1);
    expect(sent(replies[2] as RecordedRequest).content).toMatch(/up to 2 questions per 60 seconds.*Try again in \d+ s/);
    const other = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is the SCO?`, author: MEMBER_USER });
    expect(sent(await replyTo(h.discord, other.id)).embeds).toHaveLength(1);
  });

  it('applies the same cooldown to /ask, ephemerally', async () => {
    const asker = person('slash');
    const ask = (question: string) => h.discord.sendSlashCommand({ name: 'ask', options: { question }, user: asker });
    for (const question of ['What is the GSI?', 'What is the GDI?']) await settled(h.discord, ask(question).id);
    const third = shown(await settled(h.discord, ask('What is the SCO?').id));
    expect(third.flags & 64).toBe(64);
    expect(third.content).toMatch(/Try again in \d+ s/);
  });

  it('answers in a thread on the message when REPLY_MODE=thread (DMs stay inline)', async () => {
    const threaded = await startHarness({ shared: engine, env: { REPLY_MODE: 'thread' } });
    try {
      const message = threaded.discord.sendMessage({ content: `<@${BOT_USER_ID}> What principle did Pakistan reiterate its adherence to in the 2026 dialogue?`, author: person('lea') });
      const created = await threaded.discord.waitForRequest((request) => request.route === 'POST /channels/:channel/messages/:message/threads' && request.status < 300, 5000);
      expect(created.path).toBe(`/channels/${TEXT_CHANNEL_ID}/messages/${message.id}/threads`);
      expect((created.body as { name: string }).name).toBe('What principle did Pakistan reiterate its adherence to in the 2026 dialogue?');
      const threadId = (created.response as { id: string }).id;
      const answer = await postIn(threaded.discord, threadId, created.index);
      expect(sent(answer).embeds?.[0]?.description).toContain('One-China Principle');
      expect(sent(answer).allowed_mentions).toEqual({ parse: [] });
      const dm = threaded.discord.sendMessage({ content: 'What is the GSI?', author: person('max'), dm: true });
      await replyTo(threaded.discord, dm.id);
    } finally {
      await threaded.close();
    }
  });

  it('never sent a message that could ping, and logged no errors', () => {
    for (const request of h.discord.requests.filter((r) => r.route === createMessageRoute)) {
      expect(sent(request).allowed_mentions).toMatchObject({ parse: [] });
    }
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(h.discord.unhandledRequests).toEqual([]);
  });
});
