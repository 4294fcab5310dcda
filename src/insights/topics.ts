// Unanswered questions grouped into topics: the list a docs writer acts on. Questions are compared
// by meaning (the engine's embedding of the question — the same model retrieval uses) and, beside
// it, by their content words (the project's analyser: stemmed, stop and question words dropped),
// so "how much is a visitor parking permit?" and "price of parking permits for guests" meet even
// where the small model hesitates. Grouping is greedy and deterministic: the most asked questions
// found topics first; each further question joins the most similar topic above the threshold.
// Each topic is labelled by the content words its questions share most.
import { queryWords, termOf } from '../core/text/analyze.js';

/** Cosine between question embeddings at which two questions are one topic (MiniLM: paraphrases ≈ 0.7–0.9, same subject 0.55–0.7, unrelated < 0.3). */
export const TOPIC_COSINE = 0.6;
/** Share of idf-weighted content terms two questions must have in common to be one topic on words alone. */
export const TOPIC_TERM_OVERLAP = 0.6;
/** Distinct questions grouped at most (the most recent): bounds the embedding work of one report. */
export const MAX_TOPIC_QUESTIONS = 400;
/** Questions grouped between yields to the event loop (each costs up to one comparison per topic). */
const YIELD_EVERY = 20;
/** Questions read (and analysed when new) between yields. */
const YIELD_EVERY_READ = 100;
/** Words in a topic's label. */
const LABEL_WORDS = 3;

export interface TopicQuestion {
  id: string;
  question: string;
  askedAt: number;
  userHash: string;
}

export interface Topic {
  /** The words the topic's questions share most ("parking · permit · visitor"). */
  label: string;
  /** Questions asked (repeats included). */
  count: number;
  /** Distinct people who asked. */
  people: number;
  /** The most asked (then most recent) question of the topic, verbatim. */
  example: string;
  /** Every distinct question of the topic, most asked first. */
  questions: string[];
  lastAskedAt: number;
}

export type Embed = (text: string) => Promise<Float32Array>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Distinct {
  text: string;
  key: string;
  count: number;
  people: Set<string>;
  lastAskedAt: number;
  terms: Map<string, number>;
  surface: Map<string, string>;
  vector?: Float32Array;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[?!.\s]+$/, '').trim();
}

function contentTerms(text: string): { terms: Map<string, number>; surface: Map<string, string> } {
  const terms = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const word of queryWords(text)) {
    const term = termOf(word);
    if (!term) continue;
    terms.set(term, 1);
    if (!surface.has(term)) surface.set(term, word);
  }
  return { terms, surface };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Weighted overlap of two term sets, relative to the smaller one (idf from the questions themselves). */
function termOverlap(a: Map<string, number>, b: Map<string, number>, idf: Map<string, number>): number {
  let shared = 0;
  let wa = 0;
  let wb = 0;
  for (const t of a.keys()) wa += idf.get(t) ?? 1;
  for (const t of b.keys()) {
    const w = idf.get(t) ?? 1;
    wb += w;
    if (a.has(t)) shared += w;
  }
  const smaller = Math.min(wa, wb);
  return smaller > 0 ? shared / smaller : 0;
}

interface Group {
  members: Distinct[];
  centroid?: Float32Array;
  terms: Map<string, number>;
}

function addToCentroid(group: Group, vector: Float32Array | undefined): void {
  if (!vector) return;
  if (!group.centroid) {
    group.centroid = Float32Array.from(vector);
    return;
  }
  const n = group.members.filter((m) => m.vector).length;
  // Running mean over the members that have vectors (the new one already counted in n).
  for (let i = 0; i < vector.length; i++) group.centroid[i] = ((group.centroid[i] ?? 0) * (n - 1) + (vector[i] ?? 0)) / n;
}

function similarity(group: Group, q: Distinct, idf: Map<string, number>): number {
  const byMeaning = group.centroid && q.vector ? cosine(group.centroid, q.vector) / TOPIC_COSINE : 0;
  const byWords = termOverlap(group.terms, q.terms, idf) / TOPIC_TERM_OVERLAP;
  // Each measure scaled to its own threshold: ≥ 1 on either joins.
  return Math.max(byMeaning, byWords);
}

function label(group: Group): string {
  const counts = new Map<string, { n: number; word: string }>();
  for (const m of group.members) {
    for (const term of m.terms.keys()) {
      // Numbers and one-letter words group questions but say nothing as a label.
      if (term.length < 2 || /^\p{N}+$/u.test(term)) continue;
      const entry = counts.get(term) ?? { n: 0, word: m.surface.get(term) ?? term };
      entry.n += m.count;
      counts.set(term, entry);
    }
  }
  const words = [...counts.values()].sort((a, b) => b.n - a.n || a.word.localeCompare(b.word)).slice(0, LABEL_WORDS).map((e) => e.word);
  return words.length > 0 ? words.join(' · ') : (group.members[0]?.text ?? '');
}

/** Groups questions into topics, largest first. `embed` is optional: without it, words alone decide. */
export async function groupTopics(questions: readonly TopicQuestion[], embed?: Embed): Promise<Topic[]> {
  const byKey = new Map<string, Distinct>();
  for (const [i, q] of questions.entries()) {
    if (i > 0 && i % YIELD_EVERY_READ === 0) await yieldToEventLoop();
    const key = normalise(q.question);
    if (!key) continue;
    let d = byKey.get(key);
    if (!d) {
      d = { text: q.question.trim(), key, count: 0, people: new Set(), lastAskedAt: 0, ...contentTerms(q.question) };
      byKey.set(key, d);
    }
    d.count += 1;
    d.people.add(q.userHash);
    if (q.askedAt >= d.lastAskedAt) {
      d.lastAskedAt = q.askedAt;
      d.text = q.question.trim();
    }
  }
  const distinct = [...byKey.values()].sort((a, b) => b.lastAskedAt - a.lastAskedAt).slice(0, MAX_TOPIC_QUESTIONS);
  if (embed) {
    for (const d of distinct) {
      try {
        d.vector = await embed(d.text);
      } catch {
        // Words alone for this one.
      }
    }
  }
  const documentFrequency = new Map<string, number>();
  for (const d of distinct) for (const t of d.terms.keys()) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  const idf = new Map([...documentFrequency].map(([t, df]) => [t, Math.log(1 + distinct.length / df)]));

  distinct.sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt || a.key.localeCompare(b.key));
  const groups: Group[] = [];
  for (const [i, q] of distinct.entries()) {
    // Each question is compared with every topic so far: give the event loop back now and then.
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop();
    let best: Group | undefined;
    let bestScore = 1;
    for (const group of groups) {
      const score = similarity(group, q, idf);
      if (score >= bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (!best) {
      best = { members: [], terms: new Map() };
      groups.push(best);
    }
    best.members.push(q);
    for (const t of q.terms.keys()) best.terms.set(t, 1);
    addToCentroid(best, q.vector);
  }
  return groups
    .map((group) => {
      const people = new Set<string>();
      for (const m of group.members) for (const p of m.people) people.add(p);
      const first = group.members[0];
      return {
        label: label(group),
        count: group.members.reduce((sum, m) => sum + m.count, 0),
        people: people.size,
        example: first?.text ?? '',
        questions: group.members.map((m) => m.text),
        lastAskedAt: Math.max(...group.members.map((m) => m.lastAskedAt)),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt);
}
