// The benchmark command runs end to end at its smallest sizes and prints one JSON object with every
// section's key and only finite numbers. No timing is asserted: the machine decides those. It must
// not write BENCHMARKS.md or touch the project's embeddings/ (everything goes to a temp folder).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/paths.js';
import { mtimeOf, RUN_TIMEOUT_MS, runBench } from './run-bench.js';


/** Every number anywhere in the report, with its path, for the finiteness check. */
function numbersIn(value: unknown, at = '$'): Array<[string, number]> {
  if (typeof value === 'number') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${at}.${k}`));
  return [];
}

/** Modification times of everything under a folder (missing folder: empty), to prove nothing changed. */
async function snapshot(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return out;
  }
  for (const entry of entries) out[entry] = (await stat(path.join(dir, entry))).mtimeMs;
  return out;
}

describe('npm run bench -- --quick --smallest --json', () => {
  it('completes with every section and target, all numbers finite, and writes nothing in the project', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const embeddingsBefore = await snapshot(path.join(PROJECT_ROOT, 'embeddings'));
    const reportBefore = await mtimeOf(path.join(PROJECT_ROOT, 'BENCHMARKS.md'));

    const { code, stdout, stderr } = await runBench(['--quick', '--smallest', '--json']);
    expect(code, stderr.slice(-3000)).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines, 'stdout carries exactly one JSON object').toHaveLength(1);
    const report = JSON.parse(lines[0] ?? '') as Record<string, Record<string, unknown>>;

    expect(Object.keys(report)).toEqual(expect.arrayContaining(['machine', 'quick', 'build', 'query', 'ann', 'peer', 'discord', 'startup', 'watch', 'targets']));
    expect(report.quick).toBe(true);
    expect(report.machine).toEqual(expect.objectContaining({ cpu: expect.any(String), cores: expect.any(Number), node: expect.any(String), date: expect.any(String) }));
    expect(report.build).toEqual(expect.objectContaining({ pipelineOverhead: expect.any(Number), unchangedRebuildMs: expect.any(Number) }));
    expect((report.build?.corpus as { unchangedRebuild: { embedded: number } }).unchangedRebuild.embedded).toBe(0);
    expect(report.query).toEqual(expect.objectContaining({ answerOverEmbed: expect.any(Number) }));
    expect(report.ann).toEqual(expect.objectContaining({ sizes: expect.any(Array), recallAt10: expect.any(Number), speedup: expect.any(Number) }));
    expect(report.peer).toEqual(expect.objectContaining({ qualityVsPeer: expect.any(Number), latencyVsPeer: expect.any(Number) }));
    expect(report.discord).toEqual(expect.objectContaining({ discordOverhead: expect.any(Number), failures: expect.any(Number), peakRssMb: expect.any(Number) }));
    expect(report.study).toEqual(expect.objectContaining({ itemMs: expect.any(Object), stateMsPerInteraction: expect.any(Object), failures: 0 }));
    expect(report.insights).toEqual(expect.objectContaining({ recordingOverhead: expect.any(Number), pathOverhead: expect.any(Number), recordMs: expect.any(Object), report: expect.any(Object) }));
    expect(report.startup).toEqual(expect.objectContaining({ totalMs: expect.any(Number), modelLoadMs: expect.any(Number), indexLoadMs: expect.any(Number) }));
    expect(report.watch).toEqual(expect.objectContaining({ fileToAnswerMs: expect.any(Number), rebuildMs: expect.any(Number), waitMs: expect.any(Number) }));
    expect(report.watch?.burst).toEqual(expect.objectContaining({ files: expect.any(Number), rebuilds: expect.any(Number) }));
    for (const name of ['pipelineOverhead', 'answerOverEmbed', 'recallAt10', 'speedup', 'discordOverhead', 'watchBurstRebuilds', 'insightsRecordingOverhead']) {
      expect(report.targets?.[name], name).toEqual(expect.objectContaining({ value: expect.any(Number), target: expect.any(Number), met: expect.any(Boolean) }));
    }
    const notFinite = numbersIn(report).filter(([, n]) => !Number.isFinite(n));
    expect(notFinite).toEqual([]);

    expect(await mtimeOf(path.join(PROJECT_ROOT, 'BENCHMARKS.md'))).toBe(reportBefore);
    expect(await snapshot(path.join(PROJECT_ROOT, 'embeddings'))).toEqual(embeddingsBefore);
  });
});
