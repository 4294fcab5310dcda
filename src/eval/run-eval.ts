// Runs the three retrieval systems (bm25, dense, hybrid) over one set of questions on the same
// index and computes the metrics the project is judged on.
import { normalizeForMatch } from '../core/text/normalize.js';
import type { Answer, AnswerStatus, CitedPages, RankingEngine, RetrievalMode } from '../core/types.js';
import type { EvalQuestion } from './questions.js';

export const SYSTEMS: RetrievalMode[] = ['bm25', 'dense', 'hybrid'];
const RANK_DEPTH = 10;

export interface SystemMetrics {
  passageAt1: number;
  passageAt3: number;
  mrr: number;
  answerInReply: number;
  noAnswerAccuracy: number;
  falseRefusalRate: number;
  /** Precision of each answer level: answered with the gold passage among the excerpts; related-only
   *  with the gold passage among the related passages or for a question the documents cannot answer;
   *  not found for a question the documents cannot answer. */
  answeredPrecision: number;
  relatedPrecision: number;
  notFoundPrecision: number;
  /** Share of questions at each level. */
  levels: Record<AnswerStatus, number>;
  /** Of the questions with an expected page: share whose top excerpt is from the gold document and cites that page. */
  pageAccuracy: number;
}

export interface QuestionResult {
  id: string;
  question: string;
  doc: string | null;
  answer: string | null;
  page?: string;
  systems: Record<string, { rank: number | null; answered: boolean; status: AnswerStatus; goldShown: boolean; answerInReply: boolean; top: string[]; pageHit?: boolean; citedPages?: string }>;
}

export interface EvalReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Questions with an expected page (the denominator of pageAccuracy). */
  withPage: number;
  systems: Record<string, SystemMetrics>;
  perQuestion: QuestionResult[];
}

function levelPrecision(results: readonly QuestionResult[], mode: string): Pick<SystemMetrics, 'answeredPrecision' | 'relatedPrecision' | 'notFoundPrecision' | 'levels'> {
  const at = (status: AnswerStatus) => results.filter((r) => r.systems[mode]?.status === status);
  const answerable = (r: QuestionResult) => Boolean(r.doc && r.answer);
  const share = (n: number, d: number) => (d ? Number((n / d).toFixed(4)) : 0);
  const answered = at('answered');
  const related = at('related');
  const notFound = at('not-found');
  return {
    answeredPrecision: share(answered.filter((r) => r.systems[mode]?.goldShown).length, answered.length),
    relatedPrecision: share(related.filter((r) => !answerable(r) || r.systems[mode]?.goldShown).length, related.length),
    notFoundPrecision: share(notFound.filter((r) => !answerable(r)).length, notFound.length),
    levels: { answered: share(answered.length, results.length), related: share(related.length, results.length), 'not-found': share(notFound.length, results.length) },
  };
}

/** Whether cited pages include `page`: an end of the span, or between them when both are numbers. */
export function citesPage(pages: CitedPages | undefined, page: string): boolean {
  if (!pages) return false;
  if (pages.start === page || pages.end === page) return true;
  const [start, end, wanted] = [pages.start, pages.end, page].map(Number);
  return [start, end, wanted].every((n) => Number.isInteger(n)) && (start ?? 0) <= (wanted ?? 0) && (wanted ?? 0) <= (end ?? 0);
}

/** A passage answers when it is from the gold document and contains the gold phrase. */
export function passageMatches(docId: string, text: string, question: EvalQuestion): boolean {
  if (!question.doc || !question.answer) return false;
  return docId === question.doc && normalizeForMatch(text).includes(normalizeForMatch(question.answer));
}

export async function runEvaluation(
  engine: RankingEngine,
  questions: EvalQuestion[],
  renderReply: (answer: Answer) => string,
  onQuestion?: (done: number, total: number) => void,
): Promise<EvalReport> {
  const perQuestion: QuestionResult[] = [];
  for (const [i, q] of questions.entries()) {
    const result: QuestionResult = { id: q.id, question: q.question, doc: q.doc, answer: q.answer, ...(q.page ? { page: q.page } : {}), systems: {} };
    for (const mode of SYSTEMS) {
      const ranked = await engine.rank(q.question, mode, RANK_DEPTH);
      const index = ranked.findIndex((r) => passageMatches(r.chunk.docId, r.chunk.text, q));
      const answer = await engine.askWith(mode, q.question);
      const reply = renderReply(answer);
      const shown = answer.answered ? answer.excerpts : answer.related;
      // The excerpt a reader sees first: the answer's, or the first "possibly related" one.
      const top = answer.excerpts[0] ?? answer.related[0];
      const pages = top?.citation.pages;
      result.systems[mode] = {
        ...(q.page ? { pageHit: answer.answered && top?.citation.docId === q.doc && citesPage(pages, q.page) } : {}),
        ...(pages ? { citedPages: pages.start === pages.end ? pages.start : `${pages.start}–${pages.end}` } : {}),
        rank: index >= 0 ? index + 1 : null,
        answered: answer.answered,
        status: answer.status,
        goldShown: shown.some((e) => passageMatches(e.citation.docId, e.text, q)),
        answerInReply: Boolean(q.answer) && answer.answered && normalizeForMatch(reply).includes(normalizeForMatch(q.answer ?? '')),
        top: ranked.slice(0, 3).map((r) => r.chunk.id),
      };
    }
    perQuestion.push(result);
    onQuestion?.(i + 1, questions.length);
  }
  const answerable = perQuestion.filter((r) => r.doc && r.answer);
  const unanswerable = perQuestion.filter((r) => !r.doc || !r.answer);
  const withPage = answerable.filter((r) => r.page);
  const share = (n: number, d: number) => (d ? Number((n / d).toFixed(4)) : 0);
  const systems: Record<string, SystemMetrics> = {};
  for (const mode of SYSTEMS) {
    const s = (r: QuestionResult) => r.systems[mode];
    systems[mode] = {
      passageAt1: share(answerable.filter((r) => s(r)?.rank === 1).length, answerable.length),
      passageAt3: share(answerable.filter((r) => (s(r)?.rank ?? 99) <= 3).length, answerable.length),
      mrr: share(answerable.reduce((sum, r) => sum + (s(r)?.rank ? 1 / (s(r)?.rank ?? 1) : 0), 0), answerable.length),
      answerInReply: share(answerable.filter((r) => s(r)?.answerInReply).length, answerable.length),
      noAnswerAccuracy: share(unanswerable.filter((r) => !s(r)?.answered).length, unanswerable.length),
      falseRefusalRate: share(answerable.filter((r) => !s(r)?.answered).length, answerable.length),
      ...levelPrecision(perQuestion, mode),
      pageAccuracy: share(withPage.filter((r) => s(r)?.pageHit).length, withPage.length),
    };
  }
  return { questions: questions.length, answerable: answerable.length, unanswerable: unanswerable.length, withPage: withPage.length, systems, perQuestion };
}
