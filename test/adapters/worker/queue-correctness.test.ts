import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueIdOf } from '../../../adapters/worker/pg-boss-queue.js';
import type { JobQueue, QueuedJob } from '../../../commands/jobs/job-queue.js';
import { OpenAICompatibleModel } from '../../../engine/llm/openai-compatible-model.js';
import type { JobRecord, Store } from '../../../engine/store/ports.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';
import { FakeSlack } from '../../fakes/slack-server.js';
import { type TestPostgres, testPostgres } from '../../support/postgres.js';
import { probeJob } from '../../support/probe-job.js';
import { type QueueApp, queueApp, receivedKeys } from './queue-app.js';

// The queue path's correctness on a real PostgreSQL with real pg-boss: the outbox (a job recorded but
// never enqueued still runs, once), a job whose deliveries all die (failed visibly, its lane moves on),
// and whether a channel has a pending job, answered alike by two apps sharing the database.

let postgres: TestPostgres;
let slack: FakeSlack;
let model: FakeOpenAIServer;
const apps: QueueApp[] = [];

beforeAll(async () => {
  postgres = await testPostgres();
  slack = await FakeSlack.start();
  model = await startFakeOpenAIServer({ latencyMs: 20, respond: () => ({ kind: 'json', value: { answer: 'ok' } }) });
}, 120_000);
afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await slack?.stop();
  await model?.close();
  await postgres?.stop();
});

const probe = () => probeJob(new OpenAICompatibleModel({ model: 'fake', baseURL: model.url, timeoutMs: 30_000 }));

async function app(
  options: Omit<Parameters<typeof queueApp>[0], 'slack' | 'kinds'> & {
    kinds?: Parameters<typeof queueApp>[0]['kinds'];
  },
) {
  const made = await queueApp({ slack, kinds: options.kinds ?? [probe()], ...options });
  apps.push(made);
  return made;
}

async function settled(store: Store, job: JobRecord, timeoutMs = 60_000): Promise<JobRecord> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    const now = await store.getJob(job.tenantId, job.id);
    if (now && now.status !== 'queued' && now.status !== 'running') return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${job.id} did not finish in ${timeoutMs} ms`);
}

const keysOf = (job: JobRecord) =>
  receivedKeys(slack)
    .filter((post) => post.key.startsWith(`job:${job.id}:`))
    .map((post) => post.key.slice(`job:${job.id}:`.length));

/** How many pg-boss rows hold this queue id (every queue, every state). */
async function queueRows(databaseUrl: string, id: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM pgboss.job WHERE id = $1', [id]);
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}

/** A queue whose enqueue fails like a process dying right after the job row was written. */
function crashingOnEnqueue(queue: JobQueue): JobQueue {
  return Object.assign(Object.create(queue) as JobQueue, {
    enqueue: async () => {
      throw new Error('the process died between recording the job and enqueueing it');
    },
  });
}

/** A queue whose deliveries of the jobs in `poison` die (to pg-boss, exactly what a worker crash mid-job is). */
function dyingOn(poison: Set<string>, deliveries: string[]): (queue: JobQueue) => JobQueue {
  return (queue) =>
    Object.assign(Object.create(queue) as JobQueue, {
      work: (
        handler: (job: QueuedJob) => Promise<'done' | 'handed-back'>,
        giveUp?: (job: QueuedJob, n: number) => Promise<void>,
      ) =>
        queue.work(async (job) => {
          deliveries.push(job.jobId);
          if (poison.has(job.jobId)) throw new Error('the worker died running this job');
          return handler(job);
        }, giveUp),
    });
}

describe('the queue path on PostgreSQL + pg-boss', () => {
  it('a job recorded by a web process whose enqueue failed (or that died before it) is enqueued by the outbox sweep and runs once', async () => {
    const databaseUrl = await postgres.createDatabase();
    const crashed = await app({ databaseUrl, role: 'web', wrap: crashingOnEnqueue });
    const conversation = { tenantId: 'slack:T1', channelKey: 'C-outbox', userId: 'U1' };
    // The failed enqueue is not the person's failure: the job is acknowledged, recorded, and left to the sweep.
    expect((await crashed.runner.start('probe', { seq: 1 }, conversation)).status).toBe('queued');
    const [orphan] = await crashed.store.listJobsByStatus(['queued']);
    expect(orphan?.input).toEqual({ seq: 1 });
    const chatCallsBefore = model.stats.chat;

    // Two live processes sweep the outbox (each enqueues the orphan); the worker runs it.
    const web = await app({ databaseUrl, role: 'web', sweepAfterMs: 0 });
    await web.runner.serve();
    const worker = await app({ databaseUrl, role: 'worker', sweepAfterMs: 0 });
    await worker.runner.serve();
    expect((await settled(worker.store, orphan)).status).toBe('succeeded');

    // Later sweeps find no queued row; the job's entry is there already, so sending it again adds nothing.
    await web.queue.enqueue({ jobId: orphan.id, tenantId: orphan.tenantId, lane: 'probe:slack:T1:C-outbox' });
    expect(await queueRows(databaseUrl, queueIdOf({ jobId: orphan.id, tenantId: orphan.tenantId }))).toBe(1);
    const next = await web.runner.start('probe', { seq: 2 }, conversation);
    expect((await settled(worker.store, next)).status).toBe('succeeded');
    // The acknowledgement (the progress message) went out before the crash; the worker edited it.
    expect(keysOf(orphan)).toEqual(['progress', 'start', 'done']);
    expect(model.stats.chat - chatCallsBefore).toBe(2);
  }, 120_000);

  it('a job whose every delivery dies is failed, the thread is told by name with an error id, and its lane moves on', async () => {
    const databaseUrl = await postgres.createDatabase();
    const web = await app({ databaseUrl, role: 'web', deliveryLimit: 2 });
    const conversation = { tenantId: 'slack:T2', channelKey: 'C-poison', userId: 'U1' };
    const poisoned = await web.runner.start('probe', { seq: 1 }, conversation, { commandText: '/probe 1' });
    const after = await web.runner.start('probe', { seq: 2 }, conversation);
    const deliveries: string[] = [];
    const worker = await app({
      databaseUrl,
      role: 'worker',
      deliveryLimit: 2,
      wrap: dyingOn(new Set([poisoned.id]), deliveries),
    });
    await worker.runner.serve();

    const failed = await settled(worker.store, poisoned);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /^given up after 2 deliveries: its worker stopped each time \(error id e-[0-9a-f]{8}\)$/,
    );
    expect((await settled(worker.store, after)).status).toBe('succeeded');
    // Two deliveries died; the third went to the give-up path, not to the job.
    expect(deliveries.filter((id) => id === poisoned.id)).toHaveLength(2);
    const notice = receivedKeys(slack).find((post) => post.key === `job:${poisoned.id}:given-up`);
    const errorId = /error id (e-[0-9a-f]{8})/.exec(failed.error ?? '')?.[1];
    expect(notice?.text).toContain(`Job ${poisoned.id}, Probe #1 (probe), failed: it was started 2 times`);
    expect(notice?.text).toContain(`(error id ${errorId})`);
    expect(notice?.text).toContain('Run it again with: /probe 1');
    expect(keysOf(poisoned)).toEqual(['progress', 'given-up']);
    expect(keysOf(after)).toEqual(['progress', 'start', 'done']);
  }, 120_000);

  it('a give-up whose notice could not be posted is given up again, and the thread is told once', async () => {
    const databaseUrl = await postgres.createDatabase();
    const web = await app({ databaseUrl, role: 'web', deliveryLimit: 1 });
    const conversation = { tenantId: 'slack:T2', channelKey: 'C-notice', userId: 'U1' };
    const poisoned = await web.runner.start('probe', { seq: 1 }, conversation, { commandText: '/probe 1' });
    // The next post is the give-up notice (the poisoned job dies before it posts anything): Slack refuses it once.
    slack.enqueue('chat.postMessage', { kind: 'error', error: 'internal_error' });
    const worker = await app({
      databaseUrl,
      role: 'worker',
      deliveryLimit: 1,
      wrap: dyingOn(new Set([poisoned.id]), []),
    });
    await worker.runner.serve();
    expect((await settled(worker.store, poisoned)).status).toBe('failed');
    // Two attempts reached Slack: the refused one, and the one of the give-up that followed.
    const attempts = receivedKeys(slack).filter((post) => post.key === `job:${poisoned.id}:given-up`);
    expect(attempts).toHaveLength(2);
    // The channel shows it once.
    const notices = slack.messagesOf('C-notice').filter((message) => message.text?.includes(`Job ${poisoned.id},`));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain(`Job ${poisoned.id}, Probe #1 (probe), failed`);
  }, 120_000);

  it('a job whose final status could not be written is delivered again and settled, not left open to block its channel', async () => {
    const databaseUrl = await postgres.createDatabase();
    const web = await app({ databaseUrl, role: 'web' });
    const conversation = { tenantId: 'slack:T3', channelKey: 'C-blip', userId: 'U1' };
    const job = await web.runner.start('probe', { seq: 1 }, conversation);
    let refused = 0;
    const worker = await app({
      databaseUrl,
      role: 'worker',
      tamper: (store) => {
        const updateJob = store.updateJob.bind(store);
        // A database blip across the first delivery's final status writes (its "succeeded", then its "failed"):
        // execution swallows the second, and the row stays "running".
        store.updateJob = async (tenantId, id, patch) => {
          if ((patch.status === 'succeeded' || patch.status === 'failed') && refused < 2) {
            refused += 1;
            throw new Error('connection reset');
          }
          return updateJob(tenantId, id, patch);
        };
      },
    });
    await worker.runner.serve();
    expect((await settled(worker.store, job, 20_000)).status).toBe('succeeded');
    expect(refused).toBe(2);
    expect(await web.runner.pendingInChannel(conversation)).toBe(false);
  }, 120_000);

  it('a command typed again after /cancel of its job still waiting in the queue is a new job, not a double submit', async () => {
    const databaseUrl = await postgres.createDatabase();
    const web = await app({ databaseUrl, role: 'web' });
    const conversation = { tenantId: 'slack:T4', channelKey: 'C-retype', userId: 'U1' };
    const first = await web.runner.start('probe', { seq: 1 }, conversation, { commandText: '/probe 1' });
    await web.runner.cancel(conversation, first.id);
    // No worker has taken it: the row is still queued, with the cancel asked for.
    expect((await web.store.getJob(first.tenantId, first.id))?.status).toBe('queued');
    const again = await web.runner.start('probe', { seq: 1 }, conversation, { commandText: '/probe 1' });
    expect(again.id).not.toBe(first.id);
    // Typed twice at once without a cancel, it is still one job.
    const twice = await web.runner.start('probe', { seq: 1 }, conversation, { commandText: '/probe 1' });
    expect(twice.id).toBe(again.id);
  }, 60_000);

  it('a queue made with a lower retry limit is raised above the give-up limit, so pg-boss never fails a job first', async () => {
    const databaseUrl = await postgres.createDatabase();
    const early = await app({ databaseUrl, role: 'web', deliveryLimit: 2 });
    expect(await early.queue.retryLimit()).toBe(7);
    const later = await app({ databaseUrl, role: 'web' });
    expect(await later.queue.retryLimit()).toBe(25);
  }, 60_000);

  it('two web apps on one database agree whether a channel has a pending job or panel creation', async () => {
    const databaseUrl = await postgres.createDatabase();
    const creation = { ...probe(), kind: 'panel.create' };
    const first = await app({ databaseUrl, role: 'web', kinds: [creation] });
    const second = await app({ databaseUrl, role: 'web', kinds: [creation] });
    const here = { tenantId: 'slack:T3', channelKey: 'C-busy', userId: 'U1' };
    const elsewhere = { ...here, channelKey: 'C-idle' };
    const otherTenant = { ...here, tenantId: 'slack:T4' };

    const job = await first.runner.start('panel.create', { seq: 1 }, here);
    for (const web of [first, second]) {
      expect(await web.runner.pendingInChannel(here)).toBe(true);
      expect((await web.runner.creationPendingIn(here))?.input).toEqual({ seq: 1 });
      expect(await web.runner.pendingInChannel(elsewhere)).toBe(false);
      expect(await web.runner.pendingInChannel(otherTenant)).toBe(false);
      expect(await web.runner.creationPendingIn(elsewhere)).toBeUndefined();
    }
    // The process-local view of the second app never saw it.
    expect(second.runner.hasPendingIn(here)).toBe(false);

    const worker = await app({ databaseUrl, role: 'worker', kinds: [creation] });
    await worker.runner.serve();
    expect((await settled(worker.store, job, 20_000)).status).toBe('succeeded');
    for (const web of [first, second]) {
      expect(await web.runner.pendingInChannel(here)).toBe(false);
      expect(await web.runner.creationPendingIn(here)).toBeUndefined();
    }
  }, 120_000);
});
