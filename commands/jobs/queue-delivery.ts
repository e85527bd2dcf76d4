import { CancelledError } from '../../engine/errors.js';
import type { JobRecord, JobStore } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { botText } from '../replies.js';
import { type ActiveJob, type ActiveJobs, jobNotFound } from './active-jobs.js';
import { jobContext } from './job-context.js';
import { isShutdown, type JobExecution } from './job-execution.js';
import type { DeliveryOutcome, JobQueue, QueuedJob } from './job-queue.js';
import type { JobHooks, JobKind } from './job-types.js';
import type { IdempotentPoster } from './poster.js';
import { readStoredJob } from './stored-job.js';

/** What this process does with jobs when a queue is set: enqueue only (`web`), run only (`worker`), or both. */
export type JobRole = 'web' | 'worker' | 'all';

/** How often a worker checks whether the job it runs was cancelled from another process. */
const CANCEL_POLL_MS = 500;

/** What the queue path shares with the runner. */
export interface QueueDeliveryOptions {
  queue: JobQueue;
  role: JobRole;
  jobs: JobStore;
  poster: IdempotentPoster;
  hooks: JobHooks;
  kinds: Map<string, JobKind>;
  active: ActiveJobs;
  execution: JobExecution;
}

/**
 * The JobRunner's path when jobs run out of process (PostgreSQL + pg-boss): the front end records a
 * job, acknowledges it and hands it to the queue; a worker runs what the queue delivers, resumes what a
 * dead worker started, and hears about cancellations through the database.
 *
 * @example
 *   const delivery = new QueueDelivery({ queue, role: 'worker', jobs, poster, hooks, kinds, active, execution });
 *   await delivery.serve();
 */
export class QueueDelivery {
  constructor(private readonly options: QueueDeliveryOptions) {}

  /** In the `worker` or `all` role: starts taking jobs from the queue. */
  async serve(): Promise<void> {
    if (this.options.role === 'web') return;
    await this.options.queue.work((queued) => this.runDelivered(queued));
  }

  /** Takes no new job from the queue (running ones go on). */
  stopTaking(): Promise<void> {
    return this.options.queue.stopTaking();
  }

  /** Records the job, posts its acknowledgement (the progress message) and hands it to the workers. */
  async enqueue(
    kind: JobKind,
    kindName: string,
    parsed: unknown,
    conversation: Conversation,
    extra: { commandText?: string; note?: string },
  ): Promise<JobRecord> {
    const { jobs, poster, queue, execution } = this.options;
    const job = await jobs.createJob({
      tenantId: conversation.tenantId,
      kind: kindName,
      status: 'queued',
      input: {
        ...(parsed as Record<string, unknown>),
        ...(extra.commandText ? { commandText: extra.commandText } : {}),
        ...(extra.note ? { note: extra.note } : {}),
      },
      conversation: { ...conversation },
    });
    const note = extra.note ? ` (estimate: ${extra.note})` : '';
    try {
      // The acknowledgement is the job's progress message; the worker edits the same one (same key).
      await poster.post(conversation, {
        kind: 'progress',
        progressKey: `job:${job.id}:progress`,
        text: `${kind.describe(parsed)}${note} — job ${job.id} — queued`,
        done: 0,
        total: 0,
        speaker: { kind: 'bot' },
      });
    } catch (error) {
      await execution.markUnreachable(job, error);
      throw error;
    }
    const lane = kind.lane?.(parsed, conversation);
    await queue.enqueue({ jobId: job.id, tenantId: job.tenantId, lane: lane ?? `job:${job.id}` });
    return job;
  }

  /** `/cancel`: the job may run in another process, so the request goes through the database. */
  async cancel(conversation: Conversation, jobId?: string): Promise<JobRecord> {
    const open = (await this.options.jobs.listJobs(conversation.tenantId, 200)).filter(
      (job) => job.status === 'queued' || job.status === 'running',
    );
    const inChannel = open
      .filter((job) => (job.conversation as { channelKey?: string }).channelKey === conversation.channelKey)
      .reverse();
    const job = jobId
      ? open.find((candidate) => candidate.id === jobId)
      : (inChannel.find((candidate) => candidate.status === 'running') ?? inChannel[0]);
    if (!job)
      throw jobNotFound(
        jobId,
        open.map((candidate) => candidate.id),
      );
    await this.options.queue.requestCancel({ tenantId: job.tenantId, jobId: job.id });
    this.options.active.get(job.id)?.controller.abort(new CancelledError('cancelled by the user'));
    return job;
  }

  /**
   * Runs one job the queue delivered (worker side): skipped when already finished (a delivery
   * repeated after a crash), cancelled at once when asked for meanwhile, resumed with the same keys
   * when a dead worker had started it, so nothing already posted is posted twice.
   */
  async runDelivered(queued: QueuedJob): Promise<DeliveryOutcome> {
    const { jobs, poster, queue, hooks, active, execution } = this.options;
    const job = await jobs.getJob(queued.tenantId, queued.jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return 'done';
    const stored = readStoredJob(this.options.kinds, job);
    if (!stored.ok) {
      await jobs.updateJob(job.tenantId, job.id, { status: 'failed', error: `unknown job kind ${job.kind}` });
      return 'done';
    }
    const { kind, conversation, input } = stored;
    const resumed = job.status === 'running';
    if (resumed && !kind.resumable) {
      await jobs.updateJob(job.tenantId, job.id, { status: 'interrupted', error: 'its worker stopped' });
      await poster
        .post(
          conversation,
          botText(`Job ${job.id} (${job.kind}) was interrupted when its worker stopped and did not finish.`, {
            idempotencyKey: `job:${job.id}:interrupted`,
          }),
        )
        .catch(() => undefined);
      return 'done';
    }
    const controller = new AbortController();
    const where = { tenantId: job.tenantId, jobId: job.id };
    const poll = setInterval(() => {
      void queue.cancelRequested(where).then(
        (asked) => asked && controller.abort(new CancelledError('cancelled by the user')),
        () => undefined,
      );
    }, CANCEL_POLL_MS);
    poll.unref();
    const entry: ActiveJob = { job, controller, done: Promise.resolve(), running: true };
    const done = (async () => {
      if (await queue.cancelRequested(where)) controller.abort(new CancelledError('cancelled by the user'));
      if (resumed)
        await poster.post(
          conversation,
          botText(
            `Resuming job ${job.id} (${job.kind}) after its worker stopped; nothing already posted is posted again.`,
            { idempotencyKey: `job:${job.id}:resumed` },
          ),
        );
      const context = jobContext({ job, conversation, signal: controller.signal, resumed, poster, jobs, hooks });
      await execution.execute(kind, job, input, context, controller);
    })();
    entry.done = done.catch(() => undefined);
    active.add(entry);
    try {
      await done;
    } finally {
      clearInterval(poll);
      active.remove(job.id);
    }
    return isShutdown(controller.signal) ? 'handed-back' : 'done';
  }
}
