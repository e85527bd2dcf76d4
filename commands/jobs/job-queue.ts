/** A recorded job handed to the workers: the JobStore row to run and the lane it is ordered in. */
export interface QueuedJob {
  jobId: string;
  tenantId: string;
  /** Jobs with the same lane run one at a time, in the order they were enqueued, whichever worker takes them. */
  lane: string;
}

/** How a worker finished with a delivery: `done` (whatever the job's own outcome) or `handed-back` to the queue. */
export type DeliveryOutcome = 'done' | 'handed-back';

/**
 * The seam between front ends and workers when jobs run out of process (PostgreSQL + pg-boss).
 * Durable: a job enqueued survives every process; one taken by a worker that dies is delivered
 * again to another. Ordered per lane, limited per tenant across all workers. Without a queue the
 * JobRunner runs jobs in its own process (the SQLite default).
 *
 * @example
 *   await queue.enqueue({ jobId: job.id, tenantId: job.tenantId, lane: 'slack:T1:C1' });
 *   await queue.work(async (queued) => runner.runDelivered(queued)); // in each worker process
 */
export interface JobQueue {
  /**
   * Idempotent per job: enqueueing a job the queue holds or held (waiting, running or finished) does nothing,
   * so the outbox sweep can hand over every queued row without doubling any.
   */
  enqueue(job: QueuedJob): Promise<void>;
  /**
   * Starts taking jobs in this process; `handler` runs each delivery (one at a time per lane). A job whose
   * deliveries all died (a worker crashed or stopped each time) up to the queue's limit goes to `giveUp`
   * instead, once, and its lane moves on.
   */
  work(
    handler: (job: QueuedJob) => Promise<DeliveryOutcome>,
    giveUp?: (job: QueuedJob, deliveries: number) => Promise<void>,
  ): Promise<void>;
  /** Asks whichever worker runs (or will run) the job to cancel it. */
  requestCancel(job: { tenantId: string; jobId: string }): Promise<void>;
  /** Whether a cancellation was asked for (workers poll it while the job runs). */
  cancelRequested(job: { tenantId: string; jobId: string }): Promise<boolean>;
  /** Stops taking new jobs (running handlers go on). */
  stopTaking(): Promise<void>;
  /** Whether the queue's database answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
