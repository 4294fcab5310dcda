// npm run eval -- --questions FILE [--corpus DIR] [--json] [--verbose]
// With --corpus, that folder is indexed into its own cache (keyed by its path), never touching
// the bot's index under embeddings/.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readQuestions } from '../eval/questions.js';
import { runEvaluation, SYSTEMS } from '../eval/run-eval.js';
import { bootstrap, runCli, UsageError } from './bootstrap.js';
import { openEngineForCli } from './open-engine.js';
import { renderAnswerText } from './render-text.js';

runCli(async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string' },
      corpus: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (!values.questions) throw new UsageError('Usage: npm run eval -- --questions FILE [--corpus DIR] [--json] [--verbose]');
  const questions = await readQuestions(values.questions).catch((error: unknown) => {
    throw new UsageError(`Cannot read questions: ${error instanceof Error ? error.message : String(error)}`);
  });
  const { config, logger } = bootstrap(values.json ? { LOG_LEVEL: 'warn' } : {});
  let overrides = {};
  if (values.corpus) {
    const corpusDir = path.resolve(values.corpus);
    const key = createHash('sha256').update(corpusDir).digest('hex').slice(0, 12);
    overrides = { corpusDir, embeddingsDir: path.resolve('.cache', 'eval', key) };
  }
  const engine = await openEngineForCli(config, logger, overrides);
  const report = await runEvaluation(engine, questions, renderAnswerText);
  await engine.close();
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const paged = report.withPage ? `; ${report.withPage} with an expected page` : '';
  console.log(`${report.questions} questions (${report.answerable} answerable, ${report.unanswerable} not${paged})\n`);
  const keys = ['passageAt1', 'passageAt3', 'mrr', 'answerInReply', 'noAnswerAccuracy', 'falseRefusalRate', ...(report.withPage ? (['pageAccuracy'] as const) : [])] as const;
  console.log(['system'.padEnd(8), ...keys.map((k) => k.padStart(17))].join(''));
  for (const mode of SYSTEMS) {
    const m = report.systems[mode];
    if (m) console.log([mode.padEnd(8), ...keys.map((k) => m[k].toFixed(3).padStart(17))].join(''));
  }
  if (values.verbose) {
    console.log('\nMisses (hybrid):');
    for (const r of report.perQuestion) {
      const h = r.systems.hybrid;
      const wrong = (r.answer ? h?.rank !== 1 || !h.answered : h?.answered) || (r.page !== undefined && !h?.pageHit);
      const page = r.page !== undefined ? ` page=${r.page} cited=${h?.citedPages ?? '-'}` : '';
      if (wrong) console.log(`  ${r.id} rank=${h?.rank ?? '-'} answered=${h?.answered}${page} bm25=${r.systems.bm25?.rank ?? '-'} dense=${r.systems.dense?.rank ?? '-'} | ${r.question} → ${r.doc ?? 'none'} "${r.answer ?? ''}" top=${h?.top.join(',')}`);
    }
  }
});
