import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandService } from '../../../commands/service.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import type { Store } from '../../../engine/store/ports.js';
import { createPrismaClient, tuneSqlite } from '../../../prisma/db.js';
import { openStore, PrismaStore } from '../../../prisma/index.js';
import { CONVERSATION } from '../harness.js';
import { dyingStore, FindingSink, VaryingModel } from './crash-fixtures.js';

const limits = { maxPanelSize: 50, maxConcurrentJobs: 3 };
const ASK = '/panel ask "Would you pay for grocery delivery?"';
let root: string;
let template: string;

async function openCopy(name: string): Promise<Store> {
  const file = path.join(root, `${name}.db`);
  await copyFile(template, file);
  const db = createPrismaClient(`file:${file}`);
  await tuneSqlite(db);
  return new PrismaStore(db);
}

/** The persona answers the store holds for the channel, as `speaker: text`. */
async function storedAnswers(store: Store): Promise<string[]> {
  const world = (await store.getWorld(CONVERSATION.tenantId, CONVERSATION.channelKey))!;
  return (await store.listEvents(CONVERSATION.tenantId, world.id))
    .filter((event) => event.type === 'TALK' && event.agent !== 'facilitator')
    .map((event) => `${event.agent}: ${event.content}`);
}

/** One process that runs the ask on `store`, killed at its k-th store call (never, when k is Infinity). */
async function runUntilKilled(store: Store, sink: FindingSink, k: number) {
  const dying = dyingStore(store, k);
  const model = new VaryingModel(new OfflineModel({ responders: allOfflineResponders() }), 'before the crash');
  const service = new CommandService({ store: dying.store, model, sink, limits });
  const finished = (async () => {
    await service.handle(CONVERSATION, ASK);
    await service.whenIdle();
  })();
  await Promise.race([finished, dying.crashed]);
  return { calls: dying.calls(), methods: dying.methods };
}

describe('a crash at every store call of an ask (defects 4 and 8)', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'troupe-crash-'));
    template = path.join(root, 'template.db');
    const store = await openStore({ databaseUrl: `file:${template}` });
    const service = new CommandService({
      store,
      model: new OfflineModel({ responders: allOfflineResponders() }),
      sink: new FindingSink(),
      limits,
    });
    await service.handle(CONVERSATION, '/panel create 3 US parents --name parents');
    await service.whenIdle();
    await store.close();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('ends, for every k, with the platform showing exactly the stored answers, each persona once', async () => {
    const baseline = await openCopy('baseline');
    const sink = new FindingSink();
    const { calls: total, methods } = await runUntilKilled(baseline, sink, Number.POSITIVE_INFINITY);
    // Killed at or before this call, the job was never recorded: nothing runs, nothing is posted.
    const jobRecordedAt = methods.indexOf('createJob') + 1;
    expect(jobRecordedAt).toBeGreaterThan(0);
    expect(sink.answers()).toHaveLength(3);
    await baseline.close();
    expect(total).toBeGreaterThan(10);

    for (let k = 1; k <= total; k++) {
      const store = await openCopy(`k${k}`);
      const platform = new FindingSink();
      await runUntilKilled(store, platform, k);
      const restarted = new CommandService({
        store,
        model: new VaryingModel(new OfflineModel({ responders: allOfflineResponders() }), 'after the restart'),
        sink: platform,
        limits,
      });
      await restarted.recoverJobs();
      await restarted.whenIdle();
      const jobs = await store.listJobs(CONVERSATION.tenantId, 10);
      const ask = jobs.find((job) => job.kind === 'panel.ask');
      const keys = platform.posts
        .map((entry) => entry.reply.idempotencyKey)
        .filter((key) => !key?.endsWith(':progress'));
      expect({ k, duplicates: keys.length - new Set(keys).size }).toEqual({ k, duplicates: 0 });
      expect({ k, posted: [...platform.answers()].sort() }).toEqual({
        k,
        posted: [...(await storedAnswers(store))].sort(),
      });
      expect({ k, answers: platform.answers().length, status: ask?.status }).toEqual(
        k > jobRecordedAt ? { k, answers: 3, status: 'succeeded' } : { k, answers: 0, status: undefined },
      );
      await store.close();
    }
  }, 120_000);
});
