// The process-level sections of BENCHMARKS.md: startup, the corpus watcher, formats, experiments.
import type { BenchResult } from '../bench.js';
import { fmt, int, ms, table } from './format.js';

/** Process start to engine ready. */
export function renderStartup(r: BenchResult, out: string[]): void {
  const s = r.startup;
  out.push(`\n#### Startup (process start → engine ready, index already built; median of ${s.runs.length})\n`);
  out.push(
    table(
      ['total ms', 'node + tsx boot', 'imports', 'model load', 'index load'],
      [[ms(s.totalMs), `${ms(s.bootMs)} (${fmt(s.shares.boot * 100, 0)} %)`, `${ms(s.importMs)} (${fmt(s.shares.import * 100, 0)} %)`, `${ms(s.modelLoadMs)} (${fmt(s.shares.modelLoad * 100, 0)} %)`, `${ms(s.indexLoadMs)} (${fmt(s.shares.indexLoad * 100, 0)} %)`]],
    ),
  );
  if (s.transformersImportMs) {
    out.push(`\nImporting @huggingface/transformers alone: ${ms(s.transformersImportMs.node)} ms in plain node, ${ms(s.transformersImportMs.tsx)} ms through tsx.`);
  }

}

/** A file appearing in corpus/ to its first answer. */
export function renderWatch(r: BenchResult, out: string[]): void {
  const w = r.watch;
  out.push(`\n#### Corpus watcher (a file appearing in corpus/ → its first answer; median of ${w.trials.length})\n`);
  out.push(
    table(
      ['file → first answer ms', 'wait before the rebuild ms (debounce ' + String(w.debounceMs) + ')', 'rebuild ms (reference)', 'rest ms', `burst of ${w.burst.files} files: rebuilds`, 'burst → all answerable ms'],
      [[`**${ms(w.fileToAnswerMs)}**`, ms(w.waitMs), ms(w.rebuildMs), ms(w.restMs), `**${w.burst.rebuilds}**`, `${ms(w.burst.fileToAllAnswerableMs)} (${w.burst.embedded} embedded)`]],
    ),
  );
  out.push(
    `\nEach trial writes one new document while the engine runs with the watcher and asks its question every 20 ms (the embedding is cached after the first ask) until the ` +
      `answer cites it. The rebuild is the same \`refresh()\` the engine would run if asked directly; the wait is the quiet period plus the file system event; the rest is the swap and the next ask.`,
  );
}

/** Loaders vs the raw extractor libraries. */
export function renderFormats(r: BenchResult, out: string[]): void {
  const f = r.formats;
  out.push(`\n#### Formats (bytes → clean document, our loader vs the raw extractor library on the same files; median of ${f.repetitions})\n`);
  out.push(
    table(
      ['format', 'files', 'MB', 'pages', 'loader ms', 'raw extractor ms', 'overhead', 'loader MB/s', 'loader pages/s', 'raw pages/s'],
      f.formats.map((x) => [x.format, String(x.files), fmt(x.megabytes, 2), x.pages ? int(x.pages) : '—', ms(x.pipelineMs), ms(x.rawMs), `**${fmt(x.overhead)}**`, fmt(x.pipelineMBPerS, 2), x.pipelinePagesPerS ? fmt(x.pipelinePagesPerS, 0) : '—', x.rawPagesPerS ? fmt(x.rawPagesPerS, 0) : '—']),
    ),
  );

}

/** Measurements behind the proposals. */
export function renderExperiments(r: BenchResult, out: string[]): void {
  const e = r.experiments;
  out.push(`\n#### Experiments behind the proposals (median of ${e.repetitions})\n`);
  out.push(
    table(
      ['questions', 'one embedOne after another ms', 'one batched embed ms', 'speedup'],
      e.microBatching.map((b) => [String(b.questions), ms(b.oneByOneMs), ms(b.batchedMs), `${fmt(b.speedup, 2)}×`]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['ONNX intra-op threads', 'embedOne ms (p50)', `embed ${e.onnxThreads[0]?.chunks ?? 0} chunks ms`],
      e.onnxThreads.map((t) => [t.threads === 'default' ? 'default (questions: every core but one; builds: one per core)' : String(t.threads), ms(t.embedOneMs), ms(t.chunkBatchMs)]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['build batch size', 'chunks/s', 'longest batch ms (a question asked meanwhile waits behind it)'],
      e.batchSizes.map((b) => [`${b.batchSize}${b.inUse ? ' (in use)' : ''}`, fmt(b.chunksPerS, 1), ms(b.longestBatchMs)]),
    ),
  );
}
