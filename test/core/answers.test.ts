import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/core/text/normalize.js';
import { readQuestions } from '../../src/eval/questions.js';
import { runEvaluation } from '../../src/eval/run-eval.js';
import { renderAnswerText } from '../../src/cli/render-text.js';
import { DEV_QUESTIONS } from '../support/paths.js';
import { useSharedEngine } from '../support/shared-engine.js';

const getEngine = useSharedEngine();

describe('answers', () => {
  it('meets the retrieval targets on the dev set, with hybrid beating both single systems', async () => {
    const report = await runEvaluation(getEngine(), await readQuestions(DEV_QUESTIONS), renderAnswerText);
    const { bm25, dense, hybrid } = report.systems;
    expect(hybrid?.passageAt1).toBeGreaterThanOrEqual(0.9);
    expect(hybrid?.passageAt3).toBeGreaterThanOrEqual(0.97);
    expect(hybrid?.noAnswerAccuracy).toBeGreaterThanOrEqual(0.75);
    expect(hybrid?.falseRefusalRate).toBeLessThanOrEqual(0.05);
    expect(hybrid?.passageAt1).toBeGreaterThanOrEqual(bm25?.passageAt1 ?? 1);
    expect(hybrid?.passageAt1).toBeGreaterThan(dense?.passageAt1 ?? 1);
  });

  it('answers with up to three verbatim, cited excerpts and marked sentences', async () => {
    const answer = await getEngine().ask('By how much did Chinese imports from Pakistan rise year on year?');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts.length).toBeGreaterThan(0);
    expect(answer.excerpts.length).toBeLessThanOrEqual(3);
    answer.excerpts.forEach((excerpt, i) => {
      expect(excerpt.citation.n).toBe(i + 1);
      const passage = getEngine().passage(excerpt.citation.docId, excerpt.citation.paragraphStart, 0);
      expect(passage?.paragraphs[0]?.text).toBeDefined();
      for (const h of excerpt.highlights) {
        expect(h.start).toBeGreaterThanOrEqual(0);
        expect(h.end).toBeLessThanOrEqual(excerpt.text.length);
      }
    });
    const first = answer.excerpts[0];
    expect(first?.citation).toMatchObject({ docId: '001_d4979c34144fa7d8.txt', date: '2022-11-03', source: 'CGTN' });
    const marked = first ? first.highlights.map((h) => first.text.slice(h.start, h.end)).join(' ') : '';
    expect(normalizeForMatch(marked)).toContain('68.9 percent');
  });

  it('says it does not know, instead of guessing, for questions the corpus cannot answer', async () => {
    for (const question of ['What is the population of Tokyo?', 'How do I bake sourdough bread?', 'Who won the 2018 football World Cup?']) {
      const answer = await getEngine().ask(question);
      expect(answer.answered, question).toBe(false);
      expect(answer.excerpts).toEqual([]);
      expect(renderAnswerText(answer)).toMatch(/couldn't find/);
    }
  });

  it('pages further passages and handles empty input without throwing', async () => {
    const first = await getEngine().ask('China Pakistan cooperation');
    const more = await getEngine().ask('China Pakistan cooperation', { offset: 3 });
    expect(more.offset).toBe(3);
    expect(more.excerpts[0]?.citation.n).toBe(4);
    expect(more.excerpts.map((e) => e.chunkId)).not.toContain(first.excerpts[0]?.chunkId);
    const empty = await getEngine().ask('   ');
    expect(empty.answered).toBe(false);
  });

  it('searches within one document and serves passages and document lists', async () => {
    const page = await getEngine().search('security', { docId: '002_224089809fc1493b.txt', limit: 3 });
    expect(page.hits.length).toBeGreaterThan(0);
    expect(page.hits.every((h) => h.citation.docId === '002_224089809fc1493b.txt')).toBe(true);
    expect(getEngine().documents()).toHaveLength(5);
    expect(getEngine().findDocuments('shared global', 25)[0]?.id).toBe('002_224089809fc1493b.txt');
    const view = getEngine().passage('004_ac1d386c61ac9a3c.txt', 7, 1);
    expect(view?.paragraphs.map((p) => p.index)).toEqual([6, 7, 8]);
    expect(getEngine().passage('nope.txt')).toBeUndefined();
  });
});
