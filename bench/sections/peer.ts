// Footnote's hybrid retrieval against Orama's (a popular pure-JS full-text + vector engine) on the
// SAME chunks and the SAME vectors, read from the engine's own build, and the same question
// vectors. Query-embedding time is excluded from both: vectors are computed beforehand, ours come
// from the engine's query cache (warmed by an untimed pass) and Orama receives them directly.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { create, insertMultiple, search } from '@orama/orama';
import type { EvalQuestion } from '../../src/eval/questions.js';
import { passageMatches } from '../../src/eval/run-eval.js';
import { PROJECT_ROOT } from '../../test/support/paths.js';
import type { BenchContext } from '../context.js';
import { readLiveIndex, readStoredVectors } from '../live-index.js';
import { isAnswerable } from '../questions.js';
import { ratio, round, summarize, type Summary, timeAsync } from '../stats.js';

const RANK_DEPTH = 10;
/** Orama's default vector similarity threshold is 0.8, tuned for other models; MiniLM question–passage cosines are mostly 0.3–0.7. */
const ORAMA_SIMILARITIES = [0.8, 0.5, 0.3, 0.1];

export interface RankQuality {
  passageAt1: number;
  passageAt3: number;
  mrrAt10: number;
}

export interface PeerConfigResult extends RankQuality {
  similarity: number;
}

export interface PeerResult {
  peer: string;
  peerConfig: string;
  embeddingTime: string;
  chunks: number;
  answerableQuestions: number;
  samples: number;
  ours: RankQuality & { latencyMs: Summary };
  orama: RankQuality & { similarity: number; latencyMs: Summary; insertMs: number };
  /** Orama at each similarity threshold tried (the best one is compared). */
  oramaConfigs: PeerConfigResult[];
  /** Ours passage@1 / Orama passage@1 (higher is better for us). */
  qualityVsPeer: number;
  /** Ours p95 / Orama p95 retrieval latency (lower is better for us). */
  latencyVsPeer: number;
  /** The same at p50 (tails on a shared machine are noisy). */
  latencyVsPeerP50: number;
}

interface RankedPassage {
  docId: string;
  text: string;
}

function quality(rankings: RankedPassage[][], questions: EvalQuestion[]): RankQuality {
  const ranks = rankings.map((ranked, i) => {
    const question = questions[i];
    const index = question ? ranked.findIndex((p) => passageMatches(p.docId, p.text, question)) : -1;
    return index >= 0 ? index + 1 : undefined;
  });
  const share = (hit: (rank: number | undefined) => boolean) => round(ranks.filter(hit).length / Math.max(1, ranks.length), 4);
  return {
    passageAt1: share((r) => r === 1),
    passageAt3: share((r) => r !== undefined && r <= 3),
    mrrAt10: round(ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / Math.max(1, ranks.length), 4),
  };
}

async function oramaVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'node_modules/@orama/orama/package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export async function runPeerSection(ctx: BenchContext): Promise<PeerResult> {
  const { engine, sizes } = ctx;
  const questions = (sizes.peer.devOnly ? ctx.questions.dev : ctx.questions.all).filter(isAnswerable);
  const { data, generationDir } = await readLiveIndex(ctx.workspace);
  if (data.manifest.model.dimension !== 384) throw new Error(`the peer schema is vector[384]; the model gives ${data.manifest.model.dimension}`);
  const vectors = await readStoredVectors(generationDir, data.manifest.model.dimension, data.chunks.length);
  const titles = new Map(data.documents.map((d) => [d.id, d.title]));

  const db = create({
    schema: { docId: 'string', title: 'string', heading: 'string', text: 'string', embedding: 'vector[384]' } as const,
    // Orama's best built-in English set-up: its Porter-style stemmer (off by default).
    components: { tokenizer: { language: 'english', stemming: true } },
  });
  const insert = await timeAsync(async () =>
    insertMultiple(
      db,
      data.chunks.map((chunk, i) => ({
        docId: chunk.docId,
        title: titles.get(chunk.docId) ?? '',
        heading: chunk.heading ?? '',
        text: chunk.text,
        embedding: Array.from(vectors[i] ?? []),
      })),
    ),
  );

  ctx.log(`peer: embedding ${questions.length} questions once, for both systems`);
  const queryVectors: number[][] = [];
  for (const q of questions) queryVectors.push(Array.from(await engine.embedQuery(q.question)));

  const oramaRank = async (i: number, similarity: number): Promise<RankedPassage[]> => {
    const result = await search(db, {
      mode: 'hybrid',
      term: questions[i]?.question ?? '',
      vector: { value: queryVectors[i] ?? [], property: 'embedding' },
      properties: ['title', 'heading', 'text'],
      similarity,
      limit: RANK_DEPTH,
      hybridWeights: { text: 0.5, vector: 0.5 },
    });
    return result.hits.map((hit) => ({ docId: hit.document.docId, text: hit.document.text }));
  };
  const oursRank = async (i: number): Promise<RankedPassage[]> =>
    (await engine.rank(questions[i]?.question ?? '', 'hybrid', RANK_DEPTH)).map((r) => ({ docId: r.chunk.docId, text: r.chunk.text }));

  // Quality (and the untimed pass that puts each question's vector in the engine's cache).
  const ours: RankedPassage[][] = [];
  for (let i = 0; i < questions.length; i++) ours.push(await oursRank(i));
  const oursQuality = quality(ours, questions);
  const oramaConfigs: PeerConfigResult[] = [];
  for (const similarity of ORAMA_SIMILARITIES) {
    const ranked: RankedPassage[][] = [];
    for (let i = 0; i < questions.length; i++) ranked.push(await oramaRank(i, similarity));
    oramaConfigs.push({ similarity, ...quality(ranked, questions) });
  }
  const best = oramaConfigs.reduce((a, b) => (b.passageAt1 > a.passageAt1 || (b.passageAt1 === a.passageAt1 && b.mrrAt10 > a.mrrAt10) ? b : a));

  ctx.log(`peer: latency, ${sizes.peer.rounds} rounds × ${questions.length} questions, interleaved`);
  const oursMs: number[] = [];
  const oramaMs: number[] = [];
  for (let pass = 0; pass < sizes.peer.rounds; pass++) {
    for (let i = 0; i < questions.length; i++) {
      const timeOurs = async () => oursMs.push((await timeAsync(() => oursRank(i))).ms);
      const timeOrama = async () => oramaMs.push((await timeAsync(() => oramaRank(i, best.similarity))).ms);
      if ((i + pass) % 2 === 0) {
        await timeOurs();
        await timeOrama();
      } else {
        await timeOrama();
        await timeOurs();
      }
    }
  }
  const oursLatency = summarize(oursMs);
  const oramaLatency = summarize(oramaMs);
  return {
    peer: `@orama/orama ${await oramaVersion()}`,
    peerConfig: `hybrid mode, weights text 0.5 / vector 0.5 (as ours), English stemming on, fields title+heading+text, similarity threshold ${best.similarity} (best of ${ORAMA_SIMILARITIES.join('/')})`,
    embeddingTime: 'excluded from both: query vectors computed beforehand (ours from its warmed query cache)',
    chunks: data.chunks.length,
    answerableQuestions: questions.length,
    samples: oursMs.length,
    ours: { ...oursQuality, latencyMs: oursLatency },
    orama: { ...best, latencyMs: oramaLatency, insertMs: round(insert.ms, 1) },
    oramaConfigs,
    qualityVsPeer: ratio(oursQuality.passageAt1, best.passageAt1),
    latencyVsPeer: ratio(oursLatency.p95, oramaLatency.p95),
    latencyVsPeerP50: ratio(oursLatency.p50, oramaLatency.p50),
  };
}
