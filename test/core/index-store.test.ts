import { appendFile, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';
import { PROJECT_CORPUS } from '../support/paths.js';

let workspace: TempWorkspace | undefined;
afterEach(async () => {
  await workspace?.cleanup();
  workspace = undefined;
});

async function generationDir(embeddingsDir: string): Promise<string> {
  return path.join(embeddingsDir, (await readFile(path.join(embeddingsDir, 'CURRENT'), 'utf8')).trim());
}

describe('index on disk', () => {
  it('builds, reloads unchanged without embedding, and re-embeds only a changed document', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const first = await openTestEngine(workspace);
    expect(first.startup).toMatchObject({ documents: 5, reused: 0 });
    expect(first.startup.embedded).toBe(first.startup.chunks);
    const answer = await first.ask('What is CPEC?');
    await first.close();

    const second = await openTestEngine(workspace);
    expect(second.startup).toMatchObject({ reason: 'up to date', embedded: 0 });
    expect((await second.ask('What is CPEC?')).excerpts.map((e) => e.chunkId)).toEqual(answer.excerpts.map((e) => e.chunkId));
    await second.close();

    await appendFile(path.join(workspace.corpusDir, '003_b2617dd9899413f7.txt'), '\n\nA new closing paragraph about regional trade.\n');
    const third = await openTestEngine(workspace);
    const changedChunks = third.documents().find((d) => d.id === '003_b2617dd9899413f7.txt')?.chunks;
    expect(third.startup.reason).toMatch(/^stale: corpus changed \(1 changed/);
    expect(third.startup.embedded).toBe(changedChunks);
    expect(third.startup.reused).toBe(third.startup.chunks - (changedChunks ?? 0));
    await third.close();
  });

  it('drops a deleted document and keeps a single live generation', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    (await openTestEngine(workspace)).close();
    await rm(path.join(workspace.corpusDir, '000_33a834d042079b7a.txt'));
    const engine = await openTestEngine(workspace);
    expect(engine.startup).toMatchObject({ documents: 4, removedDocuments: 1, embedded: 0 });
    expect(engine.documents().map((d) => d.id)).not.toContain('000_33a834d042079b7a.txt');
    const generations = (await readdir(workspace.embeddingsDir)).filter((n) => n.startsWith('gen-'));
    expect(generations).toHaveLength(1);
    await engine.close();
  });

  it.each([
    ['a truncated vector file', async (dir: string) => truncate(path.join(dir, 'vectors.hnsw'), 100), /^corrupt: .*damaged/],
    ['an unreadable manifest', async (dir: string) => writeFile(path.join(dir, 'manifest.json'), '{"schemaVersion":'), /^corrupt: manifest/],
    ['a corrupt chunk store', async (dir: string) => writeFile(path.join(dir, 'corpus.json'), '[1,2'), /^corrupt: .*damaged/],
    [
      'an older schema',
      async (dir: string) => {
        const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
        await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: 1 }));
      },
      /^stale: index format 1/,
    ],
    [
      'a different model',
      async (dir: string) => {
        const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
        await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, model: { ...manifest.model, dtype: 'fp32' } }));
      },
      /^stale: model changed/,
    ],
  ])('detects %s and rebuilds a working index', async (_name, damage, reason) => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    (await openTestEngine(workspace)).close();
    await damage(await generationDir(workspace.embeddingsDir));
    const engine = await openTestEngine(workspace);
    expect(engine.startup.reason).toMatch(reason);
    // Vectors come from the per-document cache unless the model changed.
    expect(engine.startup.chunks).toBeGreaterThan(0);
    const answer = await engine.ask('Which is the largest regional organization for comprehensive cooperation?');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.citation.docId).toBe('003_b2617dd9899413f7.txt');
    await engine.close();
  });

  it('skips unreadable files with a reason and indexes the rest', async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    await writeFile(path.join(workspace.corpusDir, 'empty.txt'), '');
    await writeFile(path.join(workspace.corpusDir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await writeFile(path.join(workspace.corpusDir, 'table.csv'), 'a,b\n1,2\n');
    const engine = await openTestEngine(workspace);
    expect(engine.startup.documents).toBe(5);
    expect(engine.startup.skipped.map((s) => s.file).sort()).toEqual(['empty.txt', 'image.txt', 'table.csv']);
    expect(engine.startup.skipped.find((s) => s.file === 'image.txt')?.reason).toMatch(/binary/);
    await engine.close();
  });
});
