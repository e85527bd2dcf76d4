import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileLinks } from '../../../adapters/teams/file-links.js';
import type { Store } from '../../../engine/store/ports.js';
import { tempStore } from './harness.js';

describe('expiring, unguessable file links', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let now = 1_000_000;
  let links: FileLinks;
  const bytes = Buffer.from('# Export\nsynthetic panel');

  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    for (const id of ['teams:a', 'teams:b']) await store.ensureTenant({ id, platform: 'teams' });
    links = new FileLinks(store, 'https://troupe.example.com/', 3600_000, () => now);
  });
  afterAll(async () => cleanup?.());

  const tokenOf = (url: string) => /\/files\/[^/]+\/([^/]+)\//.exec(url)![1];

  it('opens with its token for its tenant until it expires, then never again', async () => {
    const url = await links.publish('teams:a', { filename: 'panel.md', mimeType: 'text/markdown', bytes });
    expect(url).toMatch(/^https:\/\/troupe\.example\.com\/files\/teams%3Aa\/[A-Za-z0-9_-]{43}\/panel\.md$/);
    const token = tokenOf(url);
    expect((await links.open('teams:a', token))?.bytes.toString()).toBe(bytes.toString());
    expect(await links.open('teams:b', token)).toBeUndefined();
    now += 3600_000 - 1;
    expect(await links.open('teams:a', token)).toBeDefined();
    now += 1;
    expect(await links.open('teams:a', token)).toBeUndefined();
    now -= 10;
    expect(await links.open('teams:a', token)).toBeUndefined();
  });

  it('two publications of the same file get different tokens, and the token is not stored', async () => {
    const first = tokenOf(await links.publish('teams:a', { filename: 'x.csv', mimeType: 'text/csv', bytes }));
    const second = tokenOf(await links.publish('teams:a', { filename: 'x.csv', mimeType: 'text/csv', bytes }));
    expect(first).not.toBe(second);
    expect(await store.getValue('teams:a', `teams:file:${first}`)).toBeUndefined();
    expect(await links.open('teams:a', 'short')).toBeUndefined();
  });
});
