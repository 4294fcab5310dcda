// The answer service and its client, in one process: the real engine served over HTTP on
// 127.0.0.1, RemoteAnswerEngine (what a shard uses) against it, and the real bot (discord.js
// against the loopback server) on top of the client. The client answers exactly as the engine
// does; the service's bounded queue refuses at once what does not fit, and the bot turns that into
// its "busy" reply within Discord's 3 s; a rebuild is seen by every client at once.
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { UserError } from '../../src/core/errors.js';
import type { Engine } from '../../src/core/engine.js';
import type { Answer } from '../../src/core/types.js';
import { busyText } from '../../src/discord/question-input.js';
import { createLogger } from '../../src/log.js';
import { startAnswerService, type RunningAnswerService, type ServedEngine } from '../../src/service/answer-service.js';
import { RemoteAnswerEngine } from '../../src/service/remote-engine.js';
import { fromWireError, toWireError } from '../../src/service/wire-errors.js';
import { startHarness, type Harness } from '../discord/fixtures/bot-harness.js';
import { settled, shown } from '../discord/fixtures/interactions.js';
import { SlowEngine } from '../discord/fixtures/slow-engine.js';
import { newSnowflake } from '../support/loopback/index.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { openTestEngine, tempWorkspace, type TempWorkspace } from '../support/workspace.js';

const logger = createLogger('silent');

/** The engine behind a configurable delay, still able to say which generation is live. */
class SlowServedEngine extends SlowEngine implements ServedEngine {
  constructor(private readonly engine: Engine) {
    super(engine);
  }

  get generation(): string {
    return this.engine.generation;
  }

  onGenerationChange(listener: (generation: string) => void): () => void {
    return this.engine.onGenerationChange(listener);
  }
}

function slowServed(engine: Engine): { served: ServedEngine; slow: SlowEngine } {
  const served = new SlowServedEngine(engine);
  return { served, slow: served };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const withoutTimings = (answer: Answer) => ({ ...answer, timings: undefined });

describe('answer service over HTTP, and the bot on its client', () => {
  let workspace: TempWorkspace;
  let engine: Engine;
  let slow: SlowEngine;
  let service: RunningAnswerService;
  let remote: RemoteAnswerEngine;
  let other: RemoteAnswerEngine;
  let h: Harness;
  const unhandled = vi.fn();
  let closeBotClient = () => Promise.resolve();

  beforeAll(async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    engine = await openTestEngine(workspace);
    const wrapped = slowServed(engine);
    slow = wrapped.slow;
    service = await startAnswerService(wrapped.served, { logger, port: 0, limits: { maxConcurrent: 1, maxQueued: 1 } });
    remote = await RemoteAnswerEngine.connect(service.url, { logger, timeoutMs: 10_000 });
    other = await RemoteAnswerEngine.connect(service.url, { logger, timeoutMs: 10_000 });
    // The bot on a third client: its own queue would admit 20; the service holds 2 (1 running, 1 waiting).
    process.on('unhandledRejection', unhandled);
    const botClient = await RemoteAnswerEngine.connect(service.url, { logger, timeoutMs: 10_000 });
    const config = loadConfig({ CORPUS_DIR: workspace.corpusDir, EMBEDDINGS_DIR: workspace.embeddingsDir, DATA_DIR: path.join(workspace.dir, 'data') });
    h = await startHarness({
      env: { COOLDOWN_QUESTIONS: '1000', MAX_CONCURRENT_ANSWERS: '10', MAX_QUEUED_ANSWERS: '10' },
      shared: { engine, config, workDir: workspace.dir, close: () => Promise.resolve() },
      wrapEngine: () => botClient,
    });
    closeBotClient = () => botClient.close();
  });
  afterEach(() => {
    slow.delayMs = 0;
  });
  afterAll(async () => {
    await h?.close();
    await closeBotClient();
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    await remote?.close();
    await other?.close();
    await service?.close();
    await engine?.close();
    await workspace?.cleanup();
  });

  it('answers, searches, lists and shows passages exactly as the engine in this process does', async () => {
    const question = 'What security concept has Xi come up with?';
    expect(withoutTimings(await remote.ask(question))).toEqual(withoutTimings(await engine.ask(question)));
    expect(withoutTimings(await remote.ask(question, { offset: 1 }))).toEqual(withoutTimings(await engine.ask(question, { offset: 1 })));
    expect(await remote.search('CPEC', { limit: 3 })).toEqual(await engine.search('CPEC', { limit: 3 }));
    expect(remote.documents()).toEqual(engine.documents());
    expect(remote.findDocuments('xi', 5)).toEqual(engine.findDocuments('xi', 5));
    const first = engine.documents()[0]?.id ?? '';
    expect(remote.passage(first, 3, 1)).toEqual(engine.passage(first, 3, 1));
    expect(remote.passage(first, 10_000, 2)).toEqual(engine.passage(first, 10_000, 2));
    expect(remote.passage('no-such-document', 1, 1)).toBeUndefined();
    expect(remote.readingPage(first, 2)).toEqual(engine.readingPage(first, 2));
    expect(remote.stats()).toEqual(engine.stats());
    // A channel's scope crosses the wire: the corpus's top-level files are in no collection.
    const scoped = await remote.ask(question, { collections: ['handbook'] });
    expect(scoped).toMatchObject({ scope: ['handbook'], status: 'not-found', excerpts: [], related: [] });
    expect(withoutTimings(scoped)).toEqual(withoutTimings(await engine.ask(question, { collections: ['handbook'] })));
    expect((await remote.search('CPEC', { collections: ['handbook'] })).hits).toEqual([]);
  });

  it('carries a follow-up’s context and "more like this" across the wire', async () => {
    const context = ['What is the Global Security Initiative?'];
    const followUp = 'which challenges can countries collaborate on under it?';
    const answer = await remote.ask(followUp, { context });
    expect(answer.contextQuestion).toBe(context[0]);
    expect(withoutTimings(answer)).toEqual(withoutTimings(await engine.ask(followUp, { context })));
    const chunkId = answer.excerpts[0]?.chunkId ?? '';
    expect(await remote.moreLikeThis(chunkId)).toEqual(await engine.moreLikeThis(chunkId));
    expect(await remote.moreLikeThis('no-such-document.txt#0')).toBeUndefined();
  });

  it('refuses at once, as engine-busy, what does not fit in its queue (1 running + 1 waiting)', async () => {
    slow.delayMs = 400;
    const started = performance.now();
    const settledAt: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => remote.ask(`What is CPEC? ${i}`).finally(() => settledAt.push(performance.now() - started))),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'engine-busy' });
    // The refusals came back before the first answer did.
    expect(settledAt.slice(0, 4).every((ms) => ms < 400)).toBe(true);
    expect(slow.peakActive).toBeLessThanOrEqual(1);
  });

  it('carries user errors and file-system errors across the wire as the engine threw them', () => {
    const locked = fromWireError(toWireError(new UserError('index-locked', { pid: 42, dir: '/x' })));
    expect(locked).toBeInstanceOf(UserError);
    expect(locked).toMatchObject({ code: 'index-locked', details: { pid: 42, dir: '/x' } });
    const full = fromWireError(toWireError(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })));
    expect(full).toMatchObject({ code: 'ENOSPC' });
    expect(fromWireError(toWireError(new Error('secret internal detail'))).message).not.toContain('secret');
  });

  it('answers what the service admits, tells the rest "busy" at once, and acknowledges everything within 3 s', async () => {
    slow.delayMs = 2000;
    const sent = Array.from({ length: 6 }, (_, i) =>
      h.discord.sendSlashCommand({ name: 'ask', options: { question: `How long was Xi in Central Asia? (${i})` }, user: { id: newSnowflake(), username: `u${i}`, discriminator: '0', global_name: null, avatar: null } }),
    );
    const states = await Promise.all(sent.map((interaction) => settled(h.discord, interaction.id, 15_000)));
    const messages = states.map((state) => shown(state));
    expect(messages.filter((m) => m.content === busyText)).toHaveLength(4);
    const answered = messages.filter((m) => (m.embeds[0]?.description ?? '').includes('from Wednesday to Sunday'));
    expect(answered).toHaveLength(2);
    for (const [i, state] of states.entries()) {
      expect(state.requests.filter((request) => request.status >= 400)).toEqual([]);
      const dispatchedAt = h.discord.world.interactions.get(sent[i]?.id ?? '')?.dispatchedAt ?? 0;
      const ack = state.requests.find((request) => request.status < 300);
      expect((ack?.at ?? Infinity) - dispatchedAt).toBeLessThan(3000);
    }
    // Slow answers were deferred inside the window and edited in (the 3-second rule held end to end).
    expect(states.some((state) => state.responseType === 5)).toBe(true);
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  }, 30_000);

  it('rebuilds once at the service; the client that asked and every other client see the new index at once', async () => {
    const before = remote.generation;
    await writeFile(path.join(workspace.corpusDir, 'tidal-mill.txt'), 'The Tidal Mill of Carrow\n\nThe tidal mill at Carrow ground oats for the parish until 1921, driven by the ebb through a sluice gate.\n');
    const summary = await remote.reindex();
    expect(summary).toMatchObject({ documents: 6, embedded: 1 });
    expect(remote.generation).not.toBe(before);
    expect(remote.documents().map((d) => d.id)).toContain('tidal-mill.txt');
    // The other client learns of it through the long poll, without asking anything.
    await vi.waitFor(() => expect(other.documents().map((d) => d.id)).toContain('tidal-mill.txt'), { timeout: 2000, interval: 20 });
    expect(other.generation).toBe(remote.generation);
    const answer = await other.ask('Until when did the Carrow mill grind oats?');
    expect(answer.excerpts[0]?.text).toContain('1921');
  });

  it('an unreachable service is engine-unavailable, one plain line', async () => {
    const nowhere = RemoteAnswerEngine.connect(`http://127.0.0.1:${await closedPort()}`, { logger, timeoutMs: 1000, connectTimeoutMs: 300 });
    await expect(nowhere).rejects.toMatchObject({ code: 'engine-unavailable' });
    await expect(nowhere).rejects.toThrow(/cannot be reached: ECONNREFUSED/);
  });
});
