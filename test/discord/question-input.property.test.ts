// Whatever a user types — control characters, RTL overrides, zero-width characters, emoji, 6,000
// characters, only punctuation, markdown and code fences, @everyone/@here, user/role/channel
// mentions, masked links — the bot's handlers never throw, every reply fits Discord's limits,
// nothing can ping, anything echoed back is inert, and unusable input gets a clear message.
// Renderers are checked directly (many runs); the full path — real discord.js client, real engine,
// loopback Discord validating every request — with fewer runs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apologyText } from '../../src/discord/failures.js';
import { findLimitViolations } from '../../src/discord/limits.js';
import { checkQuestion, cleanQuestionText, emptyQuestionText, noWordsText } from '../../src/discord/question-input.js';
import { renderAnswer } from '../../src/discord/render/answer.js';
import { renderNotice } from '../../src/discord/render/notice.js';
import { formatEchoedText } from '../../src/discord/render/question.js';
import { renderSearchPage } from '../../src/discord/render/search.js';
import type { MessageView } from '../../src/discord/render/view.js';
import { BOT_USER_ID, type LoopbackDiscord, type RecordedRequest } from '../support/loopback/index.js';
import { expectNoLiveMentions, liveMention, visibleTexts } from './fixtures/assertions.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { allowedMentionsOf, messageWrites, settled, shown } from './fixtures/interactions.js';
import { answer } from './fixtures/synthetic-answers.js';

const pieces = [
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069',
  '\u2060', '\ufeff', '\u00ad', '\ud800', '\n', '\r\n', '\t', ' ', '🙂', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '中国', 'ا', 'é', 'Ω',
  '@everyone', '@here', '@\u200beveryone', '<@123456789012345678>', '<@!123456789012345678>', '<@&234567890123456789>', '<#345678901234567890>',
  `<@${BOT_USER_ID}>`, '[x](https://evil.example/steal)', '[click me](<https://evil.example>)', '**', '__', '~~', '||', '`', '```js\nalert(1)\n```',
  '# heading', '> quote', '- item', '1. item', '\\', '?', '!', '.', '…', '—', ':', '<', '>', '(', ')',
  'What is CPEC', 'Pakistan', 'security', 'Xi Jinping', 'when', 'the',
];

/** Hostile text: mixtures of the pieces above, raw code units, graphemes, and edge cases. */
const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(' ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '', '   ', '\u200b\u200b\u200b', '\u202e\u2066\ufeff', '?!.,;:—…', '🙂🙂🙂', '```\n```', '** __ ~~',
      'x'.repeat(6000), '@everyone '.repeat(600), `${'<@&234567890123456789> '.repeat(250)}`, `What is CPEC?${'\u200b'.repeat(5980)}`,
      '\u202eWhat is CPEC?', '@everyone what is CPEC?', '[What is CPEC](https://evil.example)?',
    ),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 5500, maxLength: 6000 }) },
);

const invisibleOrControl = /[\p{Cc}\p{Cf}\p{Cs}]/u;

function expectInert(texts: readonly string[]): void {
  for (const text of texts) {
    expect(text).not.toMatch(liveMention);
    // No direction override survives into what is shown (it would reverse the rest of the line).
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  }
}

describe('question input, rendered (no engine)', () => {
  it('checks any text into a clean question or a clear message', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 20, max: 4000 }), (raw, maxChars) => {
        const check = checkQuestion(raw, maxChars);
        const cleaned = cleanQuestionText(raw);
        if (check.ok) {
          expect(check.question).toBe(cleaned);
          expect(check.question.length).toBeLessThanOrEqual(maxChars);
          expect(check.question).not.toMatch(invisibleOrControl);
          expect(check.question).toMatch(/[\p{L}\p{N}]/u);
          return;
        }
        if (cleaned.length === 0) expect(check.problem).toBe(emptyQuestionText);
        else if (cleaned.length > maxChars) expect(check.problem).toContain(`the limit is ${maxChars}`);
        else expect(check.problem).toBe(noWordsText);
        const notice = renderNotice(check.problem);
        expect(findLimitViolations(notice)).toEqual([]);
        expectInert(visibleTexts(notice));
      }),
      { numRuns: 200 },
    );
  });

  it('echoes any text inertly and within limits: answer titles, search titles, notices', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        for (const max of [100, 256]) {
          const echoed = formatEchoedText(raw, max);
          expect(echoed.length).toBeLessThanOrEqual(max);
          expectInert([echoed]);
        }
        const views: MessageView[] = [
          renderAnswer(answer({ question: raw }), 'k3y'),
          renderAnswer(answer({ question: raw, answered: false }), 'k3y'),
          renderSearchPage({ query: raw, offset: 0, limit: 5, total: 0, hits: [] }, 'k3y'),
          renderNotice(`No document matches “${formatEchoedText(raw, 100)}”. Pick one from the list, or see /documents.`),
        ];
        for (const view of views) {
          expect(findLimitViolations(view)).toEqual([]);
          expectNoLiveMentions(view);
          expectInert(visibleTexts(view));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('question input, end to end (real engine, real client, loopback Discord)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_QUESTIONS: '1000', MAX_QUESTION_CHARS: '4000' } });
  });
  afterAll(async () => h?.close());

  /** Every message the bot created or edited since `from`, as sent. */
  function writesSince(discord: LoopbackDiscord, from: number): RecordedRequest[] {
    return messageWrites(discord).filter((request) => request.index >= from);
  }

  function sentView(request: RecordedRequest): MessageView {
    const body = request.body as { data?: MessageView } & MessageView;
    const view = request.route?.endsWith('/callback') ? (body.data ?? { embeds: [], components: [] }) : body;
    return { content: view.content ?? undefined, embeds: view.embeds ?? [], components: view.components ?? [] };
  }

  it('answers any question, by /ask, mention and /search, within limits, pinging no one, echoing inertly', async () => {
    let reachedEngine = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (raw, asDocument) => {
        const from = h.discord.requests.length;
        const check = checkQuestion(raw, 4000);

        const asked = h.discord.sendSlashCommand({ name: 'ask', options: { question: raw } });
        const askedMessage = shown(await settled(h.discord, asked.id, 15_000));
        const mention = h.discord.sendMessage({ content: `<@${BOT_USER_ID}> ${raw}` });
        const reply = await h.discord.waitForRequest(
          (request) => request.status < 300 && (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === mention.id,
          15_000,
        );
        // The text as the query, or as the document name (echoed back when nothing matches).
        const searched = h.discord.sendSlashCommand({ name: 'search', options: asDocument ? { query: 'security', document: raw } : { query: raw } });
        const searchedMessage = shown(await settled(h.discord, searched.id, 15_000));

        // Handled, not crashed: no apology, and nothing was rejected by Discord's validation.
        expect(h.discord.requests.slice(from).filter((request) => request.status >= 400)).toEqual([]);
        expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
        for (const message of [askedMessage, searchedMessage]) expect(message.content).not.toBe(apologyText);

        if (check.ok) {
          reachedEngine += 1;
          expect(askedMessage.embeds[0]?.title).toBe(formatEchoedText(check.question, 256) || 'Your question');
        } else {
          // Unusable input is told what to do (ephemerally), without reaching the engine.
          refused += 1;
          expect(askedMessage.content).toBe(check.problem);
          expect(askedMessage.flags & 64).toBe(64);
        }
        // The mention strips the bot's own mention: a question made only of it is a hint, not an error.
        expect(sentView(reply).content ?? sentView(reply).embeds[0]?.title).toBeTruthy();

        const writes = writesSince(h.discord, from);
        expect(writes.length).toBeGreaterThanOrEqual(3);
        for (const write of writes) {
          const view = sentView(write);
          expect(findLimitViolations(view)).toEqual([]);
          expectNoLiveMentions(view);
          expectInert(visibleTexts(view));
          expect((allowedMentionsOf(write) as { parse?: unknown[] } | undefined)?.parse).toEqual([]);
          // What Discord would actually ping, as the loopback computes it from allowed_mentions.
          const stored = h.discord.getMessage((write.response as { id?: string } | undefined)?.id ?? '');
          if (stored) {
            expect(stored.mentions).toEqual([]);
            expect(stored.mention_roles).toEqual([]);
            expect(stored.mention_everyone).toBe(false);
          }
        }
      }),
      { numRuns: 50 },
    );
    // Both kinds of input were exercised.
    expect(reachedEngine).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  }, 120_000);
});
