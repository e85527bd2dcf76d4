import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedPolls } from '../../../commands/extraction/channel-data.js';
import { tallyText } from '../../../commands/extraction/poll-report.js';
import { CommandService } from '../../../commands/service.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import type { Store } from '../../../engine/store/ports.js';
import { createPrismaClient, tuneSqlite } from '../../../prisma/db.js';
import { openStore, PrismaStore } from '../../../prisma/index.js';
import { CONVERSATION } from '../harness.js';
import { dyingStore, FindingSink, VaryingModel } from './crash-fixtures.js';

const limits = { maxPanelSize: 50, maxConcurrentJobs: 3 };
let root: string;
let template: string;

/**
 * The varying model, whose yes/no poll answers also depend on the process: "yes" before the
 * crash, "no" after the restart. A poll that asks again after a restart then stores a tally
 * different from the one people read.
 */
class VaryingPollModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  private readonly talk: VaryingModel;

  constructor(
    inner: LanguageModel,
    private readonly run: 'before the crash' | 'after the restart',
  ) {
    this.talk = new VaryingModel(inner, run);
    this.name = inner.name;
    this.offline = inner.offline;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const result = await this.talk.complete(request);
    if (request.task !== 'poll.answer') return result;
    const answer = this.run === 'before the crash' ? 'yes' : 'no';
    return { ...result, value: { ...(result.value as object), answer } as T };
  }
}

const model = (run: 'before the crash' | 'after the restart') =>
  new VaryingPollModel(new OfflineModel({ responders: allOfflineResponders() }), run);

async function openCopy(name: string): Promise<Store> {
  const file = path.join(root, `${name}.db`);
  await copyFile(template, file);
  const db = createPrismaClient(`file:${file}`);
  await tuneSqlite(db);
  return new PrismaStore(db);
}

/** One process that runs `command` on `store`, killed at its k-th store call (never, when k is Infinity). */
async function runUntilKilled(store: Store, sink: FindingSink, command: string, k: number) {
  const dying = dyingStore(store, k);
  const service = new CommandService({ store: dying.store, model: model('before the crash'), sink, limits });
  const finished = (async () => {
    await service.handle(CONVERSATION, command);
    await service.whenIdle();
  })();
  await Promise.race([finished, dying.crashed]);
  return { calls: dying.calls(), methods: dying.methods };
}

/** What the platform shows and what the store holds, in the same terms, for one kind of job. */
interface Case {
  command: string;
  kind: string;
  /** What people read (from the fake platform). */
  shown(platform: FindingSink): string[];
  /** What `/summarize`, `/export` and `/poll compare` will read (from the store), oldest first. */
  stored(store: Store): Promise<string[]>;
}

const brainstorm: Case = {
  command: '/brainstorm "features for a grocery app" --rounds 2',
  kind: 'brainstorm',
  shown: (platform) => platform.answers(),
  async stored(store) {
    const world = (await store.getWorld(CONVERSATION.tenantId, CONVERSATION.channelKey))!;
    return (await store.listEvents(CONVERSATION.tenantId, world.id))
      .filter((event) => event.type === 'TALK' && event.agent !== 'facilitator')
      .map((event) => `${event.agent}: ${event.content}`);
  },
};

const poll: Case = {
  command: '/poll yesno "Would you pay $5 a month for delivery?"',
  kind: 'poll',
  shown: (platform) =>
    platform.posts
      .filter((entry) => entry.reply.idempotencyKey?.endsWith(':tally'))
      .map((entry) => (entry.reply as { text: string }).text),
  async stored(store) {
    const polls = await savedPolls(store, CONVERSATION).list(undefined, true);
    return polls.map((saved) => tallyText(saved.results).text);
  },
};

describe.each([
  ['a brainstorm', brainstorm],
  ['a poll', poll],
])('a crash at every store call of %s (defects 4, 8 and 12)', (_label, job) => {
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
    await service.handle(CONVERSATION, '/panel ask "How do you buy groceries today?"');
    await service.whenIdle();
    await store.close();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('ends, for every k, with the platform showing exactly what the store holds, each once', async () => {
    const baseline = await openCopy('baseline');
    const before = await job.stored(baseline);
    const sink = new FindingSink();
    const { calls: total, methods } = await runUntilKilled(baseline, sink, job.command, Number.POSITIVE_INFINITY);
    const jobRecordedAt = methods.indexOf('createJob') + 1;
    expect(jobRecordedAt).toBeGreaterThan(0);
    // A complete run: what it shows is what it stored.
    const complete = job.shown(sink).length;
    expect(complete).toBeGreaterThan(0);
    expect((await job.stored(baseline)).slice(before.length).sort()).toEqual([...job.shown(sink)].sort());
    await baseline.close();
    expect(total).toBeGreaterThan(10);

    for (let k = 1; k <= total; k++) {
      const store = await openCopy(`k${k}`);
      const platform = new FindingSink();
      await runUntilKilled(store, platform, job.command, k);
      const restarted = new CommandService({ store, model: model('after the restart'), sink: platform, limits });
      await restarted.recoverJobs();
      await restarted.whenIdle();
      const record = (await store.listJobs(CONVERSATION.tenantId, 10)).find((entry) => entry.kind === job.kind);
      const keys = platform.posts
        .map((entry) => entry.reply.idempotencyKey)
        .filter((key) => !key?.endsWith(':progress'));
      expect({ k, duplicates: keys.length - new Set(keys).size }).toEqual({ k, duplicates: 0 });
      const stored = (await job.stored(store)).slice(before.length);
      expect({ k, shown: [...job.shown(platform)].sort() }).toEqual({ k, shown: [...stored].sort() });
      expect({ k, shown: job.shown(platform).length, status: record?.status }).toEqual(
        k > jobRecordedAt ? { k, shown: complete, status: 'succeeded' } : { k, shown: 0, status: undefined },
      );
      await store.close();
    }
  }, 300_000);
});
