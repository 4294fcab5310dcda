// A development suite: a folder of corpora, each `<name>/docs/` with `<name>/questions.jsonl`
// (and an optional SOURCE.md). Every corpus is evaluated on its own index and reported on its own.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SuiteCorpus {
  name: string;
  docsDir: string;
  questionsFile: string;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

export async function findSuiteCorpora(suiteDir: string): Promise<SuiteCorpus[]> {
  const entries = await readdir(suiteDir, { withFileTypes: true });
  const corpora: SuiteCorpus[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const docsDir = path.join(suiteDir, entry.name, 'docs');
    const questionsFile = path.join(suiteDir, entry.name, 'questions.jsonl');
    if (await isFile(questionsFile)) corpora.push({ name: entry.name, docsDir, questionsFile });
  }
  return corpora;
}
