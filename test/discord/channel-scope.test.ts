// Scope resolution without Discord: the most specific place wins (thread → channel → category),
// /scope beats CHANNEL_COLLECTIONS on the same place, and the /scope helpers' wording and limits.
import { describe, expect, it } from 'vitest';
import { resolveScope, scopeChain, storedCollections } from '../../src/discord/channel-scope.js';
import { collectionChoices } from '../../src/discord/commands/scope.js';
import { findLimitViolations } from '../../src/discord/limits.js';
import { renderScopeOverview, searchedLine, unknownCollectionsText } from '../../src/discord/render/scope.js';

const CATEGORY = '100000000000000001';
const CHANNEL = '100000000000000002';
const THREAD = '100000000000000003';
const thread = { id: THREAD, parentId: CHANNEL, parent: { parentId: CATEGORY } };
const channel = { id: CHANNEL, parentId: CATEGORY, parent: { parentId: null } };

function lookup(stored: Record<string, string[]>): (id: string) => Promise<string[] | undefined> {
  return (id) => Promise.resolve(stored[id]);
}

describe('channel scope resolution', () => {
  it('lists a thread’s places most specific first, and a channel’s', () => {
    expect(scopeChain(thread)).toEqual([THREAD, CHANNEL, CATEGORY]);
    expect(scopeChain(channel)).toEqual([CHANNEL, CATEGORY]);
    expect(scopeChain({ id: CHANNEL, parentId: null })).toEqual([CHANNEL]);
  });

  it('lets a thread inherit from its channel, and the channel from its category', async () => {
    const onCategory = lookup({ [CATEGORY]: ['policies'] });
    expect(await resolveScope(scopeChain(thread), onCategory, {})).toEqual({ collections: ['policies'], setOn: CATEGORY, source: 'command' });
    const onChannel = lookup({ [CATEGORY]: ['policies'], [CHANNEL]: ['handbook'] });
    expect(await resolveScope(scopeChain(thread), onChannel, {})).toEqual({ collections: ['handbook'], setOn: CHANNEL, source: 'command' });
    const onThread = lookup({ [CATEGORY]: ['policies'], [CHANNEL]: ['handbook'], [THREAD]: ['faq'] });
    expect(await resolveScope(scopeChain(thread), onThread, {})).toEqual({ collections: ['faq'], setOn: THREAD, source: 'command' });
    expect(await resolveScope(scopeChain(channel), onThread, {})).toEqual({ collections: ['handbook'], setOn: CHANNEL, source: 'command' });
  });

  it('uses CHANNEL_COLLECTIONS where /scope set nothing, and /scope where both are set on one place', async () => {
    const environment = { [CHANNEL]: ['faq'], [CATEGORY]: ['handbook'] };
    expect(await resolveScope(scopeChain(thread), lookup({}), environment)).toEqual({ collections: ['faq'], setOn: CHANNEL, source: 'environment' });
    expect(await resolveScope(scopeChain(thread), lookup({ [CHANNEL]: ['policies'] }), environment)).toMatchObject({ collections: ['policies'], source: 'command' });
    // The more specific place wins whatever set it: the channel's environment scope over the category's /scope.
    expect(await resolveScope(scopeChain(channel), lookup({ [CATEGORY]: ['policies'] }), environment)).toMatchObject({ collections: ['faq'], source: 'environment' });
    expect(await resolveScope(scopeChain({ id: '100000000000000009', parentId: null }), lookup({}), environment)).toBeUndefined();
  });

  it('reads back only lists of names as stored scopes', () => {
    expect(storedCollections(['handbook', 'faq'])).toEqual(['handbook', 'faq']);
    expect(storedCollections([])).toBeUndefined();
    expect(storedCollections('handbook')).toBeUndefined();
    expect(storedCollections({ folder: 'x' })).toBeUndefined();
    expect(storedCollections(undefined)).toBeUndefined();
  });
});

describe('/scope wording', () => {
  it('completes the last name of a comma list, never repeating one', () => {
    const existing = ['faq', 'handbook', 'policies'];
    expect(collectionChoices(existing, '').map((c) => c.value)).toEqual(existing);
    expect(collectionChoices(existing, 'handbook, p').map((c) => c.value)).toEqual(['handbook, policies']);
    expect(collectionChoices(existing, 'handbook,').map((c) => c.value)).toEqual(['handbook, faq', 'handbook, policies']);
    expect(collectionChoices(existing, 'zzz')).toEqual([]);
  });

  it('names unknown collections and the existing ones in one line', () => {
    expect(unknownCollectionsText(['hanbook'], ['faq', 'handbook'])).toBe('No collection is called “hanbook”. Collections: faq, handbook.');
    expect(unknownCollectionsText(['a', 'b'], [])).toMatch(/^“a, b”: the documents have no collections yet/);
    expect(unknownCollectionsText(['x'], ['a'])).not.toContain('\n');
  });

  it('keeps the Searched line and the overview within Discord’s limits however many names', () => {
    const many = Array.from({ length: 200 }, (_, i) => `collection-with-a-long-name-${i}`);
    expect(searchedLine(undefined)).toBeUndefined();
    expect(searchedLine(['handbook', 'policies'])).toBe('Searched: handbook, policies');
    expect(searchedLine(many)?.length).toBeLessThanOrEqual(200);
    const scoped = many.map((name, i) => ({ collections: many, setOn: `1000000000000${String(i).padStart(5, '0')}`, source: 'command' as const }));
    expect(findLimitViolations(renderScopeOverview('here', scoped, many))).toEqual([]);
  });
});
