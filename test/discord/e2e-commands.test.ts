// Slash commands end to end: the real engine, the real discord.js client started by startBot,
// and the loopback Discord server validating every request the way Discord does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER, GUILD_ID, MEMBER_USER, OWNER_USER } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { allowedMentionsOf, customIds, messageWrites, settled, shown } from './fixtures/interactions.js';
import type { FeedbackEntry } from '../../src/discord/feedback-log.js';
import { findLimitViolations } from '../../src/discord/limits.js';

const ephemeral = 64;
const cpecDocument = '001_d4979c34144fa7d8.txt';

describe('slash commands against the loopback Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_QUESTIONS: '1000', MAX_QUESTION_CHARS: '200' } });
  });
  afterAll(async () => h?.close());

  async function run(name: string, options: Record<string, string | number | boolean> = {}, user = MEMBER_USER, extra: { dm?: boolean; subcommand?: string } = {}) {
    const interaction = h.discord.sendSlashCommand({ name, options, user, ...extra });
    const state = await settled(h.discord, interaction.id);
    return { interaction, state, message: shown(state) };
  }

  async function click(customId: string, messageId: string, user = MEMBER_USER) {
    const interaction = h.discord.button({ customId, message: messageId, user });
    h.discord.dispatch('INTERACTION_CREATE', interaction);
    const state = await settled(h.discord, interaction.id);
    return { interaction, state, message: shown(state) };
  }

  it('registered every command in the guild, as deploy-commands does', () => {
    expect(h.discord.commands(GUILD_ID).map((command) => command.name).sort()).toEqual(['ask', 'bookmarks', 'daily', 'documents', 'help', 'insights', 'leaderboard', 'privacy', 'quiz', 'read', 'reindex', 'review', 'scope', 'search', 'source']);
    const reindex = h.discord.commands(GUILD_ID).find((command) => command.name === 'reindex');
    expect(reindex?.default_member_permissions).toBe('32');
  });

  it('/ask answers with an embed citing the right document (one reply: a fast answer is not deferred)', async () => {
    const { state, message } = await run('ask', { question: 'By how much did Chinese imports from Pakistan rise year on year?' });
    expect(state.responseType).toBe(4);
    expect(message.flags & ephemeral).toBe(0);
    const [embed] = message.embeds;
    expect(embed?.title).toBe('By how much did Chinese imports from Pakistan rise year on year?');
    expect(embed?.description).toContain('68.9 percent');
    expect(embed?.description).toMatch(/\*\*[^*]*68\.9 percent[^*]*\*\*/);
    expect(embed?.fields?.[0]?.value).toContain('China, Pakistan vow to inject new impetus');
    expect(customIds(message)).toContain(`cite:1:${customIds(message).find((id) => id.startsWith('cite:1:'))?.split(':')[2]}:${cpecDocument}`);
    expect(findLimitViolations(message)).toEqual([]);
  });

  it('/ask private:true answers ephemerally (flag 64)', async () => {
    const { state, message } = await run('ask', { question: 'What security concept has Xi come up with?', private: true });
    expect((state.callbackBody as { data?: { flags?: number } }).data?.flags).toBe(ephemeral);
    expect(message.flags & ephemeral).toBe(ephemeral);
    expect(message.embeds[0]?.description).toContain('sustainable and comprehensive security');
  });

  it('says plainly when the documents do not hold the answer', async () => {
    const { message } = await run('ask', { question: 'How do I bake sourdough bread?' });
    expect(message.embeds[0]?.description).toMatch(/^I couldn't find that in the documents\./);
  });

  it('"More passages" shows the next passages to the clicker, ephemerally', async () => {
    const { state, message } = await run('ask', { question: 'What do both sides oppose besides the abuse of unilateral sanctions?' });
    const more = customIds(message).find((id) => id.startsWith('more:'));
    expect(more).toBeDefined();
    const next = await click(more ?? '', state.original?.id ?? '', ADMIN_USER);
    expect(next.message.flags & ephemeral).toBe(ephemeral);
    expect(next.message.embeds[0]?.footer?.text).toMatch(/^Passages 4–/);
  });

  it('"Show source" opens the cited paragraph with its neighbours, ephemerally', async () => {
    const { state, message } = await run('ask', { question: 'When did Shehbaz Sharif take office?' });
    const source = customIds(message).find((id) => id.startsWith('cite:1:'));
    const opened = await click(source ?? '', state.original?.id ?? '');
    expect(opened.state.responseType).toBe(4);
    expect(opened.message.flags & ephemeral).toBe(ephemeral);
    expect(opened.message.embeds[0]?.title).toContain('China, Pakistan vow');
    expect(opened.message.embeds[0]?.description).toMatch(/\*\*¶\d+\*\* ◀/);
    expect(opened.message.embeds[0]?.description).toContain('assuming office in April');
  });

  it('👍 and 👎 store a vote with question, answer and the voter as a keyed hash (never the user id) in the state database', async () => {
    const question = 'Where does the foundation of China-Pakistan friendship lie?';
    const { state, message } = await run('ask', { question });
    const up = customIds(message).find((id) => id.endsWith(':up'));
    const down = customIds(message).find((id) => id.endsWith(':down'));
    const first = await click(up ?? '', state.original?.id ?? '', OWNER_USER);
    expect(first.message.flags & ephemeral).toBe(ephemeral);
    expect(first.message.content).toContain('recorded');
    await click(down ?? '', state.original?.id ?? '', ADMIN_USER);
    const lines: FeedbackEntry[] = await h.bot.context.state.feedback.exportAll();
    const mine = lines.filter((line) => line.question === question);
    const { insights } = h.bot.context;
    expect(mine.map((line) => [line.vote, line.userId])).toEqual([
      ['up', insights.userHash(OWNER_USER.id)],
      ['down', insights.userHash(ADMIN_USER.id)],
    ]);
    expect(JSON.stringify(lines)).not.toContain(OWNER_USER.id);
    expect(mine[0]?.questionId).toMatch(/^[a-z0-9]+$/);
    expect(mine[0]?.answer.answered).toBe(true);
    expect(mine[0]?.answer.excerpts[0]?.text).toContain('lies in its people');
    expect(mine[0]?.messageId).toBe(state.original?.id);
  });

  it('buttons of an expired question say so, ephemerally', async () => {
    const { state } = await run('ask', { question: 'What does the GDI aim to speed up?' });
    const expired = await click('more:zzzzzz', state.original?.id ?? '');
    expect(expired.message.flags & ephemeral).toBe(ephemeral);
    expect(expired.message.content).toMatch(/expired.*ask it again/);
  });

  it('/search pages with Previous/Next, updating the message for the searcher', async () => {
    const { state, message } = await run('search', { query: 'China Pakistan cooperation', limit: 2 });
    expect(message.embeds[0]?.footer?.text).toMatch(/^Results 1–2 of \d+/);
    const next = customIds(message).find((id) => id.endsWith(':2'));
    const turned = await click(next ?? '', state.original?.id ?? '');
    expect(turned.state.responseType).toBe(7); // UPDATE_MESSAGE: the page came quickly, no deferral
    expect(turned.message.embeds[0]?.footer?.text).toMatch(/^Results 3–4 of \d+/);
    expect(h.discord.getMessage(state.original?.id ?? '')?.embeds[0]?.footer?.text).toMatch(/^Results 3–4/);
    const other = await click(next ?? '', state.original?.id ?? '', ADMIN_USER);
    expect(other.message.flags & ephemeral).toBe(ephemeral);
  });

  it('/search document: restricts results to that document', async () => {
    const { message } = await run('search', { query: 'security', document: '002_224089809fc1493b.txt', limit: 5 });
    const description = message.embeds[0]?.description ?? '';
    expect(description).toMatch(/^In \*\*China's Vision for Shared Global Security/);
    const headings = description.split('\n').filter((line) => /^\*\*\d+\.\*\* /.test(line));
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) expect(heading).toContain("China's Vision for Shared Global Security");
  });

  it('autocompletes document options with titles and ids', async () => {
    const interaction = h.discord.autocomplete({ name: 'source', focusedOption: { name: 'document', value: 'sco' } });
    h.discord.dispatch('INTERACTION_CREATE', interaction);
    const state = await settled(h.discord, interaction.id);
    const choices = (state.callbackBody as { data: { choices: { name: string; value: string }[] } }).data.choices;
    expect(choices).toEqual([{ name: 'China to promote neighborhood diplomacy through SCO', value: '003_b2617dd9899413f7.txt' }]);
    const all = h.discord.autocomplete({ name: 'search', options: { query: 'x' }, focusedOption: { name: 'document', value: '' } });
    h.discord.dispatch('INTERACTION_CREATE', all);
    const listed = await settled(h.discord, all.id);
    expect((listed.callbackBody as { data: { choices: unknown[] } }).data.choices).toHaveLength(5);
  });

  it('/documents list lists the corpus with dates, sources and chunk counts', async () => {
    const { message } = await run('documents', {}, MEMBER_USER, { subcommand: 'list' });
    expect(message.flags & ephemeral).toBe(ephemeral);
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Documents (5)');
    expect(embed?.description).toContain('2022-11-03 · CGTN');
    expect(embed?.description).toMatch(/`004_ac1d386c61ac9a3c\.txt` · \d+ chunks/);
  });

  it('/source shows a paragraph; an out-of-range paragraph or unknown document gets a helpful message', async () => {
    const { message } = await run('source', { document: '000_33a834d042079b7a.txt', paragraph: 3 });
    expect(message.embeds[0]?.title).toBe('China enhances convergence of geo-strategic interests with Pakistan');
    expect(message.embeds[0]?.description).toContain('**¶3** ◀');
    expect(message.embeds[0]?.description).toContain('a community of common destiny');
    const tooFar = await run('source', { document: '000_33a834d042079b7a.txt', paragraph: 999 });
    expect(tooFar.message.content).toMatch(/has \d+ paragraphs; choose a number from 1 to \d+/);
    const unknown = await run('source', { document: 'no such thing' });
    expect(unknown.message.content).toContain('No document matches “no such thing”');
  });

  it('/help explains the bot in one short embed', async () => {
    const { message } = await run('help');
    expect(message.flags & ephemeral).toBe(ephemeral);
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.description).toContain('/ask');
  });

  it('/reindex refuses a plain member, refuses DMs, and gives a manager the summary', async () => {
    const refused = await run('reindex', {}, MEMBER_USER);
    expect(refused.message.flags & ephemeral).toBe(ephemeral);
    expect(refused.message.content).toContain('Manage Server');
    const inDm = await run('reindex', {}, OWNER_USER, { dm: true });
    expect(inDm.message.content).toContain('only works in a server');
    const done = await run('reindex', {}, ADMIN_USER);
    expect(done.state.responseType).toBe(5);
    const embed = done.message.embeds[0];
    expect(embed?.title).toBe('Index rebuilt');
    const field = (name: string) => embed?.fields?.find((f) => f.name === name)?.value;
    expect(field('Documents')).toBe('5');
    expect(Number(field('Chunks'))).toBeGreaterThan(5);
    expect(field('Embedded')).toBeDefined();
    expect(field('Reused')).toBeDefined();
  });

  it('empty, whitespace-only and over-long questions get a helpful ephemeral message', async () => {
    const blank = await run('ask', { question: '   ' });
    expect(blank.message.flags & ephemeral).toBe(ephemeral);
    expect(blank.message.content).toContain('Please write a question');
    const long = await run('ask', { question: `What ${'really '.repeat(60)}is CPEC?` });
    expect(long.message.flags & ephemeral).toBe(ephemeral);
    expect(long.message.content).toMatch(/characters long; the limit is 200/);
  });

  it('never pings: mention injection is escaped and every write sets allowed_mentions to nothing', async () => {
    const question = `@everyone @here <@${OWNER_USER.id}> <@&${GUILD_ID}> [x](https://evil.example) what is the GSI?`;
    const { state, message } = await run('ask', { question });
    const title = message.embeds[0]?.title ?? '';
    expect(title).toContain('@\u200beveryone');
    expect(title).toContain(`<@\u200b${OWNER_USER.id}>`);
    expect(title).not.toMatch(/\]\(/);
    const original = h.discord.getMessage(state.original?.id ?? '');
    expect(original?.mention_everyone).toBe(false);
    expect(original?.mentions).toEqual([]);
    expect(original?.mention_roles).toEqual([]);
    const writes = messageWrites(h.discord);
    expect(writes.length).toBeGreaterThan(10);
    for (const write of writes) expect(allowedMentionsOf(write)).toMatchObject({ parse: [] });
    expect(h.discord.unhandledRequests).toEqual([]);
  });

  it('logged no errors and never the token', () => {
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(JSON.stringify(h.logs)).not.toContain(h.config.discord.token ?? 'unset');
  });
});
