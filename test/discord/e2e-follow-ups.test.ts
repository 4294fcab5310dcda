// Conversations end to end: follow-ups in the bot's answer thread, in a reply to one of its
// answers and in a DM are answered in the context of the earlier question, and say so; they
// expire after CONVERSATION_TTL_MINUTES; "More like this" lists passages of other documents.
import type { APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, MEMBER_USER, TEXT_CHANNEL_ID, newSnowflake } from '../support/loopback/index.js';
import type { LoopbackDiscord, RecordedRequest } from '../support/loopback/index.js';
import { findLimitViolations } from '../../src/discord/limits.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { customIds, settled, shown } from './fixtures/interactions.js';

function person(name: string): APIUser {
  return { id: newSnowflake(), username: name, discriminator: '0', global_name: name, avatar: null };
}

const createMessageRoute = 'POST /channels/:channel/messages';
const TTL_MINUTES = 5;

interface SentBody {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { value: string }[] }[];
}
const sent = (request: RecordedRequest) => request.body as SentBody;
const description = (request: RecordedRequest) => sent(request).embeds?.[0]?.description ?? '';

function replyTo(discord: LoopbackDiscord, messageId: string, timeoutMs = 8000): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => {
    const body = request.body as { message_reference?: { message_id?: string } } | undefined;
    return request.route === createMessageRoute && request.status < 300 && body?.message_reference?.message_id === messageId;
  }, timeoutMs);
}

const repliedTo = (discord: LoopbackDiscord, messageId: string) =>
  discord.requests.some((request) => (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === messageId);

describe('follow-up questions against the loopback Discord', () => {
  let engine: ConfiguredEngine;
  let inline: Harness;
  let threaded: Harness;
  let clock = Date.now();
  const now = () => clock;
  beforeAll(async () => {
    engine = await openConfiguredEngine();
    const env = { CONVERSATION_TTL_MINUTES: String(TTL_MINUTES), COOLDOWN_QUESTIONS: '100' };
    inline = await startHarness({ shared: engine, env, now });
    threaded = await startHarness({ shared: engine, env: { ...env, REPLY_MODE: 'thread' }, now });
  });
  afterAll(async () => {
    await inline?.close();
    await threaded?.close();
    await engine?.close();
  });

  it('answers a message in its answer thread in the context of the thread’s question, then forgets it after the TTL', async () => {
    const h = threaded;
    const asker = person('tara');
    h.discord.sendMessage({ content: `<@${BOT_USER_ID}> Who is Shehbaz Sharif?`, author: asker });
    const created = await h.discord.waitForRequest((request) => request.route === 'POST /channels/:channel/messages/:message/threads' && request.status < 300, 8000);
    const threadId = (created.response as { id: string }).id;
    await h.discord.waitForRequest((request) => request.route === createMessageRoute && request.path === `/channels/${threadId}/messages`, { timeoutMs: 8000, fromIndex: created.index });

    // No mention: the thread is the bot's, so the message is a follow-up.
    const followUp = h.discord.sendMessage({ content: 'when did he take office?', author: asker, channelId: threadId });
    const answer = await replyTo(h.discord, followUp.id);
    expect(description(answer)).toMatch(/^\*Following up on:\* Who is Shehbaz Sharif\?/);
    expect(description(answer)).toContain('assuming office in April');
    expect(sent(answer).embeds?.[0]?.title).toBe('when did he take office?');
    expect(findLimitViolations(sent(answer) as Parameters<typeof findLimitViolations>[0])).toEqual([]);

    // Members talking to each other in the thread are left alone: only questions are answered.
    const thanks = h.discord.sendMessage({ content: 'Thanks, that helps!', author: asker, channelId: threadId });

    clock += (TTL_MINUTES + 1) * 60_000;
    const late = h.discord.sendMessage({ content: 'and what did he vow?', author: asker, channelId: threadId });
    // A mention is still answered — as a new question: the conversation has expired.
    const marker = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> when did he take office?`, author: asker, channelId: threadId });
    const fresh = await replyTo(h.discord, marker.id);
    expect(description(fresh)).not.toContain('Following up on');
    expect(repliedTo(h.discord, late.id)).toBe(false);
    expect(repliedTo(h.discord, thanks.id)).toBe(false);
  });

  it('answers a reply to an /ask answer in that answer’s context, and a reply to the follow-up in the same conversation', async () => {
    const h = inline;
    const asked = await settled(h.discord, h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What new name has Xi Jinping given the world?' }, user: MEMBER_USER }).id);
    const answerMessageId = asked.original?.id ?? '';
    expect(answerMessageId).not.toBe('');
    const followUp = h.discord.sendMessage({ content: 'what security concept has he come up with?', author: MEMBER_USER, channelId: TEXT_CHANNEL_ID, replyTo: answerMessageId });
    const answer = await replyTo(h.discord, followUp.id);
    expect(description(answer)).toMatch(/^\*Following up on:\* What new name has Xi Jinping given the world\?/);
    expect(description(answer)).toContain('universal, sustainable and comprehensive security');

    // The follow-up's answer continues the conversation: a reply to it still knows the subject.
    const second = h.discord.sendMessage({ content: 'and what about it?', author: MEMBER_USER, channelId: TEXT_CHANNEL_ID, replyTo: (answer.response as { id: string }).id });
    expect(description(await replyTo(h.discord, second.id))).toMatch(/^\*Following up on:\* What new name has Xi Jinping given the world\?/);

    // A question that stands on its own, in reply, is answered as asked.
    const own = h.discord.sendMessage({ content: 'When did Shehbaz Sharif take office?', author: MEMBER_USER, channelId: TEXT_CHANNEL_ID, replyTo: answerMessageId });
    const ownAnswer = await replyTo(h.discord, own.id);
    expect(description(ownAnswer)).not.toContain('Following up on');
    expect(description(ownAnswer)).toContain('assuming office in April');
  });

  it('answers a reply that does not ping the bot (with Message Content) to one of its answers, but not to its other messages', async () => {
    const h = threaded;
    const asker = person('noa');
    const asked = await settled(h.discord, h.discord.sendSlashCommand({ name: 'ask', options: { question: 'What is the Global Security Initiative?' }, user: asker }).id);
    const from = h.discord.requests.length;
    const reply = h.discord.sendMessage({ content: 'which challenges can countries collaborate on under it?', author: asker, channelId: TEXT_CHANNEL_ID, replyTo: asked.original?.id ?? '', mentions: [] });
    const created = await h.discord.waitForRequest((request) => request.route === 'POST /channels/:channel/messages/:message/threads' && request.path.endsWith(`/${reply.id}/threads`), { timeoutMs: 8000, fromIndex: from });
    const threadId = (created.response as { id: string }).id;
    const answer = await h.discord.waitForRequest((request) => request.route === createMessageRoute && request.path === `/channels/${threadId}/messages`, { timeoutMs: 8000, fromIndex: created.index });
    expect(description(answer)).toMatch(/^\*Following up on:\* What is the Global Security Initiative\?/);
    expect(description(answer)).toContain('counterterrorism');

    // The hint under an empty mention is not an answer: a reply to it is not a question.
    const empty = h.discord.sendMessage({ content: `<@${BOT_USER_ID}>`, author: asker });
    const hint = await replyTo(h.discord, empty.id);
    const chatter = h.discord.sendMessage({ content: 'ok thanks', author: asker, channelId: TEXT_CHANNEL_ID, replyTo: (hint.response as { id: string }).id, mentions: [] });
    const marker = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> What is the GSI?`, author: asker });
    await h.discord.waitForRequest((request) => request.route === 'POST /channels/:channel/messages/:message/threads' && request.path.endsWith(`/${marker.id}/threads`), 8000);
    expect(h.discord.requests.some((request) => request.path.includes(`/${chatter.id}/threads`))).toBe(false);
    expect(repliedTo(h.discord, chatter.id)).toBe(false);
  });

  it('answers a DM after an earlier DM question in its context, until the conversation expires', async () => {
    const h = inline;
    const dee = person('dee');
    const first = h.discord.sendMessage({ content: 'What is the Global Security Initiative?', author: dee, dm: true });
    await replyTo(h.discord, first.id);
    const followUp = h.discord.sendMessage({ content: 'which challenges can countries collaborate on under it?', author: dee, dm: true });
    const answer = await replyTo(h.discord, followUp.id);
    expect(description(answer)).toMatch(/^\*Following up on:\* What is the Global Security Initiative\?/);
    expect(description(answer)).toContain('counterterrorism');
    // Someone else's DMs are another conversation.
    const other = h.discord.sendMessage({ content: 'which challenges can countries collaborate on under it?', author: person('eli'), dm: true });
    expect(description(await replyTo(h.discord, other.id))).not.toContain('Following up on');

    clock += (TTL_MINUTES + 1) * 60_000;
    const late = h.discord.sendMessage({ content: 'which challenges can countries collaborate on under it?', author: dee, dm: true });
    expect(description(await replyTo(h.discord, late.id))).not.toContain('Following up on');
  });

  it('lists passages of other documents under "More like this", ephemerally, within the row limit', async () => {
    const h = inline;
    const askedState = await settled(h.discord, h.discord.sendSlashCommand({ name: 'ask', options: { question: 'By how much did Chinese imports from Pakistan rise year on year?' }, user: MEMBER_USER }).id);
    const asked = shown(askedState);
    const rows = asked.components;
    expect(rows[0]?.components.length).toBeLessThanOrEqual(5);
    const like = customIds(asked).find((id) => id.startsWith('like:'));
    expect(like).toBeDefined();
    const answeredDoc = customIds(asked).find((id) => id.startsWith('cite:1:'))?.split(':').slice(3).join(':');
    expect(answeredDoc).toBe('001_d4979c34144fa7d8.txt');
    const click = h.discord.button({ customId: like ?? '', message: askedState.original?.id ?? '', user: MEMBER_USER });
    h.discord.dispatch('INTERACTION_CREATE', click);
    const listing = shown(await settled(h.discord, click.id));
    expect(listing.flags & 64).toBe(64);
    expect(listing.embeds[0]?.title).toMatch(/^More like this: /);
    const sourceDocs = customIds(listing).filter((id) => id.startsWith('cite:')).map((id) => id.split(':').slice(3).join(':'));
    expect(sourceDocs.length).toBeGreaterThan(0);
    expect(sourceDocs).not.toContain(answeredDoc);
    expect(findLimitViolations(listing)).toEqual([]);
  });

  it('kept the conversations out of the logs and logged no errors', () => {
    for (const h of [inline, threaded]) {
      const logged = JSON.stringify(h.logs);
      for (const words of ['when did he take office', 'security concept has he come up with', 'collaborate on under it']) expect(logged).not.toContain(words);
      expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
      expect(h.discord.unhandledRequests).toEqual([]);
    }
  });
});
