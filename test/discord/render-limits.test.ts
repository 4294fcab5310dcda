// Renderers fit every Discord limit for any engine output, however large or hostile.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discordLimits, embedChars } from '../../src/discord/limits.js';
import { noMorePassagesText, renderAnswer } from '../../src/discord/render/answer.js';
import { renderDocuments } from '../../src/discord/render/documents.js';
import { renderHelp } from '../../src/discord/render/help.js';
import { renderNotice } from '../../src/discord/render/notice.js';
import { renderPassage } from '../../src/discord/render/passage.js';
import { renderReindexSummary } from '../../src/discord/render/reindex.js';
import { renderSearchPage } from '../../src/discord/render/search.js';
import type { MessageView } from '../../src/discord/render/view.js';
import { parseCustomId } from '../../src/discord/custom-ids.js';
import { expectNoLiveMentions, expectWithinLimits } from './fixtures/assertions.js';
import { answerArbitrary, documentSummary, hugeAnswer, injection, passageView, prose, searchPageArbitrary } from './fixtures/synthetic-answers.js';

describe('renderAnswer', () => {
  it('fits three 20k-character excerpts with 1000-character titles into every limit', () => {
    const view = renderAnswer(hugeAnswer(), 'k3y');
    expectWithinLimits(view);
    const [embed] = view.embeds;
    expect(embed?.title?.length).toBeLessThanOrEqual(discordLimits.embedTitleChars);
    expect(embed?.description?.length).toBeLessThanOrEqual(discordLimits.embedDescriptionChars);
    expect(embedChars(embed ?? {})).toBeLessThanOrEqual(discordLimits.embedTotalChars);
    for (const n of [1, 2, 3]) expect(embed?.description).toContain(`[${n}]`);
  });

  it('neutralises mention and link injection in the question, the excerpts and the sources', () => {
    const view = renderAnswer(hugeAnswer(), 'k3y');
    expectNoLiveMentions(view);
    expect(view.embeds[0]?.title).toContain('@\u200beveryone');
  });

  it('cuts long excerpts at a sentence boundary and keeps the answering sentence, in bold', () => {
    const text = prose(20_000, 4);
    const target = 'The answer is forty-two.';
    const at = 12_000;
    const withAnswer = `${text.slice(0, at)} ${target} ${text.slice(at)}`;
    const start = withAnswer.indexOf(target);
    const view = renderAnswer(
      {
        ...hugeAnswer(),
        question: 'What is the answer?',
        excerpts: [{ citation: { n: 1, docId: 'a.txt', title: 'A', paragraphStart: 1, paragraphEnd: 1, paragraph: 1 }, chunkId: 'a.txt#0', text: withAnswer, highlights: [{ start, end: start + target.length }], score: 1 }],
      },
      'k3y',
    );
    const description = view.embeds[0]?.description ?? '';
    expect(description).toContain(`**${target}**`);
    // Cut on both sides, each time right after a sentence's full stop.
    expect(description).toMatch(/> …\S/);
    expect(description).toMatch(/\.… \[1\]$/);
  });

  it('says plainly when nothing was found, and lists related passages', () => {
    const base = hugeAnswer();
    const view = renderAnswer({ ...base, answered: false, related: base.excerpts.slice(0, 2), excerpts: [], hasMore: false }, 'k3y');
    expectWithinLimits(view);
    expect(view.embeds[0]?.description).toMatch(/^I couldn't find that in the documents\.\n\n\*\*Possibly related:\*\*/);
    expect(view.embeds[0]?.fields?.[0]?.name).toBe('Possibly related sources');
  });

  it('keeps custom ids unique and short when excerpts share a paragraph or have very long document ids', () => {
    const base = hugeAnswer();
    const sameParagraph = base.excerpts.map((excerpt) => ({ ...excerpt, citation: { ...excerpt.citation, docId: 'd'.repeat(300), paragraphStart: 7 } }));
    const view = renderAnswer({ ...base, excerpts: sameParagraph }, 'k3y');
    expectWithinLimits(view);
    const ids = view.components.flatMap((row) => row.components.map((button) => ('custom_id' in button ? button.custom_id : '')));
    expect(ids).toContain('citeref:k3y:1');
  });

  it('fits every limit for arbitrary answers (property)', () => {
    fc.assert(
      fc.property(answerArbitrary, (generated) => {
        const view = renderAnswer(generated, 'abcdefghijklm');
        expectWithinLimits(view);
        expectNoLiveMentions(view);
      }),
      { numRuns: 150 },
    );
  });
});

describe('other renderers', () => {
  it('fit arbitrary search pages (property)', () => {
    fc.assert(
      fc.property(searchPageArbitrary, (page) => {
        const view = renderSearchPage(page, 'abc', documentSummary(1, { title: `${injection}${'T'.repeat(1000)}` }));
        expectWithinLimits(view);
        expectNoLiveMentions(view);
      }),
      { numRuns: 100 },
    );
  });

  it('fit a corpus of 500 documents with 1000-character titles, on every page', () => {
    const documents = Array.from({ length: 500 }, (_, i) =>
      documentSummary(i, { id: `${'f'.repeat(200)}-${i}.txt`, title: `${injection}${'T'.repeat(1000)}`, source: 'S'.repeat(1000) }),
    );
    for (const page of [0, 1, 25, 49, 50, 1000]) {
      const view = renderDocuments(documents, page);
      expectWithinLimits(view);
      expectNoLiveMentions(view);
    }
  });

  it('fit a passage whose paragraphs are far longer than every limit', () => {
    const view = renderPassage(passageView([prose(30_000, 1), `${injection} ${prose(30_000, 2)}`, prose(30_000, 3)], 5, { title: 'T'.repeat(1000) }));
    expectWithinLimits(view);
    expectNoLiveMentions(view);
    expect(view.embeds[0]?.description).toContain('**¶5** ◀');
  });

  it('fit a reindex summary with a thousand skipped files', () => {
    const skipped = Array.from({ length: 1000 }, (_, i) => ({ file: `${'x'.repeat(500)}-${i}.pdf`, reason: `${injection} unsupported` }));
    const view = renderReindexSummary({ documents: 5, chunks: 47, embedded: 3, reused: 44, skipped, removedDocuments: 0, seconds: 2.5, reason: 'requested' });
    expectWithinLimits(view);
    expectNoLiveMentions(view);
    expect(view.embeds[0]?.fields?.find((field) => field.name.startsWith('Skipped'))?.value).toContain('and 990 more');
  });

  it('fit help and notices', () => {
    expectWithinLimits(renderHelp({ documents: 5, answerChannelIds: Array.from({ length: 100 }, (_, i) => `${10 ** 17 + i}`) }));
    const notice = renderNotice('n'.repeat(10_000));
    expectWithinLimits(notice);
    expect(notice.content?.endsWith('…')).toBe(true);
  });
});

describe('answer details', () => {
  it('names the earlier question of a follow-up in one short, escaped line, within every limit', () => {
    const view = renderAnswer({ ...hugeAnswer(), contextQuestion: `@everyone **bold** ${'and what about it '.repeat(400)}?` }, 'k');
    expectWithinLimits(view);
    const [line] = (view.embeds[0]?.description ?? '').split('\n\n');
    expect(line).toMatch(/^\*Following up on:\* /);
    expect(line?.length).toBeLessThanOrEqual(200);
    expect(line).not.toContain('@everyone');
    expect(line).not.toContain('**bold**');
    expect(renderAnswer(hugeAnswer(), 'k').embeds[0]?.description).not.toContain('Following up on');
  });

  it('says when there are no more passages', () => {
    const view = renderAnswer({ ...hugeAnswer(), excerpts: [], offset: 30, hasMore: false }, 'k');
    expect(view.embeds[0]?.description).toBe(noMorePassagesText);
    expect(view.components[0]?.components[0]).toMatchObject({ disabled: true });
  });

  it('opens "Show source" at the paragraph the citation names (the answering sentence\'s, set by the engine)', () => {
    const text = 'First paragraph.\n\nSecond paragraph.\n\nThird has the answer.';
    const start = text.indexOf('Third');
    const cited = { citation: { n: 1, docId: 'a', title: 'A', paragraphStart: 7, paragraphEnd: 9, paragraph: 9 }, chunkId: 'a#1', text, highlights: [{ start, end: text.length }], score: 1 };
    const sourceButton = (view: MessageView) => view.components.flatMap((row) => row.components).find((b) => 'label' in b && b.label === 'Show source [1]');
    const button = sourceButton(renderAnswer({ ...hugeAnswer(), excerpts: [cited] }, 'k'));
    expect(parseCustomId(button && 'custom_id' in button ? button.custom_id : '')).toMatchObject({ kind: 'cite', paragraph: 9, docId: 'a' });
  });
});
