import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../engine/store/ports.js';
import { type ChannelPost, type ChatPlatform, ChatWorkerCluster } from '../support/chat-worker-cluster.js';
import type { WorkerProcess } from '../support/worker-cluster.js';

// Discord and Teams jobs on PostgreSQL + pg-boss: web-role runners acknowledge through the real Discord and Teams
// sinks and enqueue; two worker child processes run the jobs and post through the same real SDKs into a
// FakeDiscord and a FakeConnector, so losses and doubles are the platform's view.

const platforms: ChatPlatform[] = ['discord', 'teams'];

/** The seqs of one step's posts in a channel, in the order the platform received them. */
function seqs(received: ChannelPost[], channel: string, step: string): number[] {
  return received.filter((post) => post.channel === channel && post.step === step).map((post) => post.seq);
}

/** Every job posted its start and its done once, in order per channel, and its one progress message shows done. */
function expectExactlyOnce(cluster: ChatWorkerCluster, platform: ChatPlatform, tenants: number[], perChannel: number) {
  const received = cluster.received(platform);
  const order = Array.from({ length: perChannel }, (_, i) => i + 1);
  for (const channel of cluster.channels(platform, tenants)) {
    expect(seqs(received, channel, 'start'), `${platform} ${channel} starts`).toEqual(order);
    expect(seqs(received, channel, 'done'), `${platform} ${channel} dones`).toEqual(order);
    // The acknowledgement (`⏳ Probe #n — job …`) edited in place by the worker to its final state.
    const progress = cluster.texts(platform, channel).filter((text) => /^\S+ (Probe #\d+ — job|probe — )/.test(text));
    expect(progress, `${platform} ${channel} progress messages`).toEqual(order.map(() => '✅ probe — done'));
  }
}

describe('Discord and Teams jobs across worker processes (PostgreSQL + pg-boss)', () => {
  // One cluster (server, fakes, two workers) for every case: starting them is the slow part. Each case has
  // tenants of its own; the kill case runs last.
  let cluster: ChatWorkerCluster;
  let victim: WorkerProcess;
  beforeAll(async () => {
    cluster = await ChatWorkerCluster.start({
      latencyMs: 60,
      tenantLimit: 2,
      tenants: [1, 2, 3, 4, 5],
      channelsPerTenant: 2,
    });
    [victim] = await cluster.addWorkers(2, { discord: 2, teams: 1 });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('commands enqueued by the web role are run by the workers exactly once, in order per channel', async () => {
    const enqueued = await Promise.all(
      platforms.map((platform) => cluster.enqueue(platform, { tenants: [1, 2], perChannel: 4 })),
    );
    const jobs = enqueued.flat();
    expect(jobs).toHaveLength(32);
    const finished = await cluster.finished(jobs, 120_000);
    expect(finished.map((job) => job.status)).toEqual(jobs.map(() => 'succeeded'));
    for (const platform of platforms) expectExactlyOnce(cluster, platform, [1, 2], 4);
    // Every model call came from a worker (the web runners' client calls its model `fake`).
    expect([...cluster.callers()].every((caller) => caller.startsWith('fake-worker-'))).toBe(true);
    expect(cluster.model.stats.chat).toBe(32);
  }, 180_000);

  it('/cancel in the web role reaches the job whichever worker takes it', async () => {
    for (const platform of platforms) {
      const conversation = cluster.conversation(platform, 3, 1);
      const jobs: JobRecord[] = [];
      for (const seq of [1, 2, 3]) jobs.push(await cluster.runner(platform).start('probe', { seq }, conversation));
      expect((await cluster.runner(platform).cancel(conversation, jobs[2].id)).id).toBe(jobs[2].id);
      const finished = await cluster.finished(jobs, 60_000);
      expect(finished.map((job) => job.status)).toEqual(['succeeded', 'succeeded', 'cancelled']);
      const received = cluster.received(platform);
      expect(seqs(received, conversation.channelKey, 'start')).toEqual([1, 2]);
      expect(seqs(received, conversation.channelKey, 'done')).toEqual([1, 2]);
      // The notice follows the status change; the cancelled job's progress message says so too.
      const notice = `Job ${jobs[2].id} was cancelled.`;
      for (let waited = 0; waited < 30_000; waited += 100) {
        if (cluster.texts(platform, conversation.channelKey).includes(notice)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const texts = cluster.texts(platform, conversation.channelKey);
      expect(texts.filter((text) => text === notice)).toHaveLength(1);
      expect(texts.filter((text) => /^\S+ probe — /.test(text))).toEqual([
        '✅ probe — done',
        '✅ probe — done',
        '⚠️ probe — cancelled',
      ]);
    }
  }, 120_000);

  it('a worker killed with SIGKILL mid-job: the other finishes its jobs, nothing lost or posted twice', async () => {
    // The victim's jobs stop inside their model call; it is killed once it holds jobs of both platforms.
    cluster.hold(victim);
    const enqueued = await Promise.all(
      platforms.map((platform) => cluster.enqueue(platform, { tenants: [4, 5], perChannel: 4 })),
    );
    const jobs = enqueued.flat();
    for (let tries = 0; !platforms.every((platform) => cluster.waiting(victim, platform) > 0); tries++) {
      if (tries > 3000) throw new Error(`the victim never took jobs of both platforms:\n${victim.output}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const finished = await cluster.finished(jobs, 120_000);
    expect(finished.map((job) => job.status)).toEqual(jobs.map(() => 'succeeded'));
    for (const platform of platforms) expectExactlyOnce(cluster, platform, [4, 5], 4);
    // The victim's jobs were resumed by the survivor, each announced once.
    for (const platform of platforms) {
      const resumed = cluster
        .channels(platform, [4, 5])
        .flatMap((channel) => cluster.texts(platform, channel))
        .filter((text) => text.startsWith('Resuming job'));
      expect(resumed.length, `${platform} resumed jobs`).toBeGreaterThan(0);
      expect(new Set(resumed).size).toBe(resumed.length);
    }
  }, 180_000);
});
