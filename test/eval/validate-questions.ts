// Validates an evaluation question file (JSONL) against a corpus folder.
//
//   npx tsx test/eval/validate-questions.ts FILE CORPUS_DIR
//
// Each line is {"id","question","doc","answer"}. `doc` is a file name in CORPUS_DIR and `answer`
// a short phrase the gold document contains verbatim after normalisation (NFKC, `<tags>` removed,
// lower case, curly quotes folded to straight, all whitespace incl. newlines collapsed to one
// space). Unanswerable questions have `doc` and `answer` both null. Checks: valid JSON and shape,
// unique ids and questions, gold file exists, answer found. Problems exit 1. Warnings (an answer
// that spans a blank line, so it relies on the cleaner re-joining a broken paragraph) do not.
// Self-contained: node built-ins only.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Question {
  id: string;
  question: string;
  doc: string | null;
  answer: string | null;
}

// Optional keys: `split` (dev | heldout), `kind` (question form), `page` (expected page of a PDF).
const KEYS = ['id', 'question', 'doc', 'answer', 'split', 'kind', 'page'] as const;

/** The comparison normalisation shared by the evaluation. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/<[^>]+>/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

/** Parses one line; returns the question or a list of problems with its shape. */
function parseLine(line: string): Question | string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return [`invalid JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (!isRecord(value)) return ['not a JSON object'];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(key)) problems.push(`unknown key "${key}"`);
  }
  const { id, question, doc, answer } = value;
  if (typeof id !== 'string' || id.trim() === '') problems.push('"id" must be a non-empty string');
  if (typeof question !== 'string' || question.trim() === '') {
    problems.push('"question" must be a non-empty string');
  }
  if (!isStringOrNull(doc)) problems.push('"doc" must be a string or null');
  if (!isStringOrNull(answer)) problems.push('"answer" must be a string or null');
  if (
    problems.length > 0 ||
    typeof id !== 'string' ||
    typeof question !== 'string' ||
    !isStringOrNull(doc) ||
    !isStringOrNull(answer)
  ) {
    return problems;
  }
  return { id, question, doc, answer };
}

interface CorpusFile {
  whole: string;
  paragraphs: string[];
}

function main(argv: string[]): number {
  const [file, corpusDir] = argv;
  if (file === undefined || corpusDir === undefined) {
    console.error('usage: npx tsx test/eval/validate-questions.ts FILE CORPUS_DIR');
    return 2;
  }

  const problems: string[] = [];
  const warnings: string[] = [];
  const cache = new Map<string, CorpusFile | null>();
  const loadDoc = (name: string): CorpusFile | null => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    let loaded: CorpusFile | null = null;
    const path = join(corpusDir, name);
    try {
      if (statSync(path).isFile()) {
        const raw = readFileSync(path, 'utf8');
        loaded = { whole: normalise(raw), paragraphs: raw.split(/\n[ \t\u00A0]*\n/).map(normalise) };
      }
    } catch {
      loaded = null;
    }
    cache.set(name, loaded);
    return loaded;
  };

  const lines = readFileSync(file, 'utf8').split('\n');
  const ids = new Map<string, number>();
  const questions = new Map<string, string>();
  let total = 0;
  let answerable = 0;

  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.trim() === '') return;
    total++;
    const parsed = parseLine(line);
    if (Array.isArray(parsed)) {
      for (const p of parsed) problems.push(`${where}: ${p}`);
      return;
    }
    const label = `${where} (${parsed.id})`;

    const seenAt = ids.get(parsed.id);
    if (seenAt !== undefined) problems.push(`${label}: duplicate id (first on line ${seenAt})`);
    else ids.set(parsed.id, index + 1);

    const qKey = normalise(parsed.question);
    const sameQuestion = questions.get(qKey);
    if (sameQuestion !== undefined) problems.push(`${label}: same question as ${sameQuestion}`);
    else questions.set(qKey, parsed.id);

    const { doc, answer } = parsed;
    if (doc === null || answer === null) {
      if (doc !== answer) problems.push(`${label}: "doc" and "answer" must both be null or both set`);
      return;
    }
    answerable++;
    if (doc.split('/').some((part) => part === '..' || part === '') || doc.startsWith('/')) {
      problems.push(`${label}: doc "${doc}" must be a path inside the corpus folder`);
      return;
    }
    const text = loadDoc(doc);
    if (text === null) {
      problems.push(`${label}: doc "${doc}" not found in ${corpusDir}`);
      return;
    }
    const needle = normalise(answer);
    if (needle === '') {
      problems.push(`${label}: answer is empty after normalisation`);
      return;
    }
    if (!text.whole.includes(needle)) {
      problems.push(`${label}: answer "${answer}" not found in ${doc}`);
    } else if (!text.paragraphs.some((p) => p.includes(needle))) {
      warnings.push(`${label}: answer "${answer}" spans a blank line in ${doc} (needs paragraph repair)`);
    } else if (text.paragraphs.filter((p) => p.includes(needle)).length > 1) {
      warnings.push(`${label}: answer "${answer}" occurs in more than one paragraph of ${doc} (ambiguous gold passage)`);
    }
  });

  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const p of problems) console.error(`problem: ${p}`);
  console.log(
    `${file}: ${total} questions (${answerable} answerable, ${total - answerable} unanswerable), ` +
      `${problems.length} problem(s), ${warnings.length} warning(s)`,
  );
  return problems.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
