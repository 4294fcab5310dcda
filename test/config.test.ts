// The settings this project added for a corpus that keeps itself current and for uploads: their
// defaults, and one clear message for a bad value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration: watching and uploads', () => {
  it('defaults: the watcher on, no manager roles, 25 MB uploads', () => {
    const config = loadConfig({});
    expect(config.watchCorpus).toBe(true);
    expect(config.discord.documentManagerRoleIds).toEqual([]);
    expect(config.discord.maxUploadBytes).toBe(25 * 2 ** 20);
  });

  it('reads the values given', () => {
    const config = loadConfig({ WATCH_CORPUS: 'false', DOCUMENT_MANAGER_ROLE_IDS: '123456789012345678, 223456789012345678', MAX_UPLOAD_MB: '5' });
    expect(config.watchCorpus).toBe(false);
    expect(config.discord.documentManagerRoleIds).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.discord.maxUploadBytes).toBe(5 * 2 ** 20);
  });

  it('names every bad value in one message', () => {
    const bad = () => loadConfig({ WATCH_CORPUS: 'sometimes', DOCUMENT_MANAGER_ROLE_IDS: 'librarians', MAX_UPLOAD_MB: '500' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/WATCH_CORPUS/);
      expect(message).toMatch(/DOCUMENT_MANAGER_ROLE_IDS.*: must be Discord ids \(snowflakes\)/);
      expect(message).toMatch(/MAX_UPLOAD_MB: .*100/);
    }
  });
});

describe('configuration: CHANNEL_COLLECTIONS', () => {
  it('defaults to no scoped channels', () => {
    expect(loadConfig({}).discord.channelCollections).toEqual({});
    expect(loadConfig({ CHANNEL_COLLECTIONS: '' }).discord.channelCollections).toEqual({});
  });

  it('reads channel or category ids with their collections, names cleaned and sorted', () => {
    const config = loadConfig({ CHANNEL_COLLECTIONS: ' 123456789012345678 = policies, handbook/ ;223456789012345678=faq; ' });
    expect(config.discord.channelCollections).toEqual({ '123456789012345678': ['handbook', 'policies'], '223456789012345678': ['faq'] });
  });

  it.each([
    ['not an id', 'general=faq'],
    ['no collections', '123456789012345678='],
    ['only slashes', '123456789012345678=/,/'],
    ['two equals signs', '123456789012345678=faq=handbook'],
    ['no equals sign', '123456789012345678'],
  ])('refuses %s with one line naming the variable and the form', (_what, value) => {
    expect(() => loadConfig({ CHANNEL_COLLECTIONS: value })).toThrow(ConfigError);
    try {
      loadConfig({ CHANNEL_COLLECTIONS: value });
    } catch (error) {
      const lines = (error as Error).message.split('\n').filter((line) => line.includes('CHANNEL_COLLECTIONS'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('must be channel-or-category-id=collection,collection');
      expect((error as Error).message).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses an id listed twice', () => {
    expect(() => loadConfig({ CHANNEL_COLLECTIONS: '123456789012345678=faq;123456789012345678=handbook' })).toThrow(/123456789012345678 is listed twice/);
  });
});

describe('configuration: DATABASE_URL', () => {
  it('unset or empty: the state stays in SQLite; a postgres:// URL moves it', () => {
    expect(loadConfig({}).stateDatabaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '  ' }).stateDatabaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgresql://bot:pw@db:5432/footnote' }).stateDatabaseUrl).toBe('postgresql://bot:pw@db:5432/footnote');
  });

  it('anything else is one clear line', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/footnote' })).toThrow(/DATABASE_URL: must be postgres:\/\/user:password@host:port\/database/);
  });
});
