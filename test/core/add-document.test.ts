// engine.addDocument / removeDocument on the real engine: a document becomes answerable at once
// with its passage count; a bad file is refused with one reason and nothing is written; the name
// can never leave the corpus folder; who added it is kept across restarts.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { describeUserError } from '../../src/core/errors.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const ORIGINAL = ['000_33a834d042079b7a.txt', '001_d4979c34144fa7d8.txt', '002_224089809fc1493b.txt', '003_b2617dd9899413f7.txt', '004_ac1d386c61ac9a3c.txt'];
const glossary = Buffer.from('# Orchard Glossary\n\nA scion is the young shoot grafted onto a rootstock; the graft union is sealed with wax.\n\nThe Bramley apple was first grown from a pip planted in 1809 in Southwell.\n');

describe('adding and removing documents through the engine', () => {
  let workspace: TempWorkspace;
  let engine: Engine;
  const originsFile = () => path.join(workspace.dir, 'data', 'uploads.json');

  beforeAll(async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    engine = await openTestEngine(workspace, { originsFile: originsFile() });
  });
  afterAll(async () => {
    await engine?.close();
    await workspace?.cleanup();
  });

  const corpusFiles = async () => (await readdir(workspace.corpusDir)).sort();

  it('adds a Markdown file: its passages are answerable at once, and who added it is kept', async () => {
    const added = await engine.addDocument('orchard-glossary.md', glossary, { addedBy: { id: '123456789012345678', name: 'ada.admin' }, via: 'test' });
    expect(added).toMatchObject({ docId: 'orchard-glossary.md', title: 'Orchard Glossary', replaced: false });
    expect(added.passages).toBeGreaterThan(0);
    expect(added.summary.changes?.added).toEqual(['orchard-glossary.md']);
    const answer = await engine.ask('In which year was the Bramley apple pip planted?');
    expect(answer.excerpts[0]?.citation.docId).toBe('orchard-glossary.md');
    expect(answer.excerpts[0]?.text).toContain('1809 in Southwell');
    const listed = engine.documents().find((d) => d.id === 'orchard-glossary.md');
    expect(listed?.origin).toMatchObject({ addedBy: { id: '123456789012345678', name: 'ada.admin' }, via: 'test', addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const stored = JSON.parse(await readFile(originsFile(), 'utf8')) as { documents: Record<string, unknown> };
    expect(Object.keys(stored.documents)).toEqual(['orchard-glossary.md']);
  });

  it('refuses to replace an existing document unless asked, then replaces it', async () => {
    const newer = Buffer.from(`${glossary.toString()}\nA whip graft joins scion and rootstock of the same thickness.\n`);
    await expect(engine.addDocument('orchard-glossary.md', newer)).rejects.toMatchObject({ code: 'document-exists' });
    expect(await readFile(path.join(workspace.corpusDir, 'orchard-glossary.md'))).toEqual(glossary);
    const replaced = await engine.addDocument('orchard-glossary.md', newer, { overwrite: true });
    expect(replaced.replaced).toBe(true);
    expect((await engine.ask('What does a whip graft join?')).excerpts[0]?.text).toContain('same thickness');
  });

  it('sanitises a path in the name: ../../etc/passwd.txt is written as passwd.txt inside the corpus', async () => {
    const added = await engine.addDocument('../../etc/passwd.txt', Buffer.from('Shepherd Notes\n\nThe Herdwick sheep of the Lake District are grey-fleeced and hardy.\n'));
    expect(added.docId).toBe('passwd.txt');
    expect(await corpusFiles()).toContain('passwd.txt');
    await expect(readFile(path.join(workspace.dir, 'etc', 'passwd.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    // The PDF twin: refused (no PDF loader yet) or sanitised the same way; never written outside.
    const pdf = await engine.addDocument('../../etc/passwd.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n')).catch((error: unknown) => error as Error);
    if (pdf instanceof Error) expect(describeUserError(pdf)).toMatch(/^Cannot add passwd\.pdf: /);
    else expect(pdf.docId).toBe('passwd.pdf');
    await expect(readFile(path.join(workspace.dir, 'etc', 'passwd.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses by content, not by name: a PNG renamed .txt or .md; an unsupported type; an empty or duplicate file', async () => {
    const before = await corpusFiles();
    const refusals = [
      await engine.addDocument('chart.txt', PNG).catch((e: unknown) => e),
      await engine.addDocument('chart.md', PNG).catch((e: unknown) => e),
      await engine.addDocument('chart.png', PNG).catch((e: unknown) => e),
      await engine.addDocument('script.exe', Buffer.from('MZ\x90\x00')).catch((e: unknown) => e),
      await engine.addDocument('empty.txt', Buffer.alloc(0)).catch((e: unknown) => e),
      await engine.addDocument('copy.txt', await readFile(path.join(workspace.corpusDir, ORIGINAL[0] ?? ''))).catch((e: unknown) => e),
    ];
    expect(refusals.map((e) => (e as { code?: string }).code)).toEqual(['document-rejected', 'document-rejected', 'document-rejected', 'document-rejected', 'document-rejected', 'document-duplicate']);
    const lines = refusals.map((e) => describeUserError(e) ?? 'not a user error');
    expect(lines[0]).toMatch(/^Cannot add chart\.txt: .*binary/);
    expect(lines[2]).toMatch(/^Cannot add chart\.png: unsupported file type \(only /);
    expect(lines[5]).toBe(`Cannot add copy.txt: its content is identical to ${ORIGINAL[0]}, which is already indexed.`);
    for (const line of lines) expect(line.split('\n')).toHaveLength(1);
    expect(await corpusFiles()).toEqual(before);
  });

  it('removes a document: its file and passages are gone, who added it is forgotten, the rest still answers', async () => {
    const removed = await engine.removeDocument('orchard-glossary.md');
    expect(removed).toMatchObject({ docId: 'orchard-glossary.md', title: 'Orchard Glossary' });
    expect(removed.passages).toBeGreaterThan(0);
    expect(await corpusFiles()).not.toContain('orchard-glossary.md');
    const answer = await engine.ask('In which year was the Bramley apple pip planted?');
    expect(answer.excerpts.some((e) => e.citation.docId === 'orchard-glossary.md')).toBe(false);
    await expect(engine.removeDocument('orchard-glossary.md')).rejects.toMatchObject({ code: 'document-not-found' });
    await expect(engine.removeDocument('../../etc/hosts')).rejects.toMatchObject({ code: 'document-not-found' });
    const stored = JSON.parse(await readFile(originsFile(), 'utf8')) as { documents: Record<string, unknown> };
    expect(stored.documents).toEqual({});
    expect((await engine.ask('Which is the largest regional organization?')).excerpts[0]?.citation.docId).toBe('003_b2617dd9899413f7.txt');
    for (const id of ORIGINAL) expect(engine.documents().map((d) => d.id)).toContain(id);
  });

  it('keeps who added a document across a restart, and survives a damaged uploads.json', async () => {
    await engine.addDocument('hedgerows.txt', Buffer.from('Hedgerow Survey\n\nHawthorn and blackthorn make up most of the hedgerows surveyed near Ludlow.\n'), { addedBy: { id: '1', name: 'max.member' }, via: 'test' });
    await engine.close();
    engine = await openTestEngine(workspace, { originsFile: originsFile() });
    expect(engine.documents().find((d) => d.id === 'hedgerows.txt')?.origin?.addedBy.name).toBe('max.member');
    await engine.close();
    await writeFile(originsFile(), '{ not json');
    engine = await openTestEngine(workspace, { originsFile: originsFile() });
    expect(engine.documents().find((d) => d.id === 'hedgerows.txt')?.origin).toBeUndefined();
    expect(engine.documents().map((d) => d.id)).toContain('hedgerows.txt');
  });
});
