// Document names and files, pure and on a temp folder (no model): a name can never leave the
// corpus folder, hidden or invisible tricks are removed, a write is atomic and never replaces a
// file unless asked, and what the scan and the watcher ignore is the same list.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  corpusPath,
  deleteCorpusFile,
  MAX_DOCUMENT_NAME_CHARS,
  sanitiseDocumentName,
  uploadFileName,
  writeCorpusFile,
} from '../../../src/core/documents/corpus-files.js';
import { isIgnoredName, isIgnoredPath } from '../../../src/core/documents/ignored-names.js';
import { isUserError } from '../../../src/core/errors.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return isUserError(error) ? error.code : 'other';
  }
  return undefined;
};

describe('sanitiseDocumentName', () => {
  it('keeps only the last path segment, so a name can never climb out of the folder', () => {
    expect(sanitiseDocumentName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(sanitiseDocumentName('..\\..\\Windows\\win.ini.md')).toBe('win.ini.md');
    expect(sanitiseDocumentName('/absolute/path/notes.md')).toBe('notes.md');
  });

  it('removes control, zero-width and direction characters, leading dots and reserved characters', () => {
    expect(sanitiseDocumentName('re\u0000port\u200b.txt')).toBe('report.txt');
    expect(sanitiseDocumentName('invoice\u202Etxt.exe.md')).toBe('invoicetxt.exe.md');
    expect(sanitiseDocumentName('...hidden.txt')).toBe('hidden.txt');
    expect(sanitiseDocumentName('what? <now>: "yes" | no*.md')).toBe('what_ _now__ _yes_ _ no_.md');
    expect(sanitiseDocumentName('  spaced \t\n name .txt  ')).toBe('spaced name .txt');
  });

  it('refuses what leaves nothing usable, and editor temporary names', () => {
    for (const name of ['..', '.', '...', '', '   ', '\u0000\u0001', 'a/b/', '../..']) expect(codeOf(() => sanitiseDocumentName(name)), name).toBe('document-name-invalid');
    expect(codeOf(() => sanitiseDocumentName('~$minutes.docx'))).toBe('document-name-invalid');
    expect(codeOf(() => sanitiseDocumentName('notes.txt~'))).toBe('document-name-invalid');
  });

  it('shortens long names but keeps the extension, within the byte limit too', () => {
    const long = sanitiseDocumentName(`${'chapter '.repeat(40)}.md`);
    expect([...long].length).toBeLessThanOrEqual(MAX_DOCUMENT_NAME_CHARS);
    expect(long.endsWith('.md')).toBe(true);
    const cjk = sanitiseDocumentName(`${'文'.repeat(200)}.txt`);
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(240);
    expect(cjk.endsWith('.txt')).toBe(true);
  });

  it('property: whatever the input, the result is one safe segment that resolves inside the folder', () => {
    const root = path.resolve('/srv/corpus');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '.', '/', '\\', '..', ' ', '\u0000', '\u202e', '~', '$', '#', 'x.txt', ':', '文') , maxLength: 60 }), (raw) => {
        let name: string;
        try {
          name = sanitiseDocumentName(raw);
        } catch (error) {
          return isUserError(error) && error.code === 'document-name-invalid';
        }
        const inside = corpusPath(root, name);
        // eslint-disable-next-line no-control-regex -- control characters are exactly what must be gone
        return !/[/\\\u0000-\u001f]/.test(name) && !name.startsWith('.') && inside !== undefined && path.dirname(inside) === root;
      }),
      { numRuns: 300 },
    );
  });
});

describe('uploadFileName', () => {
  it('uses the requested name, adding the uploaded extension when the requested one has none the loaders know', () => {
    expect(uploadFileName(undefined, 'notes.md')).toBe('notes.md');
    expect(uploadFileName('  ', 'notes.md')).toBe('notes.md');
    expect(uploadFileName('Quarterly report', 'q3.md')).toBe('Quarterly report.md');
    expect(uploadFileName('Release v1.2', 'notes.txt')).toBe('Release v1.2.txt');
    expect(uploadFileName('minutes.md', 'upload.txt')).toBe('minutes.md');
    expect(uploadFileName(undefined, '../../etc/passwd.txt')).toBe('passwd.txt');
    // The requested name is made safe before the extension is added, so ".." cannot become "txt".
    expect(codeOf(() => uploadFileName('..', 'notes.txt'))).toBe('document-name-invalid');
  });
});

describe('corpusPath', () => {
  it('resolves ids with subfolders, and nothing outside the folder', () => {
    expect(corpusPath('/srv/corpus', 'coast/zephyrine.txt')).toBe(path.resolve('/srv/corpus/coast/zephyrine.txt'));
    expect(corpusPath('/srv/corpus', '../secrets.txt')).toBeUndefined();
    expect(corpusPath('/srv/corpus', 'a/../../b.txt')).toBeUndefined();
    expect(corpusPath('/srv/corpus', '')).toBeUndefined();
  });
});

describe('writeCorpusFile and deleteCorpusFile', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes atomically, refuses to replace unless asked, and leaves no temporary file', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-files-'));
    const corpus = path.join(dir, 'corpus');
    expect(await writeCorpusFile(corpus, 'a.txt', Buffer.from('first'), false)).toEqual({ replaced: false });
    await expect(writeCorpusFile(corpus, 'a.txt', Buffer.from('second'), false)).rejects.toMatchObject({ code: 'document-exists' });
    expect(await readFile(path.join(corpus, 'a.txt'), 'utf8')).toBe('first');
    expect(await writeCorpusFile(corpus, 'a.txt', Buffer.from('second'), true)).toEqual({ replaced: true });
    expect(await readFile(path.join(corpus, 'a.txt'), 'utf8')).toBe('second');
    // Two writers racing for one new name: exactly one wins.
    const race = await Promise.allSettled([writeCorpusFile(corpus, 'b.txt', Buffer.from('one'), false), writeCorpusFile(corpus, 'b.txt', Buffer.from('two'), false)]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await readdir(corpus)).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('refuses a name that is not a plain file name, and never deletes outside the folder', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-files-'));
    const corpus = path.join(dir, 'corpus');
    await writeFile(path.join(dir, 'outside.txt'), 'keep me');
    await expect(writeCorpusFile(corpus, '../outside.txt', Buffer.from('x'), true)).rejects.toMatchObject({ code: 'document-name-invalid' });
    await expect(deleteCorpusFile(corpus, '../outside.txt')).rejects.toMatchObject({ code: 'document-not-found' });
    expect(await readFile(path.join(dir, 'outside.txt'), 'utf8')).toBe('keep me');
    expect(await deleteCorpusFile(corpus, 'never-there.txt')).toBe(false);
  });
});

describe('ignored names', () => {
  it('hidden files, editor temp and lock files, partial downloads; not ordinary documents', () => {
    for (const name of ['.git', '.report.md.swp', '.~lock.notes.odt#', '.#notes.md', 'notes.md~', '~$notes.docx', '#notes.md#', '4913', 'a.tmp', 'paper.pdf.part', 'paper.pdf.crdownload']) {
      expect(isIgnoredName(name), name).toBe(true);
    }
    for (const name of ['notes.md', 'report 2024.txt', 'v1.2-notes.txt', 'hash#tag.md', 'c~d.txt']) expect(isIgnoredName(name), name).toBe(false);
    expect(isIgnoredPath('sub/.hidden/notes.txt')).toBe(true);
    expect(isIgnoredPath('sub/notes.txt')).toBe(false);
  });
});
