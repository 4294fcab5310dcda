// The follow-up evaluation: (first question, follow-up, expected passage) triples over the
// development corpora, each follow-up ranked with the first question as its context and without
// it. Dependent follow-ups ("and when was it founded?") should gain; self-contained ones must not
// lose. One JSON object per line: {"id","corpus","first","question","doc","answer","kind","split"}.
import { z } from 'zod';
import type { RankingEngine } from '../core/types.js';
import { readJsonLines } from './questions.js';
import { passageMatches } from './run-eval.js';

export const followUpSchema = z.object({
  id: z.string().min(1),
  /** The corpus folder, relative to the working directory (`corpus`, `test/eval/corpora/faq/docs`). */
  corpus: z.string().min(1),
  first: z.string().min(1),
  question: z.string().min(1),
  doc: z.string().min(1),
  answer: z.string().min(1),
  /** `dependent`: needs the first question's subject; `self-contained`: stands on its own. */
  kind: z.enum(['dependent', 'self-contained']),
  split: z.enum(['dev', 'heldout']).default('dev'),
});

export type FollowUpItem = z.infer<typeof followUpSchema>;

export function readFollowUps(file: string): Promise<FollowUpItem[]> {
  return readJsonLines(file, followUpSchema);
}

export interface FollowUpResult {
  id: string;
  kind: FollowUpItem['kind'];
  split: FollowUpItem['split'];
  /** Rank (1-based) of the expected passage among the top 10, with and without the context; null beyond. */
  rankWith: number | null;
  rankWithout: number | null;
  /** The answer said it used the earlier question. */
  contextUsed: boolean;
}

const RANK_DEPTH = 10;

export async function runFollowUps(engine: RankingEngine & { ask: (q: string, o?: { context?: string[] }) => Promise<{ contextQuestion?: string }> }, items: readonly FollowUpItem[]): Promise<FollowUpResult[]> {
  const results: FollowUpResult[] = [];
  for (const item of items) {
    const expected = { id: item.id, question: item.question, doc: item.doc, answer: item.answer };
    const rankOf = async (context?: string[]) => {
      const ranked = await engine.rank(item.question, 'hybrid', RANK_DEPTH, context ? { context } : {});
      const i = ranked.findIndex((r) => passageMatches(r.chunk.docId, r.chunk.text, expected));
      return i >= 0 ? i + 1 : null;
    };
    const answer = await engine.ask(item.question, { context: [item.first] });
    results.push({ id: item.id, kind: item.kind, split: item.split, rankWith: await rankOf([item.first]), rankWithout: await rankOf(), contextUsed: answer.contextQuestion !== undefined });
  }
  return results;
}

export interface FollowUpSummary {
  questions: number;
  withContext: { passageAt1: number; passageAt3: number };
  withoutContext: { passageAt1: number; passageAt3: number };
  /** Share of follow-ups answered in context (the answer named the earlier question). */
  contextUsed: number;
}

export function summarise(results: readonly FollowUpResult[]): FollowUpSummary {
  const share = (f: (r: FollowUpResult) => boolean) => (results.length ? Number((results.filter(f).length / results.length).toFixed(3)) : 0);
  const at = (rank: number | null, k: number) => rank !== null && rank <= k;
  return {
    questions: results.length,
    withContext: { passageAt1: share((r) => at(r.rankWith, 1)), passageAt3: share((r) => at(r.rankWith, 3)) },
    withoutContext: { passageAt1: share((r) => at(r.rankWithout, 1)), passageAt3: share((r) => at(r.rankWithout, 3)) },
    contextUsed: share((r) => r.contextUsed),
  };
}

/** Rows of the report: every kind × split, and all together. */
export function followUpTable(results: readonly FollowUpResult[]): string[] {
  const groups: Array<[string, FollowUpResult[]]> = [];
  for (const kind of ['dependent', 'self-contained'] as const) {
    for (const split of ['dev', 'heldout'] as const) groups.push([`${kind} (${split})`, results.filter((r) => r.kind === kind && r.split === split)]);
  }
  groups.push(['all', [...results]]);
  const lines = ['| follow-ups | n | p@1 with context | p@1 without | p@3 with | p@3 without | answered in context |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const [label, group] of groups) {
    if (!group.length) continue;
    const s = summarise(group);
    lines.push(`| ${label} | ${s.questions} | ${s.withContext.passageAt1.toFixed(3)} | ${s.withoutContext.passageAt1.toFixed(3)} | ${s.withContext.passageAt3.toFixed(3)} | ${s.withoutContext.passageAt3.toFixed(3)} | ${s.contextUsed.toFixed(3)} |`);
  }
  return lines;
}
