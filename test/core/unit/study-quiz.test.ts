// Quiz generation on small hand-written documents (no model): which blanks are chosen, which are
// refused (stop words, give-aways, the document's own topic), distractors of the same type, and
// determinism per seed.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/core/documents/build-document.js';
import { DEFAULT_STUDY } from '../../../src/core/settings.js';
import { paragraphCandidates, documentWordsOf } from '../../../src/core/study/candidates.js';
import { pickDailyPassage, isSubstantive } from '../../../src/core/study/passages.js';
import { generateQuiz, itemsFromPassage } from '../../../src/core/study/quiz.js';
import { buildStudyIndex } from '../../../src/core/study/study-index.js';
import { STOP_WORDS } from '../../../src/core/text/analyze.js';

const harbour = `Harbour Report

The Northgate harbour handled 4,200 container ships in 2019, up 12 percent on the year before, according to the port authority. Dredging of the western channel was completed in March 2018 by the contractor Delmar Marine.

Mayor Elena Vasquez opened the new ferry terminal on June 14, 2021, and promised that fares would stay below $3.50 for residents. The terminal cost $48 million and was designed by the architect Tomas Reyes.

The estuary supports a colony of grey seals, and biologists counted 310 pups during the winter survey of 2022. Fishing boats must keep a distance of 200 metres from the haul-out sandbanks between November and February.`;

const valley = `Valley Water Board

The Valley Water Board approved a reservoir expansion costing $120 million in 2017, after a drought lowered storage to 31 percent of capacity. Engineer Priya Mehta led the design of the spillway, which was finished in August 2020.

Farmers in the lower valley irrigate about 9,500 hectares of orchards, mostly almonds and apricots. The board sells them water at $210 per acre-foot, while the city of Riverton pays $540 for the same volume.`;

const council = `Council minutes

Councillor James Whitfield chaired the meeting of the finance committee on May 3, 2016, when the budget of $75 million was approved by a vote of 9 to 2. The chief executive, Naomi Clarke, warned that reserves had fallen to 18 percent of annual spending.

The council will replace 1,400 streetlights with LED fittings by 2024, saving an estimated $600,000 a year in electricity. Residents of the Eastside ward asked for the work to start on Harrow Road, where 37 collisions were recorded in 2015.`;

async function index(texts = [harbour, valley, council]) {
  const documents = texts.map((text, i) => buildDocument(`doc${i}.txt`, text, `hash${i}`));
  return buildStudyIndex(documents, DEFAULT_STUDY);
}

describe('blank candidates', () => {
  it('finds numbers, dates, names and rare nouns with their pools, never a stop word', () => {
    const text = harbour.split('\n\n')[1] ?? '';
    const sentences = paragraphCandidates(text, documentWordsOf(harbour), DEFAULT_STUDY);
    const all = sentences.flatMap((s) => s.candidates);
    const byText = new Map(all.map((c) => [c.text, c]));
    expect(byText.get('4,200')?.pool).toBe('number:count');
    expect(byText.get('12 percent')?.pool).toBe('number:percent');
    expect(byText.get('2019')?.pool).toBe('date:year');
    expect(byText.get('March 2018')?.pool).toBe('date:month-year');
    expect(byText.get('Delmar Marine')?.type).toBe('name');
    for (const candidate of all) expect(STOP_WORDS.has(candidate.text.toLowerCase())).toBe(false);
  });

  it('strips "about" from a number, and keeps titles out of a person’s name', () => {
    const text = 'Mayor Elena Vasquez said that about 300 volunteers and over 40 boats joined the clean-up of the bay.';
    const [sentence] = paragraphCandidates(text, documentWordsOf(text), DEFAULT_STUDY);
    const texts = sentence?.candidates.map((c) => c.text) ?? [];
    expect(texts).toContain('300');
    expect(texts).toContain('40');
    expect(texts).toContain('Elena Vasquez');
    expect(sentence?.candidates.find((c) => c.text === 'Elena Vasquez')?.pool).toBe('name:person');
  });

  it('marks a blank the rest of the sentence gives away: a repeated name, an acronym after its expansion', () => {
    const text = 'The Coastal Research Institute (CRI) said the Coastal Research Institute would publish data on seal pups every spring.';
    const [sentence] = paragraphCandidates(text, documentWordsOf(text), DEFAULT_STUDY);
    const institute = sentence?.candidates.filter((c) => c.text === 'Coastal Research Institute') ?? [];
    expect(institute.length).toBeGreaterThan(0);
    for (const candidate of institute) expect(candidate.echoed).toBe(true);
    expect(sentence?.candidates.find((c) => c.text === 'CRI')?.echoed).toBe(true);
  });

  it('does not take a capitalised common word opening a sentence for a name', () => {
    const text = 'Insurance covered most of the repairs after the storm, and the council paid for the remaining work on the pier.';
    const sentences = paragraphCandidates(text, documentWordsOf(text), DEFAULT_STUDY);
    expect(sentences.flatMap((s) => s.candidates).some((c) => c.text === 'Insurance')).toBe(false);
  });
});

describe('quizzes', () => {
  it('builds multiple-choice items whose distractors are of the answer’s type, from the corpus, never the answer twice', async () => {
    const study = await index();
    const result = generateQuiz(study, { count: 6, mode: 'choice', seed: 7 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const item of result.items) {
      expect(item.sentence.slice(item.blank.start, item.blank.end)).toBe(item.answer);
      expect(item.choices).toHaveLength(DEFAULT_STUDY.choices);
      expect(item.choices?.[item.answerIndex ?? -1]).toBe(item.answer);
      expect(new Set(item.choices?.map((c) => c.toLowerCase())).size).toBe(DEFAULT_STUDY.choices);
      const corpus = [harbour, valley, council].join('\n');
      for (const choice of item.choices ?? []) expect(corpus).toContain(choice);
      if (item.type === 'number' && item.answer.endsWith('percent')) for (const choice of item.choices ?? []) expect(choice).toMatch(/percent$/);
      if (item.type === 'date') for (const choice of item.choices ?? []) expect(choice).toMatch(/\d{4}/);
      if (item.type === 'number' && item.answer.startsWith('$')) for (const choice of item.choices ?? []) expect(choice).toMatch(/^\$/);
      expect(item.citation.docId).toMatch(/^doc\d\.txt$/);
    }
  });

  it('offers numbers near in size', async () => {
    const study = await index();
    for (let seed = 1; seed < 40; seed++) {
      const result = generateQuiz(study, { count: 1, mode: 'choice', seed });
      const item = result.ok ? result.items[0] : undefined;
      if (!item || item.type !== 'number' || item.answer.includes('$')) continue;
      const value = Number(item.answer.replace(/[^\d.]/g, ''));
      for (const choice of item.choices ?? []) {
        const other = Number(choice.replace(/[^\d.]/g, ''));
        expect(Math.max(other / value, value / other)).toBeLessThanOrEqual(DEFAULT_STUDY.numberRatio);
      }
    }
  });

  it('is deterministic per seed, and different seeds give different quizzes', async () => {
    const a = generateQuiz(await index(), { count: 4, mode: 'mixed', seed: 42 });
    const b = generateQuiz(await index(), { count: 4, mode: 'mixed', seed: 42 });
    const c = generateQuiz(await index(), { count: 4, mode: 'mixed', seed: 43 });
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toEqual(JSON.stringify(c));
  });

  it('says when the corpus is too small, or the document unknown', async () => {
    const tiny = await index(['Note\n\nShort line.']);
    expect(generateQuiz(tiny, { count: 3, mode: 'cloze', seed: 1 })).toEqual({ ok: false, reason: 'too-small', available: 0 });
    expect(generateQuiz(await index(), { count: 3, mode: 'cloze', seed: 1, docId: 'nope.txt' })).toMatchObject({ ok: false, reason: 'no-documents' });
    expect(generateQuiz(await index(), { count: 2, mode: 'cloze', seed: 1, docId: 'doc1.txt' })).toMatchObject({ ok: true });
  });

  it('draws items from one passage for the daily discussion', async () => {
    const study = await index();
    const items = itemsFromPassage(study, 'doc0.txt', 3, { count: 2, mode: 'choice', seed: 3 });
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.citation).toMatchObject({ docId: 'doc0.txt', paragraph: 3 });
  });
});

describe('passage of the day', () => {
  it('only picks substantive paragraphs and covers all of them before repeating', async () => {
    expect(isSubstantive('Harbour Report', DEFAULT_STUDY)).toBe(false);
    expect(isSubstantive('Elena Vasquez, Tomas Reyes, Priya Mehta, James Whitfield, Naomi Clarke, Delmar Marine, Harrow Road, Riverton, Eastside, Northgate, Valley Water Board, Finance Committee, Port Authority, Grey Seals, Western Channel, Ferry Terminal.', DEFAULT_STUDY)).toBe(false);
    const study = await index();
    const seen = new Set<string>();
    for (let day = 0; day < study.passages.length; day++) {
      const pick = pickDailyPassage(study, { exclude: seen, seed: day });
      expect(pick?.startsNewCycle).toBe(false);
      const key = `${study.documents[pick?.passage.doc ?? 0]?.id}#${pick?.passage.paragraph}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(pickDailyPassage(study, { exclude: seen, seed: 99 })?.startsNewCycle).toBe(true);
    expect(pickDailyPassage(study, { exclude: new Set(), seed: 1, collection: 'none/' })).toBeUndefined();
  });
});
