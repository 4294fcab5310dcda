// /documents list | add | remove end to end, and the corpus watcher under a running bot: the real
// engine over a temp copy of corpus/, the real discord.js client started by startBot, the loopback
// Discord serving the uploaded files over HTTP. Every bad upload gets one clear line and costs
// nothing else: the bot stays up and every other document stays answerable.
import { access, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER, GUILD_ID, MEMBER_USER, OWNER_USER } from '../support/loopback/index.js';
import { eventually } from '../support/log-capture.js';
import { PROJECT_CORPUS } from '../support/paths.js';
import { isAnswerable, loadQuestionSets } from '../support/questions.js';
import { tempWorkspace, type TempWorkspace } from '../support/workspace.js';
import { startHarness, type Harness } from './fixtures/bot-harness.js';
import { guildWithLibrarian } from './fixtures/guild.js';
import { allowedMentionsOf, messageWrites, settled, shown } from './fixtures/interactions.js';

const EPHEMERAL = 64;
const DEFERRED = 5;
const REPLIED = 4;
/** An add or remove downloads, writes and rebuilds before it replies: more than the default wait. */
const CHANGE_MS = 45_000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

describe('/documents and the corpus watcher against the loopback Discord', () => {
  let h: Harness;
  let workspace: TempWorkspace;
  let librarian: APIUser;

  beforeAll(async () => {
    workspace = await tempWorkspace(PROJECT_CORPUS);
    const fixture = guildWithLibrarian();
    librarian = fixture.librarian;
    h = await startHarness({
      watch: true,
      loopback: { guilds: [fixture.guild] },
      env: { CORPUS_DIR: workspace.corpusDir, MAX_UPLOAD_MB: '1', DOCUMENT_MANAGER_ROLE_IDS: fixture.librarianRoleId, COOLDOWN_QUESTIONS: '1000' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await workspace?.cleanup();
  });

  interface Run {
    subcommand?: string;
    options?: Record<string, string | number | boolean>;
    user?: APIUser;
    dm?: boolean;
    timeoutMs?: number;
  }
  async function run(name: string, { subcommand, options = {}, user = MEMBER_USER, dm, timeoutMs = 8000 }: Run = {}) {
    const interaction = h.discord.sendSlashCommand({ name, ...(subcommand ? { subcommand } : {}), options, user, ...(dm ? { dm } : {}) });
    const state = await settled(h.discord, interaction.id, timeoutMs);
    return { interaction, state, message: shown(state) };
  }
  const upload = (filename: string, data: Buffer | string, extra: Partial<Parameters<Harness['discord']['addAttachment']>[0]> = {}) => h.discord.addAttachment({ filename, data, ...extra });
  const add = (attachmentId: string, user: APIUser = ADMIN_USER, options: Record<string, string | boolean> = {}) =>
    run('documents', { subcommand: 'add', options: { file: attachmentId, ...options }, user, timeoutMs: CHANGE_MS });
  const downloadsOf = (attachmentId: string) => h.discord.attachmentDownloads.filter((d) => d.attachmentId === attachmentId);
  const corpusFiles = async () => (await readdir(workspace.corpusDir)).sort();

  it('registers /documents as a group: list, add (attachment, name, overwrite), remove (autocomplete)', () => {
    const documents = h.discord.commands(GUILD_ID).find((command) => command.name === 'documents');
    const subcommands = (documents?.options ?? []) as Array<{ name: string; type: number; options?: Array<{ name: string; type: number; autocomplete?: boolean }> }>;
    expect(subcommands.map((s) => [s.name, s.type])).toEqual([['list', 1], ['add', 1], ['remove', 1]]);
    expect(subcommands[1]?.options?.map((o) => [o.name, o.type])).toEqual([['file', 11], ['name', 3], ['overwrite', 5]]);
    expect(subcommands[2]?.options?.[0]).toMatchObject({ name: 'document', type: 3, autocomplete: true });
  });

  it('a manager adds a .txt: deferred, then the passage count and "now answerable"; /ask answers from it', async () => {
    const file = upload('tide-tables.txt', 'Tide Tables of Porthmellow\n\nAt Porthmellow harbour the spring tide rises 5.8 metres, and the harbour gates close two hours after high water.\n');
    const { state, message } = await add(file.id);
    expect(state.responseType).toBe(DEFERRED);
    expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.embeds[0]?.title).toBe('Document added');
    expect(message.embeds[0]?.description).toMatch(/^\*\*Tide Tables of Porthmellow\*\* \(tide-tables\.txt\) gave 1 passage\. It is now answerable/);
    expect(downloadsOf(file.id)).toHaveLength(1);
    const asked = await run('ask', { options: { question: 'How high does the spring tide rise at Porthmellow harbour?' } });
    expect(asked.message.embeds[0]?.description).toContain('5.8 metres');
    expect(asked.message.embeds[0]?.fields?.[0]?.value).toContain('Tide Tables of Porthmellow');
  });

  it('a member holding a DOCUMENT_MANAGER_ROLE_IDS role adds a .md under a name of their choice', async () => {
    const file = upload('upload.md', '# Quillon Ferry Rules\n\nBicycles travel free on the Quillon ferry, but dogs must stay on a lead on the upper deck.\n');
    const { message } = await add(file.id, librarian, { name: 'Ferry rules' });
    expect(message.embeds[0]?.description).toMatch(/\(Ferry rules\.md\) gave 1 passage/);
    const asked = await run('ask', { options: { question: 'Where must dogs stay on a lead on the Quillon ferry?' } });
    expect(asked.message.embeds[0]?.description).toContain('upper deck');
  });

  it('/documents list shows who added each upload and when', async () => {
    const { message } = await run('documents', { subcommand: 'list' });
    expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    const description = message.embeds[0]?.description ?? '';
    expect(message.embeds[0]?.title).toBe('Documents (7)');
    expect(description).toMatch(new RegExp(`\`tide-tables\\.txt\` · 1 chunks · \\d+ paragraphs · added by ${ADMIN_USER.username} on \\d{4}-\\d\\d-\\d\\d`));
    expect(description).toContain(`added by ${librarian.username} on`);
    expect(description.match(/added by/g)).toHaveLength(2);
  });

  it('an existing name is refused before downloading, unless overwrite:true replaces it', async () => {
    const file = upload('tide-tables.txt', 'Tide Tables of Porthmellow\n\nAt Porthmellow harbour the spring tide now rises 6.1 metres after the new breakwater.\n');
    const refused = await add(file.id);
    expect(refused.state.responseType).toBe(REPLIED);
    expect(refused.message.content).toBe('A document named “tide-tables.txt” already exists. Choose another name with `name:`, or set `overwrite:` to True to replace it.');
    expect(downloadsOf(file.id)).toHaveLength(0);
    const replaced = await add(file.id, ADMIN_USER, { overwrite: true });
    expect(replaced.message.embeds[0]?.title).toBe('Document replaced');
    const asked = await run('ask', { options: { question: 'How high does the spring tide rise at Porthmellow harbour?' } });
    expect(asked.message.embeds[0]?.description).toContain('6.1 metres');
  });

  it('a file written into the corpus folder while the bot runs is answered within seconds (the watcher)', async () => {
    const written = performance.now();
    await writeFile(path.join(workspace.corpusDir, 'beacon.txt'), 'The Quillon Beacon\n\nThe Quillon beacon flashes green every four seconds and was first lit on 3 March 1902.\n');
    await eventually(async () => (await h.engine.ask('When was the Quillon beacon first lit?')).excerpts[0]?.citation.docId === 'beacon.txt', CHANGE_MS, 'beacon.txt to be answerable');
    console.log(`watcher under the bot: file written → answerable in ${((performance.now() - written) / 1000).toFixed(1)} s`);
    const asked = await run('ask', { options: { question: 'When was the Quillon beacon first lit?' } });
    expect(asked.message.embeds[0]?.description).toContain('3 March 1902');
    expect(h.logs.some((line) => line.msg.startsWith('corpus changed: 1 added (beacon.txt)'))).toBe(true);
  });

  it('/documents remove (with autocomplete) takes a document out of the answers', async () => {
    const typed = h.discord.autocomplete({ name: 'documents', subcommand: 'remove', focusedOption: { name: 'document', value: 'ferry' }, user: ADMIN_USER });
    h.discord.dispatch('INTERACTION_CREATE', typed);
    const choices = (await settled(h.discord, typed.id)).callbackBody as { data: { choices: Array<{ name: string; value: string }> } };
    expect(choices.data.choices).toEqual([{ name: 'Quillon Ferry Rules', value: 'Ferry rules.md' }]);
    const { state, message } = await run('documents', { subcommand: 'remove', options: { document: 'Ferry rules.md' }, user: librarian, timeoutMs: CHANGE_MS });
    expect(state.responseType).toBe(DEFERRED);
    expect(message.embeds[0]?.title).toBe('Document removed');
    expect(message.embeds[0]?.description).toMatch(/^\*\*Quillon Ferry Rules\*\* is gone from the documents: its 1 passage are no longer used/);
    expect(await corpusFiles()).not.toContain('Ferry rules.md');
    const asked = await run('ask', { options: { question: 'Where must dogs stay on a lead on the Quillon ferry?' } });
    expect(asked.message.embeds[0]?.description ?? '').not.toContain('upper deck');
  });

  describe('bad input: one clear line, nothing else lost', () => {
    it('a file named ../../etc/passwd.pdf, and ../../etc/passwd.txt: never written outside the corpus folder', async () => {
      const outside = path.resolve(workspace.corpusDir, '../../etc');
      const pdf = await add(upload('../../etc/passwd.pdf', '%PDF-1.4\n1 0 obj << >> endobj\n').id);
      const pdfReply = pdf.message.content || pdf.message.embeds[0]?.description || '';
      expect(pdfReply.split('\n')).toHaveLength(1);
      expect(pdfReply).toMatch(/passwd\.pdf/);
      const txt = await add(upload('../../etc/passwd.txt', 'Shepherd Notes\n\nHerdwick sheep are grey-fleeced and hardy.\n').id);
      expect(txt.message.embeds[0]?.description).toMatch(/\(passwd\.txt\) gave 1 passage/);
      expect(await corpusFiles()).toContain('passwd.txt');
      for (const name of ['passwd.pdf', 'passwd.txt']) await expect(access(path.join(outside, name))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('a PNG renamed .txt or .pdf is refused by its content; an unsupported type by its name', async () => {
      const asText = await add(upload('chart.txt', PNG).id);
      expect(asText.message.content).toMatch(/^I can't add “chart\.txt”: .*binary.*\. Nothing was saved\.$/);
      const asPdf = await add(upload('chart.pdf', PNG).id);
      expect(asPdf.message.content).toMatch(/^I can't add “chart\.pdf”: .+\. Nothing was saved\.$/);
      expect(asPdf.message.content).toMatch(/unsupported file type|PNG/);
      const csv = await add(upload('figures.csv', 'a,b\n1,2\n').id);
      expect(csv.message.content).toMatch(/^I can't add “figures\.csv”: unsupported file type \(only \.txt, \.md.*\)\. Nothing was saved\.$/);
      for (const name of ['chart.txt', 'chart.pdf', 'figures.csv']) expect(await corpusFiles()).not.toContain(name);
    });

    it('an upload over MAX_UPLOAD_MB is refused before downloading; one that lies about its size is cut off while streaming', async () => {
      const big = upload('atlas.txt', Buffer.alloc(2 * 2 ** 20, 0x61));
      const refused = await add(big.id);
      expect(refused.state.responseType).toBe(REPLIED);
      expect(refused.message.content).toBe('“atlas.txt” is 2.0 MB; the limit for uploads here is 1.0 MB. Nothing was downloaded.');
      expect(downloadsOf(big.id)).toHaveLength(0);
      for (const chunked of [false, true]) {
        const liar = upload(`liar-${chunked}.txt`, Buffer.alloc(3 * 2 ** 20, 0x61), { declaredSize: 100, chunked });
        const cut = await add(liar.id);
        expect(cut.message.content).toBe(`“liar-${chunked}.txt” turned out larger than the 1.0 MB upload limit while downloading; nothing was saved.`);
      }
      expect(await corpusFiles()).not.toContain('atlas.txt');
    });

    it('a download that fails (an error status, a connection dropped mid-file) says so', async () => {
      const failing = await add(upload('gone.txt', 'x', { status: 500 }).id);
      expect(failing.message.content).toBe('I couldn\'t download “gone.txt” from Discord (HTTP 500); nothing was saved. Try uploading it again.');
      const dropped = await add(upload('cut.txt', Buffer.alloc(500_000, 0x62), { dropAfterBytes: 100_000 }).id);
      expect(dropped.message.content).toMatch(/^I couldn't download “cut\.txt” from Discord \(.+\); nothing was saved\. Try uploading it again\.$/);
      expect(await corpusFiles()).not.toContain('gone.txt');
      expect(await corpusFiles()).not.toContain('cut.txt');
    });

    it('a member without permission, and anyone in a DM, are refused at once; nothing is downloaded', async () => {
      const file = upload('notes.txt', 'Notes\n\nSomething.\n');
      const member = await add(file.id, MEMBER_USER);
      expect(member.state.responseType).toBe(REPLIED);
      expect(member.message.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(member.message.content).toBe('Only members with the Manage Server permission or a document manager role can add or remove documents.');
      const removal = await run('documents', { subcommand: 'remove', options: { document: 'tide-tables.txt' }, user: MEMBER_USER });
      expect(removal.message.content).toBe(member.message.content);
      const dm = await run('documents', { subcommand: 'add', options: { file: file.id }, user: OWNER_USER, dm: true });
      expect(dm.message.content).toBe('Documents can only be added or removed in a server, not in a direct message.');
      expect(downloadsOf(file.id)).toHaveLength(0);
      expect(await corpusFiles()).toContain('tide-tables.txt');
    });

    it('removing a document that is not there; a name that leaves nothing usable', async () => {
      const missing = await run('documents', { subcommand: 'remove', options: { document: 'no-such-file.txt' }, user: ADMIN_USER });
      expect(missing.message.content).toBe('No document matches “no-such-file.txt”, so nothing was removed. Pick one from the list, or see /documents list.');
      const dots = await add(upload('notes.txt', 'Notes\n\nSomething else.\n').id, ADMIN_USER, { name: '..' });
      expect(dots.message.content).toMatch(/^“\.\.” can't be used as a document name: .+\. Choose another with `name:`\.$/);
    });

    it('afterwards: the bot is up, every original document still answers, nothing was logged as an error, no one was pinged', async () => {
      const { dev } = await loadQuestionSets();
      for (const question of dev.filter(isAnswerable)) {
        const answer = await h.engine.ask(question.question);
        expect(answer.excerpts.some((e) => e.citation.docId === question.doc), question.question).toBe(true);
      }
      const asked = await run('ask', { options: { question: 'By how much did Chinese imports from Pakistan rise year on year?' } });
      expect(asked.message.embeds[0]?.description).toContain('68.9 percent');
      expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
      expect(h.discord.unhandledRequests).toEqual([]);
      for (const write of messageWrites(h.discord)) expect(allowedMentionsOf(write)).toMatchObject({ parse: [] });
      expect(h.watcher?.stats().failedRebuilds).toBe(0);
    });
  });
});
