/**
 * Scale-out (#20): worker processes on PostgreSQL + pg-boss, running probe jobs (two keyed Slack posts
 * through the real Slack SDK into FakeSlack around one call to a fake model with a fixed 400 ms
 * latency). 1) Jobs per minute with 1, 2 and 4 worker processes (2 jobs at once each; 32 channel lanes,
 * a tenant limit that does not bind), goals ≥ 1.8× at 2 workers and ≥ 3.2× at 4. 2) Slack
 * acknowledgement p99 of a TROUPE_ROLE=web Bolt app (50 concurrent signed slash commands that become
 * jobs) while 2 workers are saturated with a backlog, goal < 300 ms, beside the in-process figure
 * bench/slack-ack.ts records (issue #13 baseline p99 ≈ 630–800 ms before acknowledgements came first).
 * Run: npx tsx bench/workers.ts
 */
import { PgBossQueue } from '../adapters/worker/index.js';
import type { JobRecord } from '../engine/store/ports.js';
import { Harness } from '../test/adapters/slack/harness.js';
import { WorkerCluster } from '../test/support/worker-cluster.js';

const LATENCY_MS = 400;
const PER_WORKER = 2;
const JOBS = 64;

/** Records JOBS probe jobs (8 tenants × 4 channels × 2), then enqueues them all at once; returns jobs/min. */
async function throughput(workers: number): Promise<number> {
  const cluster = await WorkerCluster.start({ latencyMs: LATENCY_MS, tenantLimit: 8, workerConcurrency: PER_WORKER });
  try {
    await cluster.addWorkers(workers);
    const jobs: JobRecord[] = [];
    for (let t = 1; t <= 8; t++)
      for (let c = 1; c <= 4; c++)
        for (let seq = 1; seq <= JOBS / 32; seq++)
          jobs.push(
            await cluster.store.createJob({
              tenantId: `slack:T${t}`,
              kind: 'probe',
              status: 'queued',
              input: { seq },
              conversation: { tenantId: `slack:T${t}`, channelKey: `T${t}-C${c}`, userId: 'U1' },
            }),
          );
    const started = performance.now();
    await Promise.all(
      jobs.map((job) =>
        cluster.queue.enqueue({
          jobId: job.id,
          tenantId: job.tenantId,
          lane: `probe:${job.tenantId}:${(job.conversation as { channelKey: string }).channelKey}`,
        }),
      ),
    );
    await cluster.finished(jobs, 600_000);
    return JOBS / ((performance.now() - started) / 60_000);
  } finally {
    await cluster.stop();
  }
}

/** Slack ack latencies of a web-role app while two workers grind through a probe backlog. */
async function ackWhileSaturated(): Promise<number[]> {
  const cluster = await WorkerCluster.start({ latencyMs: LATENCY_MS, tenantLimit: 8, workerConcurrency: PER_WORKER });
  try {
    await cluster.addWorkers(2);
    const backlog = await cluster.enqueue({ tenants: [1, 2, 3, 4], channelsPerTenant: 4, perChannel: 4, ack: false });
    // The web app's own jobs go to the Slack queue, which nobody works here: only the acknowledgement counts.
    const webQueue = await PgBossQueue.open({
      url: cluster.databaseUrl,
      flags: cluster.store,
      concurrency: 1,
      tenantLimit: 3,
      queueName: 'troupe-jobs-slack',
    });
    const harness = await Harness.start({
      store: cluster.store,
      slack: cluster.slack,
      overrides: { serviceOptions: { jobQueue: { queue: webQueue, role: 'web' } } },
    });
    try {
      const latencies = await Promise.all(
        Array.from({ length: 50 }, async (_, index) => {
          const sentAt = performance.now();
          const response = await harness.command('/panel', `create 3 US parents --name p${index}`, {
            channel: `W${index % 5}`,
            user: `U${index}`,
          });
          if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          return performance.now() - sentAt;
        }),
      );
      const open = (await cluster.store.listJobsByStatus(['queued', 'running'])).filter((job) =>
        backlog.some((queued) => queued.id === job.id),
      );
      console.log(`(workers still had ${open.length} of ${backlog.length} backlog jobs open after the commands)`);
      await harness.idle();
      return latencies.sort((a, b) => a - b);
    } finally {
      // The FakeSlack belongs to the cluster, which stops it.
      await harness.app.stop();
      await webQueue.close();
    }
  } finally {
    await cluster.stop();
  }
}

const rates: Record<number, number> = {};
for (const workers of [1, 2, 4]) rates[workers] = await throughput(workers);
const latencies = await ackWhileSaturated();
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];

console.log(
  `workers: ${JOBS} probe jobs, model latency ${LATENCY_MS} ms, ${PER_WORKER} jobs at once per worker process`,
);
console.log('workers   jobs/min   speed-up   goal');
for (const workers of [1, 2, 4]) {
  const goal = workers === 1 ? '(baseline)' : workers === 2 ? '≥ 1.8×' : '≥ 3.2×';
  console.log(
    `${String(workers).padEnd(10)}${rates[workers].toFixed(0).padEnd(11)}${`${(rates[workers] / rates[1]).toFixed(2)}×`.padEnd(11)}${goal}`,
  );
}
console.log('slack ack (TROUPE_ROLE=web, 50 concurrent slash commands, 2 workers saturated)');
console.log('            now        goal       baseline (issue #13, in-process)');
console.log(`p50         ${`${at(0.5).toFixed(0)} ms`.padEnd(11)}           ≈ 600 ms`);
console.log(`p99         ${`${at(0.99).toFixed(0)} ms`.padEnd(11)}< 300 ms   ≈ 630–800 ms`);
console.log(`max         ${`${latencies.at(-1)!.toFixed(0)} ms`.padEnd(11)}`);
