import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { DeliveryOutcome, JobQueue, QueuedJob } from '../../commands/jobs/job-queue.js';
import type { KeyValueStore } from '../../engine/store/ports.js';
import { TenantSlots } from './tenant-slots.js';

/** Options of the pg-boss queue; the defaults suit a deployment, tests shorten the intervals. */
export interface PgBossQueueOptions {
  /** The PostgreSQL URL (the same database as the store; pg-boss keeps its tables in schema `pgboss`). */
  url: string;
  /** Where cancellation requests are kept (the store's KeyValue rows, visible to every process). */
  flags: KeyValueStore;
  /** Jobs this process runs at once (`TROUPE_WORKER_CONCURRENCY`). */
  concurrency: number;
  /** Jobs one tenant runs at once across all workers (`TROUPE_MAX_CONCURRENT_JOBS`). */
  tenantLimit: number;
  queueName?: string;
  /** How often an idle worker looks for jobs (default 1 s, at least 0.5; enqueueing also wakes workers at once). */
  pollingIntervalSeconds?: number;
  /** A worker silent this long is taken for dead and its job is delivered again (default 30, at least 10). */
  heartbeatSeconds?: number;
  /** How often pg-boss's monitor looks for such jobs (default 10 s). */
  monitorIntervalSeconds?: number;
  /**
   * Deliveries of one job that may die (its worker crashed or stopped) before it is given up for good
   * (default 20): the next delivery goes to the `giveUp` handler, which fails it visibly, and its lane
   * moves on. pg-boss's own retry limit is set above it, so pg-boss never fails a job itself (a failed
   * job would hold its `key_strict_fifo` lane for ever).
   */
  deliveryLimit?: number;
}

const cancelKey = (jobId: string) => `job-cancel:${jobId}`;

/** Deliveries that may die before a job is given up. */
const DELIVERY_LIMIT = 20;
/** pg-boss's retry limit is this much above ours: a give-up that itself fails is tried again, not failed. */
const PG_BOSS_SPARE_DELIVERIES = 5;

/** The pg-boss id (a UUID) of a job: the same job always gets the same one. */
export function queueIdOf(job: Pick<QueuedJob, 'tenantId' | 'jobId'>): string {
  const hex = createHash('sha256').update(`troupe-job:${job.tenantId}:${job.jobId}`).digest('hex');
  // Shaped as a version-5-style UUID (name-based), which is what it is.
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Thrown from the pg-boss handler so the job goes back to the queue (a worker shutting down). */
class HandedBack extends Error {
  constructor() {
    super('handed back by a worker shutting down');
  }
}

/**
 * The JobQueue on pg-boss: one `key_strict_fifo` queue keyed by lane (FIFO per channel, other lanes
 * run in parallel), a group per tenant with `groupConcurrency` (the tenant limit across workers, made
 * exact by advisory-lock slots, see TenantSlots), heartbeats so a dead worker's job is delivered again.
 *
 * @example
 *   const queue = await PgBossQueue.open({ url, flags: store, concurrency: 4, tenantLimit: 3 });
 *   await queue.enqueue({ jobId: 'j1', tenantId: 'slack:T1', lane: 'slack:T1:C1' });
 */
export class PgBossQueue implements JobQueue {
  private readonly name: string;
  private slots?: TenantSlots;

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: PgBossQueueOptions,
  ) {
    this.name = options.queueName ?? 'troupe-jobs';
  }

  /** Connects, installs or migrates pg-boss's schema, and creates the queue when missing. */
  static async open(options: PgBossQueueOptions): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: options.url,
      monitorIntervalSeconds: options.monitorIntervalSeconds ?? 10,
      superviseIntervalSeconds: options.monitorIntervalSeconds ?? 10,
      schedule: false,
    });
    // pg-boss reports background errors as events; unhandled, an EventEmitter error would end the process.
    boss.on('error', () => undefined);
    await boss.start();
    const queue = new PgBossQueue(boss, options);
    const retryLimit = (options.deliveryLimit ?? DELIVERY_LIMIT) + PG_BOSS_SPARE_DELIVERIES;
    const existing = await boss.getQueue(queue.name);
    // A queue made before the give-up existed (retry limit 20) gets the spare deliveries for its new jobs.
    if (existing && (existing.retryLimit ?? 0) < retryLimit) await boss.updateQueue(queue.name, { retryLimit });
    if (!existing) {
      await boss
        .createQueue(queue.name, {
          policy: 'key_strict_fifo',
          retryLimit,
          retryDelay: 1,
          heartbeatSeconds: Math.max(10, options.heartbeatSeconds ?? 30),
          expireInSeconds: 24 * 3600,
        })
        // Another process created it meanwhile.
        .catch(async (error: unknown) => {
          if (!(await boss.getQueue(queue.name))) throw error;
        });
    }
    return queue;
  }

  /** Idempotent: the pg-boss id is derived from the job's, so a second send of the same job inserts nothing. */
  async enqueue(job: QueuedJob): Promise<void> {
    await this.boss.send(
      this.name,
      { jobId: job.jobId, tenantId: job.tenantId, lane: job.lane },
      { id: queueIdOf(job), singletonKey: job.lane, group: { id: job.tenantId } },
    );
  }

  async work(
    handler: (job: QueuedJob) => Promise<DeliveryOutcome>,
    giveUp?: (job: QueuedJob, deliveries: number) => Promise<void>,
  ): Promise<void> {
    const limit = this.options.deliveryLimit ?? DELIVERY_LIMIT;
    await this.boss.work<QueuedJob>(
      this.name,
      {
        localConcurrency: this.options.concurrency,
        groupConcurrency: this.options.tenantLimit,
        pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1,
      },
      async ([job]) => {
        if (!job) return;
        // retryCount counts the earlier deliveries, each of which died: completing this one frees the lane.
        if (job.retryCount >= limit) return giveUp?.(job.data, job.retryCount);
        this.slots ??= new TenantSlots(this.options.url, this.options.concurrency + 1);
        const release = await this.slots.acquire(job.data.tenantId, this.options.tenantLimit);
        try {
          if ((await handler(job.data)) === 'handed-back') throw new HandedBack();
        } finally {
          await release();
        }
      },
    );
  }

  async requestCancel(job: { tenantId: string; jobId: string }): Promise<void> {
    await this.options.flags.setValue(job.tenantId, cancelKey(job.jobId), { at: new Date().toISOString() });
  }

  async cancelRequested(job: { tenantId: string; jobId: string }): Promise<boolean> {
    return (await this.options.flags.getValue(job.tenantId, cancelKey(job.jobId))) !== undefined;
  }

  async stopTaking(): Promise<void> {
    await this.boss.offWork(this.name, { wait: false });
  }

  /** pg-boss's retry limit of the queue's new jobs (our give-up limit plus spare deliveries). */
  async retryLimit(): Promise<number | undefined> {
    return (await this.boss.getQueue(this.name))?.retryLimit;
  }

  async ping(): Promise<boolean> {
    return this.boss
      .getQueue(this.name)
      .then((queue) => queue !== null)
      .catch(() => false);
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true, timeout: 1000 });
    await this.slots?.close();
  }
}
