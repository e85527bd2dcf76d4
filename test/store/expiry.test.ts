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
  it('deletes event-dedupe keys, pending confirmations and LLM cache rows past their time to live, and nothing else', async () => {
    const store = await open();
    try {
      await store.setValue('T1', 'delivery:slack:Ev1', { at: 'x' });
      await store.setValue('T2', 'confirm:abc', { kind: 'poll' });
      await store.setValue('T1', 'thread:last:C1', 't1');
      await store.putCached('k1', 'v1');
      expect(await purgeExpired(store)).toEqual({ deliveries: 0, confirms: 0, llmCache: 0 });
      expect(await store.getValue('T1', 'delivery:slack:Ev1')).toBeDefined();
      const later = Date.now() + EXPIRY.llmCacheTtlMs + 1000;
      expect(await purgeExpired(store, later)).toEqual({ deliveries: 1, confirms: 1, llmCache: 1 });
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
