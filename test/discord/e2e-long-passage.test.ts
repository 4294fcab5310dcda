// A corpus whose only paragraph is longer than every Discord limit, with a title far longer than
// a title may be and mention injection in both: every reply still fits and pings no one.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/discord/limits.js';
import { BOT_USER_ID, GUILD_ID } from '../support/loopback/index.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { customIds, settled, shown, type ShownMessage } from './fixtures/interactions.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { liveMention } from './fixtures/assertions.js';

const fact = 'The lighthouse keeper counted exactly 4242 migrating cranes over the northern bay in 2019.';

function longParagraph(): string {
  const filler = (i: number) => `Observers along the coast recorded wind, tide and cloud cover on day ${i} of the survey, as they had every year since the station opened. `;
  const before = Array.from({ length: 90 }, (_, i) => filler(i)).join('');
  const after = Array.from({ length: 90 }, (_, i) => filler(i + 90)).join('');
  return `${before}@everyone <@&${GUILD_ID}> [prize](https://evil.example) ${fact} ${after}`;
}

function visibleText(message: ShownMessage): string {
  return [message.content, ...message.embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])])].join('\n');
}

describe('a passage longer than every limit', () => {
  let corpusDir = '';
  let engine: ConfiguredEngine;
  let h: Harness;
  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(tmpdir(), 'footnote-long-corpus-'));
    await mkdir(corpusDir, { recursive: true });
    const title = `Crane survey @everyone <@${BOT_USER_ID}> ${'very long title '.repeat(70)}`;
    const document = `---\ntitle: ${title}\ndate: 2019-10-01\nsource: ${'Coastal Bird Observatory '.repeat(40)}\n---\n\n${longParagraph()}\n`;
    expect(document.length).toBeGreaterThan(20_000);
    await writeFile(path.join(corpusDir, 'crane-survey.md'), document);
    engine = await openConfiguredEngine({ CORPUS_DIR: corpusDir });
    h = await startHarness({ shared: engine, env: { CORPUS_DIR: corpusDir, COOLDOWN_QUESTIONS: '1000' } });
  });
  afterAll(async () => {
    await h?.close();
    await engine?.close();
    if (corpusDir) await rm(corpusDir, { recursive: true, force: true });
  });

  async function run(name: string, options: Record<string, string | number | boolean>) {
    const interaction = h.discord.sendSlashCommand({ name, options });
    const state = await settled(h.discord, interaction.id);
    return { state, message: shown(state) };
  }

  function expectFits(message: ShownMessage) {
    expect(findLimitViolations(message)).toEqual([]);
    expect(visibleText(message)).not.toMatch(liveMention);
  }

  it('/ask quotes the answering sentence, cut at sentence boundaries, within every limit', async () => {
    const { state, message } = await run('ask', { question: 'How many migrating cranes did the lighthouse keeper count?' });
    expectFits(message);
    const description = message.embeds[0]?.description ?? '';
    expect(description).toContain('4242 migrating cranes');
    expect(message.embeds[0]?.fields?.[0]?.value.length).toBeLessThanOrEqual(1024);
    const source = customIds(message).find((id) => id.startsWith('cite:'));
    const click = h.discord.button({ customId: source ?? '', message: state.original?.id ?? '' });
    h.discord.dispatch('INTERACTION_CREATE', click);
    const opened = shown(await settled(h.discord, click.id));
    expectFits(opened);
    expect(opened.embeds[0]?.title?.length).toBeLessThanOrEqual(256);
    // The 20k-character paragraph is cut after a full stop.
    expect(opened.embeds[0]?.description).toMatch(/\.…$/);
  });

  it('/source, /search and /documents fit too', async () => {
    const document = engine.engine.documents()[0];
    expect(document?.characters).toBeGreaterThan(20_000);
    expectFits((await run('source', { document: document?.id ?? '' })).message);
    expectFits((await run('search', { query: 'cranes lighthouse keeper survey', limit: 10 })).message);
    expectFits((await run('documents', {})).message);
  });

  it('a mention reply fits as well', async () => {
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> How many cranes were counted in 2019?` });
    const reply = await h.discord.waitForRequest((request) => (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === message.id && request.status < 300, 5000);
    expectFits(reply.body as ShownMessage);
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});
