// BENCHMARKS.md itself: its fixed header and one marked block per kind of run, each replaced alone.
import { readFile, writeFile } from 'node:fs/promises';
import type { BenchMode } from '../options.js';

const HEADER = `# Benchmarks

Written by \`npm run bench\` (full run), \`npm run bench -- --quick\` (quick run) and
\`npm run bench -- --soak MINUTES\` (soak); each run replaces only its own block below, so this
file always holds real runs (\`--smallest\`, used by the smoke test, and \`--no-write\` never write
here). \`npm run bench -- --json\` prints the same results as one JSON object.
Code: \`bench/\`, one file per section under \`bench/sections/\`.

## How each figure is measured

Machines are shared and noisy, so every figure that matters is a ratio against a reference
measured in the same run, beside it (alternating which goes first). Everything is written to a
temp folder; the project's \`embeddings/\` is never touched.

- **build** — \`engine.reindex()\` from an empty embeddings folder (read, clean, chunk, embed, BM25,
  HNSW, write) vs a second \`Embedder\` embedding the distinct \`embeddingText(...)\` strings of that
  build (the build embeds each distinct text once). On \`corpus/\` and, in the full run, a synthetic
  100-document corpus (the five documents copied with seeded edits). \`pipelineOverhead\` is the median
  of per-pair ratios; "by parts" adds a rebuild whose vectors all come from the cache (everything but
  embedding) to the raw embedding time. Unchanged reindex and vector-cache rebuild must embed 0 chunks.
- **query** — warm \`engine.ask\` over the dev and own question sets. "Uncached" asks use a spelling
  of the question never asked before (inner letters upper-cased: the model is uncased and the
  analyser folds case, so the result is identical, but the query-embedding cache misses); "cached"
  repeats those spellings. Reference: \`embedQuery\` (the model's \`embedOne\`, no cache) on the same
  text, right beside each ask. \`answerOverEmbed\` = p95 uncached ask / p95 embedding.
- **ann** — \`HnswStore\` with \`DEFAULT_HNSW\` vs exact brute force (one contiguous \`Float32Array\`,
  dot products) on seeded clustered 384-d unit vectors, per query back to back. 1M runs only when
  memory allows and the build time projected from the smaller sizes fits the budget
  (\`--ann-budget-min\`, default 60).
- **peer** — Orama 3 in hybrid mode over the same chunks and the same stored vectors, with the same
  question vectors (embedding time excluded from both). passage@1 = the top passage is from the gold
  document and contains the gold phrase (\`passageMatches\`, as \`npm run eval\`).
- **discord** — N concurrent \`/ask\` dispatched by the loopback Discord server to the real discord.js
  client started by \`startBot\` (deadline off, cooldowns raised, queue large enough, distinct users),
  timed from dispatch to the acknowledgement and to the answer (the reply, or the \`@original\` edit
  when it was deferred); reference: the engine alone
  answering N fresh questions with \`Promise.all\`. Each bot first gets an untimed warm-up burst. Also
  run with discord.js's client-side global limit raised, and with every embedding pre-cached.
- **study** — the study candidate table built over the 1,000-document synthetic corpus
  (\`bench/synthetic-corpus.ts\`, 200 edited copies of each corpus document), then one quiz item per
  seed and a five-item quiz, timed per call; and N concurrent \`/quiz\`, then N concurrent answers,
  then N concurrent \`/review\` through the real bot, each interaction's time inside the state store
  measured by the bot (\`src/discord/state-timing.ts\`: from each store call until its promise settles),
  on SQLite and then on a throwaway local PostgreSQL server at its default durability (\`DATABASE_URL\`;
  not in the smallest mode).
  run with every request behind discord.js's one global limiter (the bot before interaction responses went
  apart), and with every embedding pre-cached.
- **shards** — \`npm start\` with SHARDING = 1, 2 and 4 in a child process (the manager holding the model
  and index as the answer service, one process per shard) against a loopback Discord asking for that
  many shards with one server per shard; the discord section's load spread over the servers; RSS of
  every process read from /proc after the load. Not run in the smallest mode.
- **insights** — each question answered by the engine (fresh spelling), and beside it what recording
  adds: the row built (\`InsightsRecorder.toRecord\`: HMAC of the user id, passages) and written
  alone in its own transaction; target recording p50 ≤ 5 % of the answer p50. Then the report that
  \`/insights\` and the dashboard build over N recorded questions, with the longest event-loop stall
  while it runs (\`withEventLoopDelay\`).
- **startup** — \`tsx bench/startup-child.ts\` spawned over an index already built; shares of runtime
  boot, module imports, model load and index load.
- **watch** — the corpus watcher on an engine over a copy of \`corpus/\`: a new document is written
  and its question asked every 20 ms until the answer cites it (file → first answer), split into the
  wait before the rebuild starts (debounce and file system event), the rebuild (\`refresh()\`, the
  reference) and the rest; then a burst of files written at once must cost one rebuild.
- **formats** — each loader (PDF, HTML, DOCX, EPUB) reading the format fixtures
  (\`test/fixtures/formats/docs\`; for PDF one long file made of their groff-typeset pages,
  repeated) from bytes to a clean document, vs the extractor library alone on the same bytes:
  pdf.js \`getTextContent\` of every page, Readability over linkedom, mammoth's HTML, fflate
  unzipping an EPUB and linkedom parsing its chapters. No embedding on either side.
  \`formatsOverhead\` is the worst format's median per-pair ratio.
- **experiments** — measurements behind the optimisation proposals (no targets).
- **soak** (\`--soak MINUTES\`, runs alone) — steady load through the loopback server for the given
  minutes: a fixed number of distinct users ask fresh questions in a closed loop; answers, failures,
  RSS and heap are sampled at quiescent points (load paused, the loopback server's records dropped,
  a full GC forced before each sample). RSS has levelled off when the least-squares slope over the
  second half of the samples is under the threshold stated in the block; zero failures required.
`;

/** The marked blocks of BENCHMARKS.md, in file order, each under its heading. */
export type ReportBlock = Exclude<BenchMode, 'smallest'> | 'soak';
const BLOCKS: ReadonlyArray<{ block: ReportBlock; heading: string }> = [
  { block: 'full', heading: 'Full run' },
  { block: 'quick', heading: 'Quick run' },
  { block: 'soak', heading: 'Soak' },
];

const markers = (block: ReportBlock) => ({ start: `<!-- bench:${block}:start -->`, end: `<!-- bench:${block}:end -->` });

function blockOf(file: string, block: ReportBlock): string {
  const { start, end } = markers(block);
  const from = file.indexOf(start);
  const to = file.indexOf(end);
  return from >= 0 && to > from ? file.slice(from, to + end.length) : `${start}\nNot run yet.\n${end}`;
}

/** Rewrites the file: the current header, this run's block, and every other block as it was. */
export async function updateBenchmarksBlock(file: string, which: ReportBlock, markdown: string): Promise<void> {
  let current = '';
  try {
    current = await readFile(file, 'utf8');
  } catch {
    // First run: nothing to keep.
  }
  const { start, end } = markers(which);
  const fresh = `${start}\n${markdown}\n${end}`;
  const sections = BLOCKS.map(({ block, heading }) => `## ${heading}\n\n${block === which ? fresh : blockOf(current, block)}`);
  await writeFile(file, `${HEADER}\n${sections.join('\n\n')}\n`);
}
