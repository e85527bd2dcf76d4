import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryDeduper } from '../../adapters/shared/delivery-dedupe.js';
import { EXPIRY, purgeExpired } from '../../commands/jobs/expiry.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import type { Store } from '../../engine/store/ports.js';
import { openStore } from '../../prisma/index.js';

const root = await mkdtemp(path.join(tmpdir(), 'troupe-expiry-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const stores: [string, () => Promise<Store>][] = [
  ['MemoryStore', async () => new MemoryStore()],
  ['PrismaStore (SQLite)', () => openStore({ databaseUrl: `file:${path.join(root, 'expiry.db')}` })],
];

describe.each(stores)('expiry of short-lived rows (defect 12): %s', (_label, open) => {
  it('claims a key once: a fresh row is the answer, a row older than the window is taken over', async () => {
    const store = await open();
    try {
      const now = Date.now();
      expect(await store.claimValue('T1', 'claim:k', { jobId: 'a' }, new Date(now - 5_000))).toBeUndefined();
      const [second, third] = await Promise.all([
        store.claimValue('T1', 'claim:k', { jobId: 'b' }, new Date(now - 5_000)),
        store.claimValue('T1', 'claim:k', { jobId: 'c' }, new Date(now - 5_000)),
      ]);
      expect([second, third]).toEqual([{ jobId: 'a' }, { jobId: 'a' }]);
      expect(await store.claimValue('T2', 'claim:k', { jobId: 'd' }, new Date(now - 5_000))).toBeUndefined();
      // Past the window (since is later than the row): the claim goes to the new caller.
      expect(await store.claimValue('T1', 'claim:k', { jobId: 'e' }, new Date(now + 60_000))).toBeUndefined();
      expect(await store.getValue('T1', 'claim:k')).toEqual({ jobId: 'e' });
    } finally {
      await store.close();
    }
  });

  it('deletes event-dedupe keys, pending confirmations and LLM cache rows past their time to live, and nothing else', async () => {
    const store = await open();
    try {
      await store.setValue('T1', 'delivery:slack:Ev1', { at: 'x' });
      await store.setValue('T2', 'confirm:abc', { kind: 'poll' });
      await store.setValue('T1', 'thread:last:C1', 't1');
      await store.claimValue('T1', 'submit:abc', { jobId: 'j1' }, new Date(0));
      await store.putCached('k1', 'v1');
      expect(await purgeExpired(store)).toEqual({ deliveries: 0, confirms: 0, submits: 0, llmCache: 0 });
      expect(await store.getValue('T1', 'delivery:slack:Ev1')).toBeDefined();
      const later = Date.now() + EXPIRY.llmCacheTtlMs + 1000;
      expect(await purgeExpired(store, later)).toEqual({ deliveries: 1, confirms: 1, submits: 1, llmCache: 1 });
      expect(await store.getValue('T1', 'submit:abc')).toBeUndefined();
      expect(await store.getValue('T1', 'delivery:slack:Ev1')).toBeUndefined();
      expect(await store.getValue('T2', 'confirm:abc')).toBeUndefined();
      expect(await store.getCached('k1')).toBeUndefined();
      expect(await store.getValue('T1', 'thread:last:C1')).toBe('t1');
    } finally {
      await store.close();
    }
  });
});

describe('delivery dedupe records of every platform expire alike', () => {
  it('a Slack event, a Teams activity and a Discord interaction claimed once are all purged after their time to live', async () => {
    const store = new MemoryStore();
    const claims = [
      [new DeliveryDeduper(store, 'slack'), 'slack:T1', 'Ev1'],
      [new DeliveryDeduper(store, 'teams'), 'teams:T1', 'conv|act1'],
      [new DeliveryDeduper(store, 'discord'), 'discord:G1', 'interaction:1'],
    ] as const;
    for (const [dedupe, tenant, id] of claims) {
      expect(await dedupe.claim(tenant, id)).toBe(true);
      expect(await dedupe.claim(tenant, id)).toBe(false);
    }
    const later = Date.now() + EXPIRY.deliveries.ttlMs + 1000;
    expect((await purgeExpired(store, later)).deliveries).toBe(3);
    for (const [dedupe, tenant, id] of claims) expect(await store.getValue(tenant, dedupe.keyOf(id))).toBeUndefined();
  });
});
