// Document options: autocomplete choices, and turning what the user picked or typed into a document.
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { inCollections } from '../core/documents/collections.js';
import type { AnswerEngine, DocumentSummary } from '../core/types.js';
import { discordLimits } from './limits.js';
import { truncateText } from './render/text.js';

export type DocumentDirectory = Pick<AnswerEngine, 'documents' | 'findDocuments'>;

/** The documents of a channel's collections only (all of them when the channel is not scoped). */
export function scopedDirectory(engine: DocumentDirectory, scope: { collections: readonly string[] } | undefined): DocumentDirectory {
  if (!scope) return engine;
  const inScope = (document: DocumentSummary) => inCollections(document.id, scope.collections);
  return {
    documents: () => engine.documents().filter(inScope),
    // Looked up among all, then narrowed: a generous limit keeps matches from the scope.
    findDocuments: (text, limit) => engine.findDocuments(text, Number.MAX_SAFE_INTEGER).filter(inScope).slice(0, limit),
  };
}

/** Up to 25 choices; the value is the document id (or its first 100 characters, see resolveDocument). */
export function documentChoices(engine: DocumentDirectory, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const text = typed.trim();
  const found = text ? engine.findDocuments(text, discordLimits.autocompleteChoices) : engine.documents();
  return found.slice(0, discordLimits.autocompleteChoices).map((document) => {
    const date = document.date ? ` (${document.date})` : '';
    const title = document.title.replace(/\s+/g, ' ').trim() || document.id;
    return {
      name: truncateText(title, discordLimits.autocompleteNameChars - date.length) + date,
      value: document.id.slice(0, discordLimits.autocompleteValueChars),
    };
  });
}

/** The document an option names: its id, an id cut to 100 characters, or a title or part of one. */
export function resolveDocument(engine: DocumentDirectory, input: string): DocumentSummary | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const documents = engine.documents();
  const exact = documents.find((document) => document.id === text);
  if (exact) return exact;
  const lower = text.toLowerCase();
  const byPrefix = documents.filter((document) => document.id.startsWith(text));
  if (byPrefix.length === 1) return byPrefix[0];
  const byTitle = documents.find((document) => document.title.toLowerCase() === lower);
  if (byTitle) return byTitle;
  const found = engine.findDocuments(text, 2);
  return found.length === 1 ? found[0] : undefined;
}
