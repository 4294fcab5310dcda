// Collections: the sub-folders of the corpus. A document's collection is the first segment of its
// id (its path in the corpus folder); a file at the top of the folder belongs to none. One
// definition, used by retrieval (a channel scoped to some collections), /daily and /quiz.

/** The collection a document id lies in: its first folder, or undefined for a top-level file. */
export function collectionOf(docId: string): string | undefined {
  const slash = docId.indexOf('/');
  return slash > 0 ? docId.slice(0, slash) : undefined;
}

/** A collection name as people type it ("handbook/", " /handbook "): no slashes around it. */
export function normalizeCollection(name: string): string {
  return name.trim().replace(/^\/+|\/+$/g, '');
}

/**
 * Whether a document lies under a collection. `collection` may also be a deeper folder
 * ("guides/setup/", as /daily and /quiz accept): the id must start with that folder.
 */
export function inCollection(docId: string, collection: string | undefined): boolean {
  if (!collection) return true;
  const folder = normalizeCollection(collection);
  return folder === '' || docId.startsWith(`${folder}/`);
}

/** Whether a document lies in any of `collections`; no list (or an empty one) means every document. */
export function inCollections(docId: string, collections: readonly string[] | undefined): boolean {
  return !collections || collections.length === 0 || collections.some((collection) => inCollection(docId, collection));
}

/** The distinct collections of some documents, sorted: what a scope may name. */
export function collectionsOf(docIds: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const id of docIds) {
    const name = collectionOf(id);
    if (name) names.add(name);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** A requested scope, cleaned: names normalised, blanks and repeats dropped, sorted; undefined when nothing is left (no limit). */
export function scopeOfCollections(collections: readonly string[] | undefined): string[] | undefined {
  if (!collections) return undefined;
  const names = [...new Set(collections.map(normalizeCollection).filter(Boolean))].sort((a, b) => a.localeCompare(b));
  return names.length > 0 ? names : undefined;
}
