// What the people who run the server read (in /insights and on the dashboard): questions per day by
// outcome, the share answered / related only / not found, the unanswered topics, the answers with
// the most 👎, the documents cited most and those never cited. Counts come from the store's
// aggregate queries; everything that needs each row (citations, latency, topics) reads the period
// in pages, yielding to the event loop between pages, so a long period never holds up answering.
import type { AnswerEngine, DocumentSummary } from '../core/types.js';
import type { OutcomeCounts, QuestionFilter, QuestionRecord, StateStore, VotedQuestion } from '../state/index.js';
import { DAY_MS, isoDay } from './period.js';
import { groupTopics, type Topic, type TopicQuestion } from './topics.js';

/** Rows read per page when a whole period is scanned; a page is well under a millisecond of work. */
export const SCAN_PAGE_ROWS = 250;
/** Question embeddings kept for grouping topics (the same questions come back in every report). */
const EMBEDDING_CACHE_ENTRIES = 5000;

export interface DayRow {
  day: string;
  answered: number;
  related: number;
  notFound: number;
}

export interface CitedDocument {
  docId: string;
  title: string;
  /** Answers that cited it. */
  citations: number;
}

export interface InsightsReport {
  since: number;
  until: number;
  counts: OutcomeCounts;
  perDay: DayRow[];
  latency?: { p50: number; p95: number };
  topics: Topic[];
  mostDownvoted: VotedQuestion[];
  mostCited: CitedDocument[];
  /** Indexed documents no answer of the period cited. */
  neverCited: DocumentSummary[];
  documents: number;
  openEscalations: number;
}

export type WindowFilter = QuestionFilter & { since: number; until: number };

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? 0;
}

export class InsightsReader {
  private readonly vectors = new Map<string, Float32Array>();

  constructor(
    private readonly state: Pick<StateStore, 'insights' | 'escalations'>,
    private readonly engine: Pick<AnswerEngine, 'documents' | 'embedQuery'>,
  ) {}

  /** Every question of the filter, oldest first, a page at a time (yielding between pages). */
  async *scan(filter: QuestionFilter): AsyncGenerator<QuestionRecord[]> {
    let cursor: { askedAt: number; id: string } | undefined;
    for (;;) {
      const page = await this.state.insights.questionsAfter(filter, cursor, SCAN_PAGE_ROWS);
      if (page.length === 0) return;
      yield page;
      const last = page[page.length - 1];
      if (!last || page.length < SCAN_PAGE_ROWS) return;
      cursor = { askedAt: last.askedAt, id: last.id };
      await yieldToEventLoop();
    }
  }

  /** Days of the window, each with its counts by outcome (days without questions included, as zeros). */
  async perDay(filter: WindowFilter): Promise<DayRow[]> {
    const rows = await this.state.insights.perDay(filter);
    const first = Math.floor(filter.since / DAY_MS);
    const last = Math.floor((filter.until - 1) / DAY_MS);
    const days = new Map<number, DayRow>();
    for (let day = first; day <= last; day++) days.set(day, { day: isoDay(day), answered: 0, related: 0, notFound: 0 });
    for (const row of rows) {
      const entry = days.get(row.day);
      if (!entry) continue;
      if (row.status === 'answered') entry.answered += row.count;
      else if (row.status === 'related') entry.related += row.count;
      else entry.notFound += row.count;
    }
    return [...days.values()];
  }

  /** Unanswered topics: questions answered with related passages only, or not at all. */
  async topics(filter: QuestionFilter): Promise<Topic[]> {
    const unanswered: TopicQuestion[] = [];
    for await (const page of this.scan(filter)) {
      for (const q of page) if (q.status !== 'answered') unanswered.push({ id: q.id, question: q.question, askedAt: q.askedAt, userHash: q.userHash });
    }
    return groupTopics(unanswered, (text) => this.embed(text));
  }

  async report(filter: WindowFilter, options: { topics: number; listed: number }): Promise<InsightsReport> {
    const [counts, perDay, mostDownvoted, openEscalations] = await Promise.all([
      this.state.insights.outcomeCounts(filter),
      this.perDay(filter),
      this.state.insights.mostDownvoted(filter, options.listed),
      this.state.escalations.openCount(filter.scope),
    ]);
    const citations = new Map<string, number>();
    const latencies: number[] = [];
    const unanswered: TopicQuestion[] = [];
    for await (const page of this.scan(filter)) {
      for (const q of page) {
        latencies.push(q.latencyMs);
        if (q.status === 'answered') {
          for (const docId of new Set(q.passages.map((p) => p.docId))) citations.set(docId, (citations.get(docId) ?? 0) + 1);
        } else {
          unanswered.push({ id: q.id, question: q.question, askedAt: q.askedAt, userHash: q.userHash });
        }
      }
    }
    latencies.sort((a, b) => a - b);
    const topics = (await groupTopics(unanswered, (text) => this.embed(text))).slice(0, options.topics);
    const documents = this.engine.documents();
    const titles = new Map(documents.map((d) => [d.id, d.title]));
    const mostCited = [...citations]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, options.listed)
      .map(([docId, n]) => ({ docId, title: titles.get(docId) ?? docId, citations: n }));
    const neverCited = documents.filter((d) => !citations.has(d.id)).sort((a, b) => a.title.localeCompare(b.title));
    return {
      since: filter.since,
      until: filter.until,
      counts,
      perDay,
      ...(latencies.length ? { latency: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) } } : {}),
      topics,
      mostDownvoted,
      mostCited,
      neverCited,
      documents: documents.length,
      openEscalations,
    };
  }

  /** Citations per document over the filter (every answered question counts once per document it cited). */
  async citationCounts(filter: QuestionFilter): Promise<Map<string, number>> {
    const citations = new Map<string, number>();
    for await (const page of this.scan(filter)) {
      for (const q of page) {
        if (q.status !== 'answered') continue;
        for (const docId of new Set(q.passages.map((p) => p.docId))) citations.set(docId, (citations.get(docId) ?? 0) + 1);
      }
    }
    return citations;
  }

  private async embed(text: string): Promise<Float32Array> {
    const key = text.trim().toLowerCase();
    const cached = this.vectors.get(key);
    if (cached) return cached;
    const vector = await this.engine.embedQuery(text);
    if (this.vectors.size >= EMBEDDING_CACHE_ENTRIES) {
      const oldest = this.vectors.keys().next().value;
      if (oldest !== undefined) this.vectors.delete(oldest);
    }
    this.vectors.set(key, vector);
    return vector;
  }
}
