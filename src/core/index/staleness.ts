// Does a built generation still match the corpus and the settings? Pure: compared field by field,
// with the first difference named (the log line says why an index is rebuilt).
import type { CleanDocument } from '../types.js';
import type { BuildSettings } from './build-index.js';
import { type Manifest, SCHEMA_VERSION } from './manifest.js';

/** Why a manifest no longer matches, or undefined when it does. */
export function staleness(manifest: Manifest, settings: BuildSettings, documents: readonly CleanDocument[]): string | undefined {
  if (manifest.schemaVersion !== SCHEMA_VERSION) return `index format ${manifest.schemaVersion} is older than ${SCHEMA_VERSION}`;
  if (manifest.model.id !== settings.model.id || manifest.model.dtype !== settings.model.dtype) {
    return `model changed (${manifest.model.id}@${manifest.model.dtype} → ${settings.model.id}@${settings.model.dtype})`;
  }
  if (JSON.stringify(manifest.chunker) !== JSON.stringify(settings.chunker)) return 'chunker settings changed';
  if (manifest.hnsw.m !== settings.hnsw.m || manifest.hnsw.efConstruction !== settings.hnsw.efConstruction) return 'vector index settings changed';
  if (manifest.vectorStore.backend !== settings.vectorBackend.name) return `vector store changed (${manifest.vectorStore.backend} → ${settings.vectorBackend.name})`;
  const current = new Map(documents.map((d) => [d.id, d.contentHash]));
  const changed = documents.filter((d) => manifest.documents[d.id] && manifest.documents[d.id]?.contentHash !== d.contentHash).length;
  const added = documents.filter((d) => !manifest.documents[d.id]).length;
  const removed = Object.keys(manifest.documents).filter((id) => !current.has(id)).length;
  if (changed || added || removed) return `corpus changed (${changed} changed, ${added} added, ${removed} removed)`;
  return undefined;
}
