// A shard's catalogue copy must cite PDF pages exactly as the service's engine does: by the
// PDF's printed labels when it has them (harbour-manual.pdf), by position otherwise.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { createLogger } from '../../src/log.js';
import { startAnswerService, type RunningAnswerService } from '../../src/service/answer-service.js';
import { RemoteAnswerEngine } from '../../src/service/remote-engine.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const FORMATS_CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/formats/docs');
const logger = createLogger('silent');

describe("a shard's catalogue copy of paged documents", () => {
  let workspace: TempWorkspace;
  let engine: Engine;
  let service: RunningAnswerService;
  let remote: RemoteAnswerEngine;

  beforeAll(async () => {
    workspace = await tempWorkspace(FORMATS_CORPUS);
    engine = await openTestEngine(workspace);
    service = await startAnswerService(engine, { logger, port: 0, limits: { maxConcurrent: 1, maxQueued: 4 } });
    remote = await RemoteAnswerEngine.connect(service.url, { logger, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await remote?.close();
    await service?.close();
    await engine?.close();
    await workspace?.cleanup();
  });

  it('cites every paragraph and reading page of each PDF as the engine does, labels included', () => {
    const pdfs = engine.documents().filter((d) => d.pages !== undefined);
    expect(pdfs.map((d) => d.id).sort()).toEqual(['harbour-manual.pdf', 'river-survey.pdf', 'tide-table-notes.pdf']);
    const numberings = new Set<string>();
    for (const doc of pdfs) {
      for (let paragraph = 1; paragraph <= doc.paragraphs; paragraph++) {
        const local = engine.passage(doc.id, paragraph, 1);
        expect(remote.passage(doc.id, paragraph, 1)).toEqual(local);
        expect(remote.readingPage(doc.id, paragraph)).toEqual(engine.readingPage(doc.id, paragraph));
        if (local?.pages) numberings.add(local.pages.numbering);
      }
    }
    // Both kinds were compared: the manual's printed labels and the others' physical pages.
    expect([...numberings].sort()).toEqual(['label', 'physical']);
  });
});
