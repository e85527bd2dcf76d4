import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, Harness, offlineModel, tempStore } from './harness.js';

// Smoke test: `@Troupe fork "…"` in a Teams reply chain reaches the shared grammar and opens a fork
// chain (real Teams SDK, fake connector).

const TENANT = 'teams:tenant-a';

describe('Teams: fork in a reply chain (offline model)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store, model: offlineModel() });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('forks the chain into a new chain seeded from the parent, whose header names the parent and the change', async () => {
    await harness.mention('panel create 3 US parents of toddlers');
    await harness.idle();
    await harness.mention('Would you buy the Saffron meal kit at $9 a month?');
    await harness.idle();
    const chain = (await harness.store.getValue(TENANT, `thread:last:${CHANNEL}`)) as string;
    await harness.mention('fork "Would you buy the Saffron meal kit at $12 a month?"', { thread: chain });
    await harness.idle();
    const world = (await harness.store.getWorld(TENANT, CHANNEL))!;
    const [fork] = await harness.store.listForks(TENANT, world.id);
    expect(fork).toMatchObject({
      parentThreadKey: chain,
      stimulus: 'Would you buy the Saffron meal kit at $12 a month?',
    });
    expect(fork.threadKey).toBeDefined();
    expect(fork.threadKey).not.toBe(chain);
    const created = harness.connector.accepted('create-conversation').map((call) => JSON.stringify(call.body.activity));
    expect(created.some((text) => text.includes('Fork of the thread'))).toBe(true);
  });
});
