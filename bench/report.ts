// The human-readable report: the same Markdown is printed by `npm run bench` and stored in
// BENCHMARKS.md, where each mode (full, quick, soak) owns one marked block that its runs replace.
import type { BenchResult } from './bench.js';
import { updateBenchmarksBlock } from './report/benchmarks-file.js';
import { renderDiscord, renderInsights, renderShards, renderStudy } from './report/bot-sections.js';
import { renderAnn, renderBuild, renderPeer, renderQuery } from './report/engine-sections.js';
import { fmt, table } from './report/format.js';
import { renderExperiments, renderFormats, renderStartup, renderWatch } from './report/process-sections.js';

export { updateBenchmarksBlock, type ReportBlock } from './report/benchmarks-file.js';
export { renderSoakMarkdown, thin } from './report/soak.js';

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Run ${m.date} (${r.mode} mode, ${fmt(r.durationS / 60, 1)} min) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}.`);
  out.push(`Load average at start ${m.loadAverageStart.join(' / ')}, at end ${m.loadAverageEnd.join(' / ')} (shared machine: absolute times are noisy; the ratios are measured against a reference run beside them).`);

  out.push('\n#### Targets\n');
  out.push(
    table(
      ['figure', 'value', 'target', 'met', 'note'],
      Object.entries(r.targets).map(([name, t]) => [name, `**${fmt(t.value, 3)}**`, `${t.op} ${t.target}`, t.met ? 'yes' : '**no**', t.note ?? '']),
    ),
  );

  for (const section of [renderBuild, renderQuery, renderAnn, renderPeer, renderDiscord, renderStudy, renderShards, renderInsights, renderStartup, renderWatch, renderFormats, renderExperiments]) {
    section(r, out);
  }
  return out.join('\n');
}

export async function updateBenchmarksFile(file: string, result: BenchResult): Promise<void> {
  if (result.mode === 'smallest') throw new Error('the smallest mode never writes BENCHMARKS.md');
  await updateBenchmarksBlock(file, result.mode, renderMarkdown(result));
}
