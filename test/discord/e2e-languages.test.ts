// Documents and questions in Spanish and Chinese, end to end through the loopback Discord, with
// the default (English-only) embedding model: the words carry them. Questions with and without
// accents; Chinese, which has no spaces between words. Beside English documents on other topics.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/core/text/normalize.js';
import { BOT_USER_ID, MEMBER_USER, type LoopbackDiscord, type RecordedRequest } from '../support/loopback/index.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { settled, shown } from './fixtures/interactions.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures');
const SPANISH = 'Mercado de abastos de Villaclara';
const CHINESE = '青川市地铁乘车指南';

/** Spanish questions, each written with its accents and without: both must give the same reply. */
const SPANISH_QUESTIONS: Array<{ accented: string; plain: string; answer: string }> = [
  { accented: '¿A qué hora abre el mercado los viernes por la tarde?', plain: 'a que hora abre el mercado los viernes por la tarde', answer: 'de 17:00 a 20:30' },
  { accented: '¿Cuánto cuesta alquilar un puesto?', plain: 'cuanto cuesta alquilar un puesto', answer: '180 euros al mes' },
  { accented: '¿Quién diseñó el edificio del mercado?', plain: 'quien diseno el edificio del mercado', answer: 'Julián Echeverría' },
];

const CHINESE_QUESTIONS: Array<{ question: string; answer: string }> = [
  { question: '地铁每天几点开始运营？', answer: '早上六点开始运营' },
  { question: '老人坐地铁免费吗？', answer: '六十五岁以上的老人免费乘车' },
  { question: '一号线有多少座车站', answer: '共设二十二座车站' },
];

function replyTo(discord: LoopbackDiscord, messageId: string): Promise<RecordedRequest> {
  return discord.waitForRequest((request) => {
    const body = request.body as { message_reference?: { message_id?: string } } | undefined;
    return request.route === 'POST /channels/:channel/messages' && request.status < 300 && body?.message_reference?.message_id === messageId;
  }, 15_000);
}

describe('Spanish and Chinese documents against the loopback Discord', () => {
  let corpusDir = '';
  let engine: ConfiguredEngine;
  let h: Harness;

  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(tmpdir(), 'footnote-languages-'));
    await cp(path.join(FIXTURES, 'languages'), corpusDir, { recursive: true });
    // English documents on other topics, so the right language's passage has to win.
    await cp(path.join(FIXTURES, 'collections'), path.join(corpusDir, 'english'), { recursive: true });
    engine = await openConfiguredEngine({ CORPUS_DIR: corpusDir });
    h = await startHarness({ shared: engine, env: { COOLDOWN_QUESTIONS: '1000' } });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await engine?.close();
    await rm(corpusDir, { recursive: true, force: true });
  });

  async function ask(question: string): Promise<{ heading: string; firstSource: string; description: string }> {
    const interaction = h.discord.sendSlashCommand({ name: 'ask', options: { question } });
    const embed = shown(await settled(h.discord, interaction.id, 15_000)).embeds[0];
    return { heading: embed?.fields?.[0]?.name ?? '', firstSource: embed?.fields?.[0]?.value.split('\n')[0] ?? '', description: normalizeForMatch(embed?.description ?? '') };
  }

  it.each(SPANISH_QUESTIONS)('/ask “$plain”, with accents or without, quotes the passage that answers it', async ({ accented, plain, answer }) => {
    const withAccents = await ask(accented);
    // Answered, or (when the question's words are other forms of the passage's, which no Spanish
    // stemming joins) offered as possibly related: the right passage comes first either way.
    expect(['Sources', 'Possibly related sources']).toContain(withAccents.heading);
    expect(withAccents.firstSource).toContain(SPANISH);
    expect(withAccents.description).toContain(normalizeForMatch(answer));
    const withoutAccents = await ask(plain);
    expect(withoutAccents.heading).toBe(withAccents.heading);
    expect(withoutAccents.firstSource).toBe(withAccents.firstSource);
    expect(withoutAccents.description).toContain(normalizeForMatch(answer));
  });

  it.each(CHINESE_QUESTIONS)('/ask “$question” answers from the Chinese passage', async ({ question, answer }) => {
    const reply = await ask(question);
    expect(reply.heading).toBe('Sources');
    expect(reply.firstSource).toContain(CHINESE);
    expect(reply.description).toContain(normalizeForMatch(answer));
  });

  it('answers a mention in Chinese the same way', async () => {
    const message = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> 普通单程票价是多少？`, author: MEMBER_USER });
    const body = (await replyTo(h.discord, message.id)).body as { embeds?: Array<{ description?: string; fields?: { value: string }[] }> };
    expect(body.embeds?.[0]?.fields?.[0]?.value).toContain(CHINESE);
    expect(body.embeds?.[0]?.description).toContain('二元至六元');
  });
});
