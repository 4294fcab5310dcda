// Process start → engine ready, with the index already built: spawns `tsx bench/startup-child.ts`
// (as `npm start` runs tsx) a few times and splits the time into runtime boot, module imports,
// model load and index load.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../test/support/paths.js';
import type { BenchContext } from '../context.js';
import { median, round } from '../stats.js';

const CHILD = path.join(PROJECT_ROOT, 'bench/startup-child.ts');
const IMPORT_PROBE = path.join(PROJECT_ROOT, 'bench/import-probe.mjs');
const CHILD_TIMEOUT_MS = 120_000;

interface ChildReport {
  mainStartedMs: number;
  importMs: number;
  openMs: number;
  indexLoadMs: number;
  modelLoadMs: number;
  readyMs: number;
  reason: string;
  embedded: number;
}

export interface StartupRun {
  totalMs: number;
  bootMs: number;
  importMs: number;
  modelLoadMs: number;
  indexLoadMs: number;
}

export interface StartupResult {
  runs: StartupRun[];
  /** Medians over runs. */
  totalMs: number;
  bootMs: number;
  importMs: number;
  modelLoadMs: number;
  indexLoadMs: number;
  shares: { boot: number; import: number; modelLoad: number; indexLoad: number };
  indexState: string;
  /** Importing @huggingface/transformers alone, in plain node and through the tsx loader (medians; not in the smallest mode). */
  transformersImportMs?: { node: number; tsx: number };
}

function tsxCli(): string {
  const pkgFile = path.join(PROJECT_ROOT, 'node_modules/tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.tsx;
  if (!bin) throw new Error('tsx has no bin entry');
  return path.join(path.dirname(pkgFile), bin);
}

/** Spawns a node process and resolves with its first stdout line (parsed) once it exits cleanly. */
function runChild<T>(args: string[]): Promise<{ wallMs: number; report: T }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stderr = '';
    let report: { wallMs: number; report: T } | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    createInterface({ input: child.stdout }).once('line', (line) => {
      report = { wallMs: performance.now() - started, report: JSON.parse(line) as T };
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (report && code === 0) resolve(report);
      else reject(new Error(`${args.map((a) => path.basename(a)).join(' ')} exited with ${String(code)} before reporting: ${stderr.slice(-2000)}`));
    });
  });
}

export async function runStartupSection(ctx: BenchContext): Promise<StartupResult> {
  const runs: StartupRun[] = [];
  let indexState = '';
  for (let i = 0; i < ctx.sizes.startup.runs; i++) {
    ctx.log(`startup: child process ${i + 1}/${ctx.sizes.startup.runs}`);
    const { wallMs, report } = await runChild<ChildReport>([tsxCli(), CHILD, ctx.workspace.corpusDir, ctx.workspace.embeddingsDir]);
    if (report.embedded !== 0) throw new Error(`startup child rebuilt the index (${report.reason}); it should load the built one`);
    indexState = report.reason;
    runs.push({
      totalMs: round(wallMs, 1),
      // Spawning, Node and the tsx loader, up to the child's first line of code.
      bootMs: round(wallMs - report.importMs - report.openMs, 1),
      importMs: round(report.importMs, 1),
      modelLoadMs: round(report.modelLoadMs, 1),
      indexLoadMs: round(report.indexLoadMs, 1),
    });
  }
  const importNode: number[] = [];
  const importTsx: number[] = [];
  for (let i = 0; i < ctx.sizes.startup.importProbeRuns; i++) {
    importNode.push((await runChild<{ importMs: number }>([IMPORT_PROBE])).report.importMs);
    importTsx.push((await runChild<{ importMs: number }>([tsxCli(), IMPORT_PROBE])).report.importMs);
  }
  const med = (key: keyof StartupRun) => round(median(runs.map((r) => r[key])), 1);
  const totalMs = med('totalMs');
  const share = (ms: number) => round(ms / totalMs);
  return {
    runs,
    totalMs,
    bootMs: med('bootMs'),
    importMs: med('importMs'),
    modelLoadMs: med('modelLoadMs'),
    indexLoadMs: med('indexLoadMs'),
    shares: { boot: share(med('bootMs')), import: share(med('importMs')), modelLoad: share(med('modelLoadMs')), indexLoad: share(med('indexLoadMs')) },
    indexState,
    ...(importNode.length ? { transformersImportMs: { node: round(median(importNode), 1), tsx: round(median(importTsx), 1) } } : {}),
  };
}
