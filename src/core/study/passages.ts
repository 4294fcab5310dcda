// Substantive passages (a full paragraph of prose, not a heading, a caption or a list of names) and
// the passage of the day: a seeded pick among those not yet posted in this cycle.
import type { StudySettings } from '../settings.js';
import { inCollection } from '../documents/collections.js';
import { splitSentences } from '../text/sentences.js';
import { seededRandom } from './random.js';
import type { StudyIndex, StudyPassage } from './study-index.js';

/** True for a paragraph of prose: enough words and sentences, ending like a sentence, not a run of names. */
export function isSubstantive(text: string, settings: StudySettings): boolean {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < settings.paragraphMinWords) return false;
  if (!/[.!?]["'”’)\]]*$/.test(text.trim())) return false;
  if (splitSentences(text).length < settings.paragraphMinSentences) return false;
  // A list of names, titles or a table row: mostly capitalised words.
  const capitalised = words.filter((w) => /^["“‘(]?\p{Lu}/u.test(w)).length;
  if (capitalised / words.length > settings.paragraphMaxCapitalisedShare) return false;
  // Bullet or numbered list lines joined into one block.
  const lines = text.split('\n');
  return !(lines.length >= 3 && lines.filter((line) => /^\s*([-*•]|\d+[.)])\s/.test(line)).length >= lines.length / 2);
}

export function passageKey(docId: string, paragraph: number): string {
  return `${docId}#${paragraph}`;
}

/**
 * The next passage of the day: seeded among the substantive passages of the collection not in
 * `exclude`; when all have been posted, among all of them again (`startsNewCycle`).
 */
export function pickDailyPassage(index: StudyIndex, options: { exclude: ReadonlySet<string>; seed: number; collection?: string }): { passage: StudyPassage; startsNewCycle: boolean } | undefined {
  const eligible = index.passages.filter((p) => inCollection(index.documents[p.doc]?.id ?? '', options.collection));
  if (eligible.length === 0) return undefined;
  const fresh = eligible.filter((p) => !options.exclude.has(passageKey(index.documents[p.doc]?.id ?? '', p.paragraph)));
  const pool = fresh.length > 0 ? fresh : eligible;
  const random = seededRandom(options.seed);
  const passage = pool[random.int(pool.length)];
  return passage ? { passage, startsNewCycle: fresh.length === 0 } : undefined;
}
