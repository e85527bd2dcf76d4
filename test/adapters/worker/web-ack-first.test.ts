import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../../adapters/worker/pg-boss-queue.js';
import type { Store } from '../../../engine/store/ports.js';
import { openStore } from '../../../prisma/index.js';
import { Harness } from '../slack/harness.js';
import { type TestPostgres, testPostgres } from '../../support/postgres.js';

// The web role's slash-command path acknowledges before it writes anything: with every store write held,
// Slack still gets its 200; once writes flow, the command's job is recorded and enqueued.

const READS = /^(get|list|find|summarize|postBy|ping|close|then)/;

/** The store with every write held until `release()`; `writes` names the writes asked for, in order. */
function holdingWrites(store: Store) {
  let release: () => void = () => undefined;
  let held: Promise<void> = Promise.resolve();
  const writes: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || READS.test(property)) return value;
      return async (...args: unknown[]) => {
        writes.push(property);
        await held;
        return value.apply(target, args);
      };
    },
  });
  return {
    store: proxy,
    writes,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

let postgres: TestPostgres;
let real: Store;
let queue: PgBossQueue;
let harness: Harness;
let gate: ReturnType<typeof holdingWrites>;

beforeAll(async () => {
  postgres = await testPostgres();
  const databaseUrl = await postgres.createDatabase();
  real = await openStore({ databaseUrl });
  queue = await PgBossQueue.open({ url: databaseUrl, flags: real, concurrency: 1, tenantLimit: 3 });
  gate = holdingWrites(real);
  harness = await Harness.start({
    store: gate.store,
    overrides: { serviceOptions: { jobQueue: { queue, role: 'web' } } },
  });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await queue?.close();
  await real?.close();
  await postgres?.stop();
});

describe('TROUPE_ROLE=web on Slack', () => {
  it('acknowledges a slash command that becomes a job before any database write', async () => {
    gate.hold();
    const before = gate.writes.length;
    const response = await harness.command('/panel', 'create 3 US parents --name ackfirst');
    expect(response.status).toBe(200);
    // The handling after the ack has begun and is waiting on its first write.
    for (let waited = 0; gate.writes.length === before && waited < 10_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gate.writes.length).toBeGreaterThan(before);
    expect(await real.listJobsByStatus(['queued', 'running'])).toEqual([]);

    gate.release();
    await harness.idle();
    const jobs = await real.listJobsByStatus(['queued']);
    expect(jobs.map((job) => job.kind)).toEqual(['panel.create']);
  }, 60_000);
});
