import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../commands/reply.js';
import { CommandService } from '../../../commands/service.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import type { Store } from '../../../engine/store/ports.js';
import { createPrismaClient, tuneSqlite } from '../../../prisma/db.js';
import { openStore, PrismaStore } from '../../../prisma/index.js';
import { CONVERSATION } from '../harness.js';
import { dyingStore, FindingSink } from '../state/crash-fixtures.js';

// An /experiment killed part-way and resumed by the next process: the arms' turns and poll answers
// committed (or posted) before the crash are neither asked of the model again nor posted twice.

const limits = { maxPanelSize: 50, maxConcurrentJobs: 3 };
const COMMAND = `/experiment "Would you subscribe at $9 a month?" "Would you subscribe at $12 a month?" --poll 'yesno "Would you subscribe?"' --seed 3`;
let root: string;
let template: string;
let thread: Conversation;

/** The offline model, counting its calls by task. */
class CountingModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly calls = new Map<string, number>();
  private readonly inner = new OfflineModel({ responders: allOfflineResponders() });

  constructor() {
    this.name = this.inner.name;
    this.offline = this.inner.offline;
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls.set(request.task, (this.calls.get(request.task) ?? 0) + 1);
    return this.inner.complete(request);
  }

  count(task: string): number {
    return this.calls.get(task) ?? 0;
  }
}

async function openCopy(name: string): Promise<Store> {
  const file = path.join(root, `${name}.db`);
  await copyFile(template, file);
  const db = createPrismaClient(`file:${file}`);
  await tuneSqlite(db);
  return new PrismaStore(db);
}

/** One process that runs the experiment on `store`, killed at its k-th store call (never, when k is Infinity). */
async function runUntilKilled(store: Store, sink: FindingSink, model: LanguageModel, k: number) {
  const dying = dyingStore(store, k);
  const service = new CommandService({ store: dying.store, model, sink, limits });
  const finished = (async () => {
    await service.handle(thread, COMMAND);
    await service.whenIdle();
  })();
  await Promise.race([finished, dying.crashed]);
  return { calls: dying.calls(), methods: dying.methods };
}

/** The arms' persona answers and poll tallies as the platform shows them, by arm thread. */
async function armsShown(store: Store, platform: FindingSink) {
  const world = (await store.getWorld(CONVERSATION.tenantId, CONVERSATION.channelKey))!;
  const arms = (await store.listForks(CONVERSATION.tenantId, world.id)).filter((fork) => fork.label);
  return arms.map((arm) => {
    const inArm = platform.posts.filter((entry) => entry.conversation.threadKey === arm.threadKey);
    return {
      size: arm.personaIds?.length ?? 0,
      answers: inArm.filter((entry) => entry.reply.speaker?.kind === 'persona').length,
      tallied: inArm.some((entry) => entry.reply.idempotencyKey?.endsWith(':tally')),
    };
  });
}

describe('/experiment resumed after a crash', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'troupe-experiment-resume-'));
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
    await service.handle(CONVERSATION, '/panel ask "Would you buy the Saffron meal kit at $9 a month?"');
    await service.whenIdle();
    const threadKey = (await store.getValue(CONVERSATION.tenantId, `thread:last:${CONVERSATION.channelKey}`)) as string;
    thread = { ...CONVERSATION, threadKey };
    await store.close();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('asks and posts nothing twice, whichever commit or post it was killed after', async () => {
    const baseline = await openCopy('baseline');
    const model = new CountingModel();
    const { methods } = await runUntilKilled(baseline, new FindingSink(), model, Number.POSITIVE_INFINITY);
    const fullActs = model.count('agent.act');
    const fullPollAnswers = model.count('poll.answer');
    expect(fullActs).toBe(3);
    expect(fullPollAnswers).toBe(3);
    await baseline.close();
    // Killed at the store call right after each step commit and each recorded post of the arms.
    const firstFork = methods.indexOf('forkWorld');
    const killsAfter = (wanted: string) =>
      methods.flatMap((method, index) => (index > firstFork && method === wanted ? [index + 2] : []));
    const commits = killsAfter('commitStep');
    const posts = killsAfter('recordPost');
    const chosen = [...new Set([...commits, ...posts.filter((_, i) => i % 3 === 1), posts.at(-1)!])].sort(
      (a, b) => a - b,
    );
    expect(commits).toHaveLength(2);
    expect(chosen.length).toBeGreaterThan(5);

    for (const k of chosen) {
      const store = await openCopy(`k${k}`);
      const platform = new FindingSink();
      await runUntilKilled(store, platform, new CountingModel(), k);
      const before = await armsShown(store, platform);
      const answered = before.reduce((sum, arm) => sum + arm.answers, 0);
      const polled = before.filter((arm) => arm.tallied).reduce((sum, arm) => sum + arm.size, 0);
      const restartedModel = new CountingModel();
      const restarted = new CommandService({ store, model: restartedModel, sink: platform, limits });
      await restarted.recoverJobs();
      await restarted.whenIdle();
      const keys = platform.posts
        .map((entry) => entry.reply.idempotencyKey)
        .filter((key) => !key?.endsWith(':progress'));
      expect({ k, duplicates: keys.length - new Set(keys).size }).toEqual({ k, duplicates: 0 });
      // Turns already posted (or committed) before the crash are never asked again.
      expect({ k, acts: restartedModel.count('agent.act') }).toEqual({ k, acts: fullActs - answered });
      expect({ k, polls: restartedModel.count('poll.answer') <= fullPollAnswers - polled }).toEqual({ k, polls: true });
      const done = await armsShown(store, platform);
      expect({ k, done }).toEqual({
        k,
        done: [
          { size: 2, answers: 2, tallied: true },
          { size: 1, answers: 1, tallied: true },
        ],
      });
      const record = (await store.listJobs(CONVERSATION.tenantId, 10)).find((job) => job.kind === 'experiment');
      expect({ k, status: record?.status }).toEqual({ k, status: 'succeeded' });
      expect(
        platform
          .texts((entry) => entry.conversation.threadKey === thread.threadKey)
          .filter((text) => text.startsWith('Diff: arm A')),
      ).toHaveLength(1);
      await store.close();
    }
  }, 300_000);
});
