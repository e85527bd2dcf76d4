import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../engine/store/ports.js';
import { type Received, WorkerCluster, type WorkerProcess } from '../support/worker-cluster.js';

// Jobs on PostgreSQL + pg-boss run by worker child processes; what they post is read back from a
// FakeSlack (through the real Slack SDK), so losses and doubles are the platform's view.

/** The probe posts of one job: `#<seq> start` and `#<seq> done …`, keyed `job:<id>:start|done`. */
function postsOf(received: Received[], job: JobRecord): Received[] {
  return received.filter((post) => post.key === `job:${job.id}:start` || post.key === `job:${job.id}:done`);
}

/** The seqs of the `done` posts of a channel, in the order Slack received them. */
function doneOrder(received: Received[], channel: string): number[] {
  return received
    .filter((post) => post.channel === channel && post.key.endsWith(':done'))
    .map((post) => Number(/^#(\d+) done/.exec(post.text)?.[1]));
}

/** The most jobs of one tenant between their start and done posts at the same time. */
function peakPerTenant(received: Received[], jobs: JobRecord[]): Map<string, number> {
  const tenantOf = new Map(jobs.map((job) => [job.id, job.tenantId]));
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  for (const post of received) {
    const [, id, step] = /^job:([^:]+):(start|done)$/.exec(post.key) ?? [];
    const tenant = id ? tenantOf.get(id) : undefined;
    if (!tenant) continue;
    const now = (running.get(tenant) ?? 0) + (step === 'start' ? 1 : -1);
    running.set(tenant, now);
    peak.set(tenant, Math.max(peak.get(tenant) ?? 0, now));
  }
  return peak;
}

const channels = (tenants: number[], perTenant: number) =>
  tenants.flatMap((t) => Array.from({ length: perTenant }, (_, c) => `T${t}-C${c + 1}`));

describe('jobs across worker processes (PostgreSQL + pg-boss)', () => {
  // One cluster (server, fakes, two workers) for both cases: starting them is the slow part. The kill
  // case runs last, on tenants of its own.
  let cluster: WorkerCluster;
  let victim: WorkerProcess;
  beforeAll(async () => {
    cluster = await WorkerCluster.start({ latencyMs: 60, tenantLimit: 2, workerConcurrency: 4 });
    [victim] = await cluster.addWorkers(2);
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('two workers run 200 jobs of 20 channels and 5 tenants exactly once, in order per channel, within the tenant limit', async () => {
    // Records and queue entries only: the acknowledgement path is the web process's (scale-out-start.test.ts).
    const jobs = await cluster.enqueue({ tenants: [1, 2, 3, 4, 5], channelsPerTenant: 4, perChannel: 10, ack: false });
    expect(jobs).toHaveLength(200);
    const finished = await cluster.finished(jobs, 240_000);
    expect(finished.map((job) => job.status)).toEqual(jobs.map(() => 'succeeded'));

    const received = cluster.received();
    for (const job of jobs)
      expect(postsOf(received, job).map((post) => post.key.split(':')[2])).toEqual(['start', 'done']);
    for (const channel of channels([1, 2, 3, 4, 5], 4))
      expect(doneOrder(received, channel)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const peaks = peakPerTenant(received, jobs);
    expect(peaks.size).toBe(5);
    for (const [, peak] of peaks) expect(peak).toBeLessThanOrEqual(2);
    expect(cluster.model.stats.chat).toBe(200);
  }, 360_000);

  it('/cancel in the web process reaches the job whichever worker takes it', async () => {
    const conversation = { tenantId: 'slack:T8', channelKey: 'T8-C1', userId: 'U1' };
    const jobs: JobRecord[] = [];
    for (const seq of [1, 2, 3]) jobs.push(await cluster.runner.start('probe', { seq }, conversation));
    expect((await cluster.runner.cancel(conversation, jobs[2].id)).id).toBe(jobs[2].id);
    const finished = await cluster.finished(jobs, 120_000);
    expect(finished.map((job) => job.status)).toEqual(['succeeded', 'succeeded', 'cancelled']);
    // The notice follows the status change.
    for (let waited = 0; waited < 30_000; waited += 100) {
      if (cluster.received().some((post) => post.key === `job:${jobs[2].id}:cancelled`)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const keys = cluster.received().map((post) => post.key);
    expect(keys).toContain(`job:${jobs[2].id}:cancelled`);
    expect(keys).not.toContain(`job:${jobs[2].id}:start`);
    expect(keys).toContain(`job:${jobs[1].id}:done`);
  }, 180_000);

  it('a worker killed with SIGKILL mid-run: the other finishes its jobs, nothing lost or posted twice', async () => {
    const before = cluster.received().length;
    const jobs = await cluster.enqueue({ tenants: [6, 7], channelsPerTenant: 4, perChannel: 4 });
    // Kill while the victim is in the middle of a job: it posted that job's start and not yet its done.
    const victimToken = `xoxb-worker-${victim.child.pid}`;
    const midJob = () => {
      const posts = cluster.received().slice(before);
      const jobOf = (key: string) => key.split(':')[1];
      const done = new Set(posts.filter((post) => post.key.endsWith(':done')).map((post) => jobOf(post.key)));
      return posts.some(
        (post) => post.token === victimToken && post.key.endsWith(':start') && !done.has(jobOf(post.key)),
      );
    };
    while (!midJob()) await new Promise((resolve) => setTimeout(resolve, 5));
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const finished = await cluster.finished(jobs, 150_000);
    expect(finished.map((job) => job.status)).toEqual(jobs.map(() => 'succeeded'));

    const received = cluster.received();
    for (const job of jobs)
      expect(postsOf(received, job).map((post) => post.key.split(':')[2])).toEqual(['start', 'done']);
    for (const channel of channels([6, 7], 4)) expect(doneOrder(received, channel)).toEqual([1, 2, 3, 4]);
    // The victim's jobs were resumed by the survivor (announced once each, under their own key).
    const resumed = received.filter((post) => post.key.endsWith(':resumed'));
    expect(resumed.length).toBeGreaterThan(0);
    expect(new Set(resumed.map((post) => post.key)).size).toBe(resumed.length);
  }, 240_000);
});
