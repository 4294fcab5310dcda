// Names in the corpus folder that are never documents, for the scan and the watcher alike: hidden
// files and folders (including the engine's own temporary files, which start with a dot), and the
// temporary, backup and lock files editors and browsers leave beside a document while it is
// being written. Whether a file is a document *type* is the loader registry's business, not this.

/** Suffixes of files still being written or kept as a backup: vim swap files, partial downloads. */
const TEMPORARY_SUFFIXES = ['~', '.swp', '.swo', '.swx', '.tmp', '.part', '.crdownload'];

export function isIgnoredName(name: string): boolean {
  if (name.startsWith('.')) return true; // hidden; also vim's .x.swp, LibreOffice's .~lock.x#, emacs' .#x
  if (name.startsWith('~$')) return true; // Microsoft Office's owner file beside an open document
  if (name.startsWith('#') && name.endsWith('#')) return true; // emacs auto-save
  if (name === '4913') return true; // vim's probe for whether the folder is writable
  const lower = name.toLowerCase();
  return TEMPORARY_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** True when any folder or file name along a relative path (either separator) is ignored. */
export function isIgnoredPath(relativePath: string): boolean {
  return relativePath.split(/[/\\]/).some((part) => part !== '' && isIgnoredName(part));
}
