// The multi-format question set (test/eval/formats-questions.jsonl) is checked against the
// documents as the loaders read them: every gold answer is in its document's cleaned text, and
// every expected page is the page (as the PDF labels it) where that answer is printed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpusFile } from '../../src/core/documents/load-corpus.js';
import { pageAt, pageName } from '../../src/core/documents/pages.js';
import { readQuestions } from '../../src/eval/questions.js';
import type { CleanDocument } from '../../src/core/types.js';
import { PROJECT_ROOT } from '../support/paths.js';

const CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/formats/docs');
const QUESTIONS = path.join(PROJECT_ROOT, 'test/eval/formats-questions.jsonl');

/** The answer's offset in the cleaned text, matched case-insensitively across any whitespace. */
function offsetOf(text: string, answer: string): number {
  const pattern = answer.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  return text.search(new RegExp(pattern, 'i'));
}

describe('the multi-format question set', () => {
  it('has unique ids, answers in their documents, and pages where the answers are printed', async () => {
    const questions = await readQuestions(QUESTIONS);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.length).toBeGreaterThanOrEqual(30);
    expect(questions.filter((q) => !q.doc).length).toBeGreaterThanOrEqual(5);
    const documents = new Map<string, CleanDocument>();
    for (const name of await readdir(CORPUS)) {
      const read = await readCorpusFile({ id: name, absolutePath: path.join(CORPUS, name) });
      if (read.ok) documents.set(name, read.document);
    }
    expect([...documents.keys()].map((n) => path.extname(n)).sort()).toEqual(['.docx', '.epub', '.html', '.html', '.pdf', '.pdf', '.pdf']);
    for (const q of questions) {
      if (!q.doc || !q.answer) continue;
      const doc = documents.get(q.doc);
      expect(doc, q.id).toBeDefined();
      const at = offsetOf(doc?.text ?? '', q.answer);
      expect(at, `${q.id}: "${q.answer}" in ${q.doc}`).toBeGreaterThanOrEqual(0);
      if (q.page !== undefined) {
        expect(doc?.pageMap, q.id).toBeDefined();
        if (doc?.pageMap) expect(pageName(doc.pageMap, pageAt(doc.pageMap, at)), `${q.id}: page of "${q.answer}"`).toBe(q.page);
      }
    }
    expect(questions.filter((q) => q.page !== undefined).length).toBeGreaterThanOrEqual(20);
    expect((await readFile(QUESTIONS, 'utf8')).trim().split('\n')).toHaveLength(questions.length);
  });
});
