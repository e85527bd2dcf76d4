/**
 * Scale-out (#20): worker processes on PostgreSQL + pg-boss, running probe jobs (two keyed Slack posts
 * through the real Slack SDK into FakeSlack around one call to a fake model with a fixed 400 ms
 * latency, then the progress message). 1) Jobs per minute with 1, 2 and 4 worker processes (2 jobs at
 * once each; 32 channel lanes, a tenant limit that does not bind): overall (from the enqueue, workers
 * already up) and steady (after the first 10 % are done), as a share of the ideal (workers × 2 × 60 s /
 * 400 ms) and as the speed-up over 1 worker (goals ≥ 1.8× at 2, ≥ 3.2× at 4); beside them the CPU time
 * each job cost the workers, PostgreSQL and this process (the fakes), and the rate the machine's cores
 * cap that at. 2) Slack acknowledgement latencies of a TROUPE_ROLE=web Bolt app (50 concurrent signed
 * slash commands that become jobs): the first burst after start-up, a burst with 2 idle workers, and
 * one while they are saturated with a backlog (goal p99 < 300 ms). Baselines: the figures issue #20
 * recorded before this work.
 * Run: npx tsx bench/workers.ts   (BENCH_WORKERS=1,2 or none, BENCH_JOBS=256, BENCH_ACK=off)
 */
import { cpus } from 'node:os';
import { PgBossQueue } from '../adapters/worker/index.js';
import type { JobRecord } from '../engine/store/ports.js';
import { Harness } from '../test/adapters/slack/harness.js';
import { WorkerCluster } from '../test/support/worker-cluster.js';
import { postgresCpuMs, postmasterOf, processCpuMs } from './lib/process-cpu.js';

const LATENCY_MS = 400;
const PER_WORKER = 2;
/** 8 tenants × 4 channels × 8 jobs: enough rounds (32 at 4 workers) that the first fetches and the tail are small. */
const JOBS = Number(process.env.BENCH_JOBS ?? 256);
/** The first jobs done are left out of the steady rate (connections, caches and JIT warming up). */
const WARM_UP_SHARE = 0.1;
/** What the issue measured before this work (quiet machine). */
const BASELINE = { rates: { 1: 218, 2: 379, 4: 490 } as Record<number, number>, ackP50: 1154, ackP99: 1342 };

/** One throughput run: rates, and the CPU each part of the system spent per job. */
interface Run {
  workers: number;
  overall: number;
  steady: number;
  cpuPerJob: { workers: number; postgres: number; bench: number };
  /** Medians (ms) of a job's phases as FakeSlack saw them: its start post to its done post (the model call and a post), done to the last progress edit, and a slot's last post to its next job's start (the queue hand-off). */
  phases: { startToDone: number; doneToEnd: number; handoff: number };
}

/** The median of some numbers. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A job's phases from the keyed posts FakeSlack received (`start`, `done`, then the progress message). */
function phasesOf(posts: { key: string; at: number }[], slots: number): Run['phases'] {
  const byJob = new Map<string, Record<string, number>>();
  for (const post of posts) {
    const [, id, step] = post.key.split(':');
    byJob.set(id, { ...byJob.get(id), [step]: post.at });
  }
  const jobs = [...byJob.values()].filter((job) => job.start && job.done && job.progress);
  const starts = jobs.map((job) => job.start).sort((a, b) => a - b);
  const ends = jobs.map((job) => job.progress).sort((a, b) => a - b);
  // Every slot busy: the k-th start after the first `slots` follows the (k − slots)-th end.
  return {
    startToDone: median(jobs.map((job) => job.done - job.start)),
    doneToEnd: median(jobs.map((job) => job.progress - job.done)),
    handoff: median(starts.slice(slots).map((start, index) => start - ends[index])),
  };
}

/** Records JOBS probe jobs, then enqueues them all at once; the clock starts at the enqueue (workers are up). */
async function throughput(workers: number): Promise<Run> {
  const cluster = await WorkerCluster.start({ latencyMs: LATENCY_MS, tenantLimit: 8, workerConcurrency: PER_WORKER });
  try {
    const added = await cluster.addWorkers(workers);
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
    const postmaster = postmasterOf(Number(new URL(cluster.postgres.url).port));
    const cpu = () => ({
      workers: added.reduce((sum, worker) => sum + processCpuMs(worker.child.pid ?? 0), 0),
      postgres: postgresCpuMs(postmaster),
      bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    const before = cpu();
    const started = Date.now();
    await Promise.all(
      jobs.map((job) =>
        cluster.queue.enqueue({
          jobId: job.id,
          tenantId: job.tenantId,
          lane: `probe:${job.tenantId}:${(job.conversation as { channelKey: string }).channelKey}`,
        }),
      ),
    );
    await cluster.finished(jobs, 900_000);
    const after = cpu();
    const received = cluster.received();
    const doneAt = received
      .filter((post) => post.key.endsWith(':done'))
      .map((post) => post.at)
      .sort((a, b) => a - b);
    const warm = Math.floor(doneAt.length * WARM_UP_SHARE);
    const perMinute = (count: number, ms: number) => count / (ms / 60_000);
    return {
      workers,
      overall: perMinute(jobs.length, doneAt.at(-1)! - started),
      steady: perMinute(doneAt.length - 1 - warm, doneAt.at(-1)! - doneAt[warm]),
      phases: phasesOf(received, workers * PER_WORKER),
      cpuPerJob: {
        workers: (after.workers - before.workers) / jobs.length,
        postgres: (after.postgres - before.postgres) / jobs.length,
        bench: (after.bench - before.bench) / jobs.length,
      },
    };
  } finally {
    await cluster.stop();
  }
}

/** 50 concurrent signed slash commands that become jobs, sent to a web-role Bolt app; their ack latencies, sorted. */
async function burst(harness: Harness, round: string): Promise<number[]> {
  const latencies = await Promise.all(
    Array.from({ length: 50 }, async (_, index) => {
      const sentAt = performance.now();
      const response = await harness.command('/panel', `create 3 US parents --name ${round}${index}`, {
        channel: `W${index % 5}`,
        user: `U${index}`,
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return performance.now() - sentAt;
    }),
  );
  await harness.idle();
  return latencies.sort((x, y) => x - y);
}

/** Slack ack latencies of a web-role app with two idle workers, then while they grind through a probe backlog. */
async function ackLatencies(): Promise<{ cold: number[]; idle: number[]; saturated: number[]; backlogOpen: number }> {
  const cluster = await WorkerCluster.start({ latencyMs: LATENCY_MS, tenantLimit: 8, workerConcurrency: PER_WORKER });
  try {
    await cluster.addWorkers(2);
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
      // The first burst after start-up pays for JIT, lazy imports and first connections: reported on its own.
      const cold = await burst(harness, 'cold');
      const idle = await burst(harness, 'idle');
      const backlog = await cluster.enqueue({ tenants: [1, 2, 3, 4], channelsPerTenant: 4, perChannel: 8, ack: false });
      // Let the workers get going first.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const saturated = await burst(harness, 'busy');
      const open = (await cluster.store.listJobsByStatus(['queued', 'running'])).filter((job) =>
        backlog.some((queued) => queued.id === job.id),
      );
      return { cold, idle, saturated, backlogOpen: open.length };
    } finally {
      // The FakeSlack belongs to the cluster, which stops it.
      await harness.app.stop();
      await webQueue.close();
    }
  } finally {
    await cluster.stop();
  }
}

// BENCH_WORKERS=1,2 runs only those throughput rounds (`none`: none); BENCH_ACK=off skips the ack round.
const chosen = process.env.BENCH_WORKERS;
const counts = chosen === 'none' ? [] : chosen ? chosen.split(',').map(Number) : [1, 2, 4];
const runs: Run[] = [];
for (const workers of counts) runs.push(await throughput(workers));
const acks = process.env.BENCH_ACK === 'off' ? undefined : await ackLatencies();
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const ideal = (workers: number) => (workers * PER_WORKER * 60_000) / LATENCY_MS;
const one = runs.find((run) => run.workers === 1);
const cores = cpus().length;

console.log(
  `workers: ${JOBS} probe jobs over 32 channel lanes, model latency ${LATENCY_MS} ms, ${PER_WORKER} jobs at once per worker process, ${cores} CPU cores`,
);
console.log('ideal = workers × 2 at once × 60 s / 400 ms; steady = after the first 10 % of jobs are done');
console.log(
  'workers  jobs/min  steady  of ideal  speed-up  goal     baseline         CPU ms per job (workers + PostgreSQL + bench)',
);
for (const run of runs) {
  const goal = run.workers === 1 ? '' : run.workers === 2 ? '≥ 1.8×' : '≥ 3.2×';
  const base = BASELINE.rates[run.workers];
  const baseSpeedup = run.workers === 1 ? '' : ` (${(base / BASELINE.rates[1]).toFixed(2)}×)`;
  const { workers, postgres, bench } = run.cpuPerJob;
  console.log(
    [
      String(run.workers).padEnd(9),
      run.overall.toFixed(0).padEnd(10),
      run.steady.toFixed(0).padEnd(8),
      `${((run.overall / ideal(run.workers)) * 100).toFixed(0)} %`.padEnd(10),
      (one ? `${(run.overall / one.overall).toFixed(2)}×` : '').padEnd(10),
      goal.padEnd(9),
      `${base}/min${baseSpeedup}`.padEnd(17),
      `${(workers + postgres + bench).toFixed(0)} = ${workers.toFixed(0)} + ${postgres.toFixed(0)} + ${bench.toFixed(0)}`,
    ].join(''),
  );
}
console.log(
  `a job's phases (medians): start → done post (model ${LATENCY_MS} ms + one post) · done → last progress edit · hand-off to the slot's next job`,
);
for (const run of runs)
  console.log(
    `  ${run.workers} worker(s): ${run.phases.startToDone.toFixed(0)} ms · ${run.phases.doneToEnd.toFixed(0)} ms · ${run.phases.handoff.toFixed(0)} ms`,
  );
for (const run of runs) {
  const total = run.cpuPerJob.workers + run.cpuPerJob.postgres + run.cpuPerJob.bench;
  console.log(
    `  ${run.workers} worker(s): at ${total.toFixed(0)} CPU ms per job, ${cores} cores cap the whole system at ${((cores * 60_000) / total).toFixed(0)} jobs/min (ideal ${ideal(run.workers)})`,
  );
}
if (acks) {
  console.log(`slack ack (TROUPE_ROLE=web Bolt app, 50 concurrent slash commands that become jobs)`);
  console.log(
    '            first burst    workers idle   2 workers saturated   goal      baseline (saturated, issue #20)',
  );
  console.log(
    `p50         ${`${at(acks.cold, 0.5).toFixed(0)} ms`.padEnd(15)}${`${at(acks.idle, 0.5).toFixed(0)} ms`.padEnd(15)}${`${at(acks.saturated, 0.5).toFixed(0)} ms`.padEnd(22)}          ${BASELINE.ackP50} ms`,
  );
  console.log(
    `p99         ${`${at(acks.cold, 0.99).toFixed(0)} ms`.padEnd(15)}${`${at(acks.idle, 0.99).toFixed(0)} ms`.padEnd(15)}${`${at(acks.saturated, 0.99).toFixed(0)} ms`.padEnd(22)}< 300 ms  ${BASELINE.ackP99} ms`,
  );
  console.log(
    `max         ${`${acks.cold.at(-1)!.toFixed(0)} ms`.padEnd(15)}${`${acks.idle.at(-1)!.toFixed(0)} ms`.padEnd(15)}${`${acks.saturated.at(-1)!.toFixed(0)} ms`.padEnd(22)}`,
  );
  console.log(`(the workers still had ${acks.backlogOpen} of 128 backlog jobs open after the saturated burst)`);
}
