// npm run eval -- --questions FILE [--corpus DIR] [--split dev|heldout] [--json] [--verbose]
// npm run eval -- --suite DIR [--split dev|heldout] [--json] [--verbose]
// npm run eval -- --suite DIR --fit      fit the fusion weights on the dev splits, report held-out
// npm run eval -- --suite DIR --fit-answerability [--write] [--plot FILE]   the same for the answerability model
// npm run eval -- --followups FILE [--verbose]   follow-up passage@1 with the earlier question as context vs without
// A corpus other than the bot's is indexed into its own cache (keyed by its path), never touching
// the bot's index under embeddings/. A suite evaluates every corpus of DIR separately.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { formatMisses, formatTable, MARKDOWN_HEADER, markdownRows } from '../eval/format-report.js';
import { type EvalQuestion, readQuestions } from '../eval/questions.js';
import { type EvalReport, runEvaluation } from '../eval/run-eval.js';
import { collectFitQuestions, type FitScore, fitWeights, scoreWeights } from '../eval/fit-fusion.js';
import { findSuiteCorpora, type SuiteCorpus } from '../eval/suite.js';
import { collectAnswerExamples, type CurvePoint, fitAnswerability, isOffTopic, leaveOneCorpusOutAuc, modelModule, tradeOffCurve } from '../eval/fit-answerability.js';
import { tradeOffPng } from '../eval/plot.js';
import { followUpTable, type FollowUpResult, readFollowUps, runFollowUps, summarise } from '../eval/followups.js';
import type { Engine } from '../core/engine.js';
import { writeFile } from 'node:fs/promises';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import type { Logger } from '../log.js';
import { bootstrap, runCli, UsageError } from './bootstrap.js';
import { openEngineForCli } from './open-engine.js';
import { renderAnswerText } from './render-text.js';

const USAGE = 'Usage: npm run eval -- (--questions FILE [--corpus DIR] | --suite DIR [--fit | --fit-answerability [--write] [--plot FILE]] | --followups FILE) [--split dev|heldout] [--json] [--verbose]';

/** Each corpus of the follow-up set on its own engine; one table over all of them. */
async function evaluateFollowUps(config: Config, logger: Logger, file: string, options: { json: boolean; verbose: boolean; split?: string }): Promise<void> {
  const items = (await readFollowUps(file).catch((error: unknown) => {
    throw new UsageError(`Cannot read follow-ups: ${error instanceof Error ? error.message : String(error)}`);
  })).filter((item) => !options.split || item.split === options.split);
  const results: FollowUpResult[] = [];
  for (const corpus of [...new Set(items.map((item) => item.corpus))]) {
    const engine = await openEngineForCli(config, logger, corpusOverrides(corpus));
    try {
      results.push(...(await runFollowUps(engine, items.filter((item) => item.corpus === corpus))));
    } finally {
      await engine.close();
    }
  }
  if (options.json) return void console.log(JSON.stringify({ summary: summarise(results), results }, null, 2));
  console.log(followUpTable(results).join('\n'));
  if (options.verbose) {
    const changed = results.filter((r) => r.rankWith !== r.rankWithout);
    console.log(['\nRank changed by the context (with / without):', ...changed.map((r) => `  ${r.id} ${r.kind}: ${r.rankWith ?? '-'} / ${r.rankWithout ?? '-'}${r.contextUsed ? '' : ' (context not used)'}`)].join('\n'));
  }
}

async function questionsOf(file: string, split: string | undefined): Promise<EvalQuestion[]> {
  const all = await readQuestions(file).catch((error: unknown) => {
    throw new UsageError(`Cannot read questions: ${error instanceof Error ? error.message : String(error)}`);
  });
  // Questions without a split are development questions.
  return split ? all.filter((q) => (q.split ?? 'dev') === split) : all;
}

async function evaluate(config: Config, logger: Logger, questions: EvalQuestion[], corpus?: string): Promise<EvalReport> {
  const engine = await openEngineForCli(config, logger, corpus ? corpusOverrides(corpus) : {});
  try {
    return await runEvaluation(engine, questions, renderAnswerText);
  } finally {
    await engine.close();
  }
}

/** `gather` over each corpus's questions of one split, each corpus on its own engine. */
async function perCorpus<T>(config: Config, logger: Logger, corpora: SuiteCorpus[], split: 'dev' | 'heldout', gather: (name: string, engine: Engine, questions: EvalQuestion[]) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (const corpus of corpora) {
    const questions = await questionsOf(corpus.questionsFile, split);
    if (!questions.length) continue;
    const engine = await openEngineForCli(config, logger, corpusOverrides(corpus.docsDir));
    try {
      all.push(...(await gather(corpus.name, engine, questions)));
    } finally {
      await engine.close();
    }
  }
  return all;
}

/** Fits the fusion weights on every corpus's dev split together; reports dev and held-out before and after. */
async function fitSuite(config: Config, logger: Logger, corpora: SuiteCorpus[]): Promise<void> {
  const dev = await perCorpus(config, logger, corpora, 'dev', collectFitQuestions);
  const heldout = await perCorpus(config, logger, corpora, 'heldout', collectFitQuestions);
  const start = DEFAULT_SETTINGS.retrieval.fusion;
  const fitted = fitWeights(dev, start);
  const line = (label: string, s: FitScore) =>
    `${label.padEnd(22)} p@1 ${s.passageAt1.toFixed(3)}  MRR ${s.mrr.toFixed(3)}  ${Object.entries(s.perCorpus).map(([k, v]) => `${k} ${v.passageAt1.toFixed(3)} (${v.questions})`).join(', ')}`;
  console.log(`fitted on ${dev.length} development questions; ${heldout.length} held out\n`);
  console.log(line('dev, current', scoreWeights(dev, start)));
  console.log(line('dev, fitted', scoreWeights(dev, fitted)));
  console.log(line('held out, current', scoreWeights(heldout, start)));
  console.log(line('held out, fitted', scoreWeights(heldout, fitted)));
  console.log(`\nweights: ${JSON.stringify(fitted.weights)}`);
}

/** Fits the answerability model on every corpus's dev split; prints the trade-off on dev and held-out; optionally writes the model and a plot. */
async function fitAnswerabilitySuite(config: Config, logger: Logger, corpora: SuiteCorpus[], options: { write: boolean; plot?: string }): Promise<void> {
  // Besides each corpus's own questions, questions written for the other corpora, asked here: the
  // off-topic questions every bot gets, which same-topic unanswerable questions alone never show.
  const offTopic = async (split: 'dev' | 'heldout') => {
    const byCorpus = new Map<string, EvalQuestion[]>();
    for (const corpus of corpora) byCorpus.set(corpus.name, (await questionsOf(corpus.questionsFile, split)).filter((q) => q.doc && q.answer));
    return (name: string) =>
      [...byCorpus].filter(([other]) => other !== name).flatMap(([, qs]) => qs.filter((_, i) => i % OFF_TOPIC_EVERY === 0)).map((q) => ({ ...q, id: `off-topic:${q.id}`, doc: null, answer: null }));
  };
  const gather = (others: (name: string) => EvalQuestion[]) => (name: string, engine: Engine, questions: EvalQuestion[]) => collectAnswerExamples(name, engine, [...questions, ...others(name)]);
  const dev = await perCorpus(config, logger, corpora, 'dev', gather(await offTopic('dev')));
  const heldout = await perCorpus(config, logger, corpora, 'heldout', gather(await offTopic('heldout')));
  const model = fitAnswerability(dev);
  const curves = { dev: tradeOffCurve(dev, model), heldout: tradeOffCurve(heldout, model) };
  const count = (xs: typeof dev, f: (e: (typeof dev)[number]) => boolean) => xs.filter(f).length;
  console.log(`fitted on ${dev.length} development questions (${count(dev, (e) => e.answerable)} answerable, ${count(dev, (e) => !e.answerable && !isOffTopic(e))} same-topic unanswerable, ${count(dev, isOffTopic)} off-topic); ${heldout.length} held out\n`);
  console.log('threshold | dev: same-topic no-answer, off-topic refused, false refusals | held out: the same');
  const cells = (p: CurvePoint | undefined) => [p?.noAnswerAccuracy, p?.offTopicRefused, p?.falseRefusals].map((x) => (x ?? 0).toFixed(3).padStart(7)).join(' ');
  curves.dev.forEach((p, i) => {
    if (i % 2 === 0) console.log(`${p.threshold.toFixed(3).padStart(9)} | ${cells(p)} | ${cells(curves.heldout[i])}`);
  });
  const loco = leaveOneCorpusOutAuc(dev);
  const auc = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
  console.log(`\neach corpus scored by a model fitted on the others (dev): AUC ${auc(loco.all)}, same-topic only ${auc(loco.sameTopic)}`);
  const source = modelModule(model, `${dev.length} questions.`);
  if (options.write) {
    await writeFile(path.resolve('src/core/answer/answerability-model.ts'), source);
    console.log('\nwrote src/core/answer/answerability-model.ts');
  } else {
    console.log(`\n${source}`);
  }
  if (options.plot) {
    const { answeredMin, relatedMin } = DEFAULT_SETTINGS.answerability;
    const at = (threshold: number) => tradeOffCurve(dev, model, 1000).reduce((best, p) => (Math.abs(p.threshold - threshold) < Math.abs(best.threshold - threshold) ? p : best));
    const png = tradeOffPng(
      [
        { label: 'development, same-topic unanswerable', points: curves.dev },
        { label: 'held out, same-topic unanswerable', points: curves.heldout },
        { label: 'development, off-topic', points: curves.dev, y: 'offTopicRefused' },
      ],
      [{ label: `answered from p ≥ ${answeredMin}`, point: at(answeredMin) }, { label: `related from p ≥ ${relatedMin}`, point: at(relatedMin) }],
    );
    await writeFile(path.resolve(options.plot), png);
    console.log(`wrote ${options.plot}`);
  }
}

/** Every n-th answerable question of the other corpora is asked of a corpus as an off-topic question. */
const OFF_TOPIC_EVERY = 8;

function corpusOverrides(corpus: string): { corpusDir: string; embeddingsDir: string } {
  const corpusDir = path.resolve(corpus);
  const key = createHash('sha256').update(corpusDir).digest('hex').slice(0, 12);
  return { corpusDir, embeddingsDir: path.resolve('.cache', 'eval', key) };
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string' },
      corpus: { type: 'string' },
      suite: { type: 'string' },
      split: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      fit: { type: 'boolean', default: false },
      'fit-answerability': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      plot: { type: 'string' },
      followups: { type: 'string' },
    },
  });
  if ([values.questions, values.suite, values.followups].filter(Boolean).length !== 1) throw new UsageError(USAGE);
  if (values.split && values.split !== 'dev' && values.split !== 'heldout') throw new UsageError(`--split must be dev or heldout.\n${USAGE}`);
  const { config, logger } = bootstrap(values.json ? { LOG_LEVEL: 'warn' } : {});
  if (values.followups) return evaluateFollowUps(config, logger, values.followups, { json: values.json, verbose: values.verbose, ...(values.split ? { split: values.split } : {}) });

  if (values.questions) {
    const report = await evaluate(config, logger, await questionsOf(values.questions, values.split), values.corpus);
    if (values.json) return void console.log(JSON.stringify(report, null, 2));
    console.log(formatTable(report));
    if (values.verbose) console.log(['\nMisses (hybrid):', ...formatMisses(report)].join('\n'));
    return;
  }

  const corpora = await findSuiteCorpora(path.resolve(values.suite ?? '.')).catch(() => []);
  if (corpora.length === 0) throw new UsageError(`No corpora in ${values.suite}: each needs <name>/docs/ and <name>/questions.jsonl.`);
  if (values.fit) return fitSuite(config, logger, corpora);
  if (values['fit-answerability']) return fitAnswerabilitySuite(config, logger, corpora, { write: values.write, ...(values.plot ? { plot: values.plot } : {}) });
  const splits = values.split ? [values.split] : ['dev', 'heldout'];
  const reports: Record<string, EvalReport> = {};
  for (const corpus of corpora) {
    for (const split of splits) {
      const questions = await questionsOf(corpus.questionsFile, split);
      if (questions.length) reports[`${corpus.name} (${split})`] = await evaluate(config, logger, questions, corpus.docsDir);
    }
  }
  if (values.json) return void console.log(JSON.stringify(reports, null, 2));
  console.log(MARKDOWN_HEADER.join('\n'));
  for (const [label, report] of Object.entries(reports)) console.log(markdownRows(label, report).join('\n'));
  if (values.verbose) {
    for (const [label, report] of Object.entries(reports)) console.log([`\nMisses (hybrid), ${label}:`, ...formatMisses(report)].join('\n'));
  }
}, { usage: USAGE });
