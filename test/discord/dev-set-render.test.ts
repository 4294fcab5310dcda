// Every dev-set question, asked through the real engine, renders within every Discord limit;
// so do search pages, every passage of every document, and the document list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/discord/render/answer.js';
import { renderDocuments } from '../../src/discord/render/documents.js';
import { renderPassage } from '../../src/discord/render/passage.js';
import { renderSearchPage } from '../../src/discord/render/search.js';
import { expectNoLiveMentions, expectWithinLimits } from './fixtures/assertions.js';
import { type ConfiguredEngine, openConfiguredEngine } from '../support/configured-engine.js';
import { DEV_QUESTIONS } from '../support/paths.js';
import { readQuestions, type EvalQuestion } from '../../src/eval/questions.js';


describe('rendering real engine output', () => {
  let test: ConfiguredEngine;
  let questions: EvalQuestion[] = [];
  beforeAll(async () => {
    test = await openConfiguredEngine();
    questions = await readQuestions(DEV_QUESTIONS);
  });
  afterAll(async () => test?.close());

  it('fits every dev-set answer, and its next page, into Discord limits', async () => {
    expect(questions.length).toBeGreaterThan(0);
    for (const { question } of questions) {
      const answer = await test.engine.ask(question);
      const view = renderAnswer(answer, 'dev');
      expectWithinLimits(view);
      expectNoLiveMentions(view);
      const more = await test.engine.ask(question, { offset: answer.offset + Math.max(1, answer.excerpts.length) });
      expectWithinLimits(renderAnswer(more, 'dev'));
    }
  });

  it('says "I couldn\'t find that" for the questions the corpus cannot answer', async () => {
    for (const { question } of questions.filter((q) => q.doc === null)) {
      const view = renderAnswer(await test.engine.ask(question), 'dev');
      expect(view.embeds[0]?.description).toMatch(/^I couldn't find that in the documents\./);
    }
  });

  it('fits every dev-set query as a search page, filtered and not', async () => {
    for (const { question, doc } of questions) {
      expectWithinLimits(renderSearchPage(await test.engine.search(question, { limit: 10 }), 'dev'));
      if (doc) expectWithinLimits(renderSearchPage(await test.engine.search(question, { docId: doc, limit: 10 }), 'dev'));
    }
  });

  it('fits every passage of every document, and the document list', () => {
    const documents = test.engine.documents();
    expectWithinLimits(renderDocuments(documents, 0));
    for (const document of documents) {
      for (let paragraph = 1; paragraph <= document.paragraphs; paragraph += 1) {
        const view = test.engine.passage(document.id, paragraph, 1);
        expect(view).toBeDefined();
        if (view) expectWithinLimits(renderPassage(view));
      }
    }
  });
});
