// Writes the quiz quality review's items: `npx tsx test/study/generate-review.ts OUT.md [DIR=COUNT ...]`.
// Items come from each corpus folder with fixed seeds (deterministic), spread over paragraphs, mixed
// multiple choice and typed; `--baseline` turns the tunable quality rules off (no type preference,
// no penalty for sentences that open with a pronoun, no topic-word or common-word refusal) for the
// before/after comparison. The verdicts in quiz-review.md are a human's reading of these items.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../../src/core/documents/load-corpus.js';
import { DEFAULT_STUDY, type StudySettings } from '../../src/core/settings.js';
import { generateQuiz } from '../../src/core/study/quiz.js';
import { buildStudyIndex } from '../../src/core/study/study-index.js';
import type { QuizItem } from '../../src/core/types.js';

const args = process.argv.slice(2);
const baseline = args.includes('--baseline');
const [out = 'review.md', ...specs] = args.filter((a) => a !== '--baseline');
const settings: StudySettings = baseline
  ? { ...DEFAULT_STUDY, typeWeights: { number: 1, date: 1, name: 1, term: 1 }, dependentSentenceFactor: 1, maxDocumentShare: 1, maxSentenceShare: 1 }
  : DEFAULT_STUDY;

function prompt(item: QuizItem): string {
  return `${item.sentence.slice(0, item.blank.start)}_____${item.sentence.slice(item.blank.end)}`.replace(/\s+/g, ' ');
}

const lines: string[] = [];
let n = 0;
for (const spec of specs) {
  const [dir = '', countText = '10'] = spec.split('=');
  const want = Number(countText);
  const { documents } = await loadCorpus(dir);
  const index = await buildStudyIndex(documents, settings);
  const items: QuizItem[] = [];
  const keys = new Set<string>();
  const paragraphs = new Set<string>();
  for (let seed = 1; items.length < want && seed < 500; seed++) {
    const result = generateQuiz(index, { count: 1, mode: seed % 2 ? 'choice' : 'cloze', seed: seed * 7919 });
    const item = result.ok ? result.items[0] : undefined;
    const paragraph = item ? `${item.citation.docId}#${item.citation.paragraph}` : '';
    if (!item || keys.has(item.key) || paragraphs.has(paragraph)) continue;
    keys.add(item.key);
    paragraphs.add(paragraph);
    items.push(item);
  }
  lines.push(`\n## ${path.basename(path.dirname(dir)) === 'corpora' || path.basename(dir) === 'docs' ? path.basename(path.dirname(dir)) : path.basename(dir)} (${items.length} items)\n`);
  for (const item of items) {
    n++;
    lines.push(`${n}. [${item.kind}/${item.type}] ${prompt(item)}`);
    lines.push(`   - answer: **${item.answer}**${item.choices ? ` · choices: ${item.choices.join(' | ')}` : ''} · ${item.citation.docId} ¶${item.citation.paragraph}`);
    lines.push('   - verdict: ');
  }
}
await writeFile(out, `${lines.join('\n')}\n`);
console.error(`${n} items → ${out}`);
