/**
 * The loopback server's attachments and subcommand groups, against the real discord.js client:
 * a slash command's attachment option arrives resolved (`getAttachment`), its bytes are served
 * at its url with the faults tests need, and command registration enforces Discord's rules for
 * nesting subcommands and groups.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, REST, Routes, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, GUILD_ID, LOOPBACK_TOKEN, startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback/index.js';

let discord: LoopbackDiscord;
let client: Client;
let rest: REST;

beforeAll(async () => {
  discord = await startLoopbackDiscord({ heartbeatIntervalMs: 250 });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase } });
  const ready = once(client, Events.ClientReady);
  await client.login(LOOPBACK_TOKEN);
  await ready;
  rest = new REST({ api: discord.apiBase }).setToken(LOOPBACK_TOKEN);
});

afterAll(async () => {
  await client?.destroy();
  await discord?.close();
});

const library = {
  name: 'library',
  description: 'Books',
  options: [
    { type: 1, name: 'list', description: 'List' },
    {
      type: 2,
      name: 'shelf',
      description: 'Shelves',
      options: [{ type: 1, name: 'add', description: 'Add', options: [{ type: 11, name: 'file', description: 'A file', required: true }, { type: 3, name: 'name', description: 'Name' }] }],
    },
  ],
};

function nextInteraction(id: string): Promise<Interaction> {
  return new Promise((resolve) => {
    const listener = (interaction: Interaction) => {
      if (interaction.id !== id) return;
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
}

describe('loopback discord: subcommand groups in registration', () => {
  it('accepts a command with a subcommand and a group holding a subcommand with an attachment option', async () => {
    const created = (await rest.put(Routes.applicationGuildCommands(APPLICATION_ID, GUILD_ID), { body: [library] })) as Array<{ name: string }>;
    expect(created.map((c) => c.name)).toEqual(['library']);
  });

  it.each([
    ['a subcommand beside a plain option', { name: 'bad', description: 'x', options: [{ type: 1, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b' }] }],
    ['a plain option inside a group', { name: 'bad', description: 'x', options: [{ type: 2, name: 'g', description: 'g', options: [{ type: 3, name: 'b', description: 'b' }] }] }],
    ['a group inside a subcommand', { name: 'bad', description: 'x', options: [{ type: 1, name: 's', description: 's', options: [{ type: 2, name: 'g', description: 'g' }] }] }],
  ])('refuses %s with 50035', async (_what, command) => {
    await expect(rest.put(Routes.applicationGuildCommands(APPLICATION_ID, GUILD_ID), { body: [library, command] })).rejects.toMatchObject({ status: 400, code: 50035 });
  });
});

describe('loopback discord: attachments', () => {
  it('delivers an attachment option resolved, and serves its bytes at its url', async () => {
    await rest.put(Routes.applicationGuildCommands(APPLICATION_ID, GUILD_ID), { body: [library] });
    const attachment = discord.addAttachment({ filename: 'notes.md', data: '# Notes\n\nHello.\n' });
    const payload = discord.slashCommand({ name: 'library', subcommandGroup: 'shelf', subcommand: 'add', options: { file: attachment.id, name: 'Shelf notes' } });
    const arrived = nextInteraction(payload.id);
    discord.dispatch('INTERACTION_CREATE', payload);
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.options.getSubcommandGroup()).toBe('shelf');
    expect(interaction.options.getSubcommand()).toBe('add');
    expect(interaction.options.getString('name')).toBe('Shelf notes');
    const file = interaction.options.getAttachment('file', true);
    expect({ name: file.name, size: file.size, contentType: file.contentType }).toEqual({ name: 'notes.md', size: 16, contentType: 'text/markdown; charset=utf-8' });
    expect(file.url.startsWith(discord.baseUrl)).toBe(true);
    const response = await fetch(file.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('# Notes\n\nHello.\n');
    expect(discord.attachmentDownloads.at(-1)).toMatchObject({ attachmentId: attachment.id, status: 200, bytesSent: 16 });
    expect(discord.unhandledRequests).toEqual([]);
  });

  it('fails downloads on request: an error status, or a connection dropped mid-body; and may lie about the size', async () => {
    const failing = discord.addAttachment({ filename: 'a.txt', data: 'x', status: 500 });
    expect((await fetch(failing.url)).status).toBe(500);
    const dropped = discord.addAttachment({ filename: 'b.txt', data: Buffer.alloc(300_000, 0x61), dropAfterBytes: 100_000 });
    const response = await fetch(dropped.url);
    await expect(response.arrayBuffer()).rejects.toThrow();
    const liar = discord.addAttachment({ filename: 'c.txt', data: Buffer.alloc(5000, 0x61), declaredSize: 10 });
    expect(liar.size).toBe(10);
    expect((await (await fetch(liar.url)).arrayBuffer()).byteLength).toBe(5000);
    expect((await fetch(`${discord.baseUrl}/attachments/1/2/none.txt`)).status).toBe(404);
  });
});
