// Run modes and the sizes each one uses. Every size lives here so a mode is read in one place.

export type BenchMode = 'full' | 'quick' | 'smallest';

export interface BenchOptions {
  mode: BenchMode;
  json: boolean;
  /** Write BENCHMARKS.md (never in the smallest mode, which the smoke test uses, nor with --no-write). */
  writeReport: boolean;
  /** `--soak MINUTES`: only the soak runs, for this long (see bench/sections/soak.ts). */
  soakMinutes?: number;
  /** Largest projected build time (minutes) for which the 1M ANN size still runs. */
  annBudgetMinutes: number;
}

export interface BenchSizes {
  build: {
    /** Warm build/raw-embedding pairs on the real corpus (0: pair the cold first build instead). */
    pairs: number;
    /** Copies of each corpus document in the synthetic corpus (0: no synthetic corpus). */
    syntheticCopies: number;
    syntheticPairs: number;
  };
  query: {
    /** Passes over all questions; each pass uses a fresh spelling of every question. */
    rounds: number;
    /** Only the shared dev questions (the smallest mode). */
    devOnly: boolean;
  };
  ann: {
    sizes: number[];
    queries: number;
    /** Fewer queries at 1M, where exact search costs ~0.5 s each. */
    queriesAtMillion: number;
    efSweep: number[];
    /** Sizes at which the pgvector backend (PGlite) is measured beside hnswlib. */
    pgvectorSizes: number[];
  };
  peer: { rounds: number; devOnly: boolean };
  discord: { concurrency: number; rounds: number };
  /** `npm start` with SHARDING = each count, one answer service (no counts: skipped). */
  shards: { counts: number[]; concurrency: number; rounds: number };
  startup: {
    runs: number;
    /** Spawns of the transformers.js import probe, under plain node and under tsx each (0: skipped). */
    importProbeRuns: number;
  };
  watch: {
    /** Single files written one after another, each timed from the write to its first answer. */
    trials: number;
    /** Files written at once, to count the rebuilds they cost. */
    burstFiles: number;
  };
  formats: {
    /** Pipeline/raw-extractor pairs per format. */
    repetitions: number;
    /** Copies of the fixture PDFs' pages in the one long PDF (44 pages a copy). */
    pdfCopies: number;
    /** Copies of each HTML, DOCX and EPUB fixture per pass. */
    fileCopies: number;
  };
  experiments: {
    repetitions: number;
    /** Question counts for the micro-batching comparison. */
    batchSizes: number[];
    /** Chunk texts embedded per ONNX thread setting. */
    chunkTexts: number;
  };
}

export const SIZES: Record<BenchMode, BenchSizes> = {
  full: {
    build: { pairs: 5, syntheticCopies: 20, syntheticPairs: 3 },
    query: { rounds: 3, devOnly: false },
    ann: { sizes: [10_000, 100_000, 1_000_000], queries: 200, queriesAtMillion: 50, efSweep: [10, 20, 50, 100, 200, 400], pgvectorSizes: [100_000] },
    peer: { rounds: 3, devOnly: false },
    discord: { concurrency: 200, rounds: 2 },
    shards: { counts: [1, 2, 4], concurrency: 200, rounds: 2 },
    startup: { runs: 5, importProbeRuns: 3 },
    watch: { trials: 5, burstFiles: 100 },
    formats: { repetitions: 11, pdfCopies: 25, fileCopies: 60 },
    experiments: { repetitions: 3, batchSizes: [8, 32], chunkTexts: 32 },
  },
  quick: {
    build: { pairs: 1, syntheticCopies: 0, syntheticPairs: 0 },
    query: { rounds: 2, devOnly: false },
    ann: { sizes: [10_000], queries: 100, queriesAtMillion: 0, efSweep: [20, 50, 100, 200], pgvectorSizes: [10_000] },
    peer: { rounds: 2, devOnly: false },
    discord: { concurrency: 50, rounds: 1 },
    shards: { counts: [1, 2, 4], concurrency: 50, rounds: 1 },
    startup: { runs: 2, importProbeRuns: 1 },
    watch: { trials: 3, burstFiles: 100 },
    formats: { repetitions: 7, pdfCopies: 10, fileCopies: 30 },
    experiments: { repetitions: 1, batchSizes: [8, 32], chunkTexts: 16 },
  },
  smallest: {
    build: { pairs: 0, syntheticCopies: 0, syntheticPairs: 0 },
    query: { rounds: 1, devOnly: true },
    ann: { sizes: [2_000], queries: 30, queriesAtMillion: 0, efSweep: [50, 100], pgvectorSizes: [2_000] },
    peer: { rounds: 1, devOnly: true },
    discord: { concurrency: 10, rounds: 1 },
    shards: { counts: [], concurrency: 10, rounds: 1 },
    startup: { runs: 1, importProbeRuns: 0 },
    watch: { trials: 1, burstFiles: 20 },
    formats: { repetitions: 1, pdfCopies: 1, fileCopies: 1 },
    experiments: { repetitions: 1, batchSizes: [8], chunkTexts: 2 },
  },
};

/** The soak's steady load and how it is judged (`--soak MINUTES`; one size for every mode). */
export const SOAK = {
  /** Concurrent askers in a closed loop, each a distinct user asking its next question as soon as its answer arrives. */
  askers: 8,
  /** Seconds between samples: this, or the run's length / samplesPerRun, whichever is larger. */
  minSampleEveryS: 5,
  samplesPerRun: 60,
  /** Rows of the samples table in the Markdown report (evenly thinned, first and last kept). */
  tableRows: 30,
  /** RSS has levelled off when the least-squares slope over the second half of the samples is below this (MiB per minute). */
  levelledOffMiBPerMin: 1,
} as const;

function parseSoakMinutes(value: string | undefined): number {
  const minutes = value !== undefined && /^(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new Error(`--soak needs a positive number of minutes (e.g. --soak 10 or --soak=0.2), got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return minutes;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const known = new Set(['--json', '--quick', '--smallest', '--no-write']);
  const usage = 'use --json, --quick, --smallest, --ann-budget-min=N, --soak MINUTES, --no-write';
  let annBudgetMinutes = 60;
  let soakMinutes: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const budget = /^--ann-budget-min=(\d+(?:\.\d+)?)$/.exec(arg);
    if (budget) annBudgetMinutes = Number(budget[1]);
    else if (arg === '--soak') soakMinutes = parseSoakMinutes(argv[++i]);
    else if (arg.startsWith('--soak=')) soakMinutes = parseSoakMinutes(arg.slice('--soak='.length));
    else if (!known.has(arg)) throw new Error(`unknown option ${arg} (${usage})`);
  }
  const smallest = argv.includes('--smallest');
  const mode: BenchMode = smallest ? 'smallest' : argv.includes('--quick') ? 'quick' : 'full';
  return {
    mode,
    json: argv.includes('--json'),
    writeReport: mode !== 'smallest' && !argv.includes('--no-write'),
    annBudgetMinutes,
    ...(soakMinutes !== undefined ? { soakMinutes } : {}),
  };
}
