import { randomBytes } from 'node:crypto';
import { CancelledError } from '../../engine/errors.js';
import type { JobRecord, JobStore } from '../../engine/store/ports.js';
import type { Log } from '../log.js';
import type { Conversation } from '../reply.js';
import { botText } from '../replies.js';
import { type ActiveJob, type ActiveJobs, inChannel, jobNotFound } from './active-jobs.js';
import { finishProgress, jobContext } from './job-context.js';
import { isShutdown, type JobExecution } from './job-execution.js';
import type { DeliveryOutcome, JobQueue, QueuedJob } from './job-queue.js';
import type { JobHooks, JobKind } from './job-types.js';
import type { IdempotentPoster } from './poster.js';
import { readStoredJob } from './stored-job.js';

/** What this process does with jobs when a queue is set: enqueue only (`web`), run only (`worker`), or both. */
export type JobRole = 'web' | 'worker' | 'all';

/** How often a worker checks whether the job it runs was cancelled from another process. */
const CANCEL_POLL_MS = 500;

/**
 * The outbox sweep: queued job rows older than `afterMs` are handed to the queue again (a no-op for those it
 * holds), every `everyMs`, so a job recorded by a process that died before enqueueing it still runs.
 */
export interface QueueSweep {
  /** How old a queued row must be before the sweep enqueues it (longer than an acknowledgement takes; 60 s). */
  afterMs?: number;
  /** How often each process sweeps (30 s). */
  everyMs?: number;
}

/** A job being recorded in this process: visible to `pendingIn` before its row is committed. */
type Recording = Pick<JobRecord, 'kind' | 'tenantId' | 'input' | 'conversation'>;

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
  log: Log;
  sweep?: QueueSweep;
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
  private readonly recording = new Set<Recording>();
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly options: QueueDeliveryOptions) {}

  /**
   * Sweeps the outbox now and then every `sweep.everyMs` (every role: a web process that died between
   * recording and enqueueing is covered by any live one); in the `worker` or `all` role also takes jobs.
   */
  async serve(): Promise<void> {
    if (!this.sweeper) {
      await this.sweep().catch((error: unknown) => this.options.log.error({ err: error }, 'outbox sweep failed'));
      this.sweeper = setInterval(() => {
        void this.sweep().catch((error: unknown) => this.options.log.error({ err: error }, 'outbox sweep failed'));
      }, this.options.sweep?.everyMs ?? 30_000);
      this.sweeper.unref();
    }
    if (this.options.role === 'web') return;
    await this.options.queue.work(
      (queued) => this.runDelivered(queued),
      (queued, deliveries) => this.giveUp(queued, deliveries),
    );
  }

  /** Takes no new job from the queue (running ones go on) and stops sweeping. */
  stopTaking(): Promise<void> {
    clearInterval(this.sweeper);
    return this.options.queue.stopTaking();
  }

  /**
   * The outbox: the job row is the truth. Every queued row older than `sweep.afterMs` is enqueued again;
   * the queue keys its entries by job id, so one it holds (waiting, running or finished) is left as it
   * is, and only a job whose enqueue never happened is added (behind what its lane got meanwhile).
   * Returns how many rows it handed over.
   */
  async sweep(): Promise<number> {
    const { jobs, queue, kinds } = this.options;
    const before = Date.now() - (this.options.sweep?.afterMs ?? 60_000);
    const due = (await jobs.listJobsByStatus(['queued'])).filter((job) => Date.parse(job.createdAt) <= before);
    for (const job of due) {
      const stored = readStoredJob(kinds, job);
      // An unreadable row still goes to a worker, which marks it failed.
      const lane = stored.ok ? stored.kind.lane?.(stored.input, stored.conversation) : undefined;
      await queue.enqueue({ jobId: job.id, tenantId: job.tenantId, lane: lane ?? `job:${job.id}` });
    }
    return due.length;
  }

  /** Whether a job of this channel is being recorded here, or queued or running in any process (the database). */
  async pendingIn(where: Pick<Conversation, 'tenantId' | 'channelKey'>): Promise<boolean> {
    if ([...this.recording].some((job) => inChannel(job, where))) return true;
    return (await this.openJobs(where)).length > 0;
  }

  /** The panel creation being recorded here, or queued or running in any process, in this channel. */
  async creationIn(where: Pick<Conversation, 'tenantId' | 'channelKey'>): Promise<Recording | undefined> {
    const isCreation = (job: Recording) => job.kind === 'panel.create' && inChannel(job, where);
    return [...this.recording].find(isCreation) ?? (await this.openJobs(where)).find(isCreation);
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
    const record: Recording = {
      tenantId: conversation.tenantId,
      kind: kindName,
      input: {
        ...(parsed as Record<string, unknown>),
        ...(extra.commandText ? { commandText: extra.commandText } : {}),
        ...(extra.note ? { note: extra.note } : {}),
      },
      conversation: { ...conversation },
    };
    this.recording.add(record);
    let job: JobRecord;
    try {
      job = await jobs.createJob({ ...record, status: 'queued' });
    } finally {
      this.recording.delete(record);
    }
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
    // A crash from here to the enqueue leaves a queued row: the outbox sweep enqueues it. So does a failed
    // enqueue: the person has the acknowledgement, and the job will run, so it is not reported as failed.
    const lane = kind.lane?.(parsed, conversation);
    await queue
      .enqueue({ jobId: job.id, tenantId: job.tenantId, lane: lane ?? `job:${job.id}` })
      .catch((error: unknown) =>
        this.options.log.warn({ err: error, jobId: job.id }, 'enqueue failed; the outbox sweep will enqueue the job'),
      );
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
    const where = { tenantId: queued.tenantId, jobId: queued.jobId };
    // Both reads at once: they are independent, and each is a round trip on every delivery.
    const [job, cancelAsked] = await Promise.all([
      jobs.getJob(queued.tenantId, queued.jobId),
      queue.cancelRequested(where),
    ]);
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
    if (cancelAsked) controller.abort(new CancelledError('cancelled by the user'));
    const poll = setInterval(() => {
      void queue.cancelRequested(where).then(
        (asked) => asked && controller.abort(new CancelledError('cancelled by the user')),
        () => undefined,
      );
    }, CANCEL_POLL_MS);
    poll.unref();
    const entry: ActiveJob = { job, controller, done: Promise.resolve(), running: true };
    const done = (async (): Promise<boolean> => {
      if (resumed)
        await poster.post(
          conversation,
          botText(
            `Resuming job ${job.id} (${job.kind}) after its worker stopped; nothing already posted is posted again.`,
            { idempotencyKey: `job:${job.id}:resumed` },
          ),
        );
      const context = jobContext({ job, conversation, signal: controller.signal, resumed, poster, jobs, hooks });
      return execution.execute(kind, job, input, context, controller);
    })();
    entry.done = done.then(
      () => undefined,
      () => undefined,
    );
    active.add(entry);
    let recorded: boolean;
    try {
      recorded = await done;
    } finally {
      clearInterval(poll);
      active.remove(job.id);
    }
    if (isShutdown(controller.signal)) return 'handed-back';
    // A final status write that failed (a database blip) leaves the row open, and an open row holds its
    // channel: the delivery fails, so the queue delivers it again and the resume path settles it.
    if (!recorded)
      throw new Error(`job ${job.id} ended without its final status being recorded; it is delivered again`);
    return 'done';
  }

  /**
   * The queue gave up on a job after `deliveries` deliveries that all died (its worker crashed or stopped
   * each time): the job is failed for good, its progress message closed, and the thread told by name with
   * an error id; the channel's lane then moves on.
   */
  async giveUp(queued: QueuedJob, deliveries: number): Promise<void> {
    const { jobs, log } = this.options;
    const job = await jobs.getJob(queued.tenantId, queued.jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const errorId = `e-${randomBytes(4).toString('hex')}`;
    log.error({ errorId, jobId: job.id, kind: job.kind, deliveries }, 'job given up: every delivery died');
    // The thread is told first (the notice is keyed, so a repeat posts nothing twice); the job is failed last,
    // so a give-up that dies half-way is given up again and its notice not lost.
    await this.tellGivenUp(job, deliveries, errorId);
    await jobs.updateJob(job.tenantId, job.id, {
      status: 'failed',
      error: `given up after ${deliveries} deliveries: its worker stopped each time (error id ${errorId})`,
    });
  }

  /** Closes a given-up job's progress message and tells its thread by name, with the error id. */
  private async tellGivenUp(job: JobRecord, deliveries: number, errorId: string): Promise<void> {
    const { jobs, poster, hooks } = this.options;
    const stored = readStoredJob(this.options.kinds, job);
    if (!stored.conversation) return;
    const name = stored.ok ? `${stored.kind.describe(stored.input)} (${job.kind})` : job.kind;
    const again = typeof job.input.commandText === 'string' ? ` Run it again with: ${job.input.commandText}` : '';
    const context = jobContext({
      job,
      conversation: stored.conversation,
      signal: new AbortController().signal,
      resumed: false,
      poster,
      jobs,
      hooks,
    });
    await finishProgress(poster, jobs, context, 'failed').catch(() => undefined);
    await poster.post(
      stored.conversation,
      botText(
        `Job ${job.id}, ${name}, failed: it was started ${deliveries} times and stopped each time, so it will not be tried again (error id ${errorId}). Later work in this channel goes on.${again}`,
        { idempotencyKey: `job:${job.id}:given-up` },
      ),
    );
  }

  /** The jobs of a channel queued or running in any process. */
  private async openJobs(where: Pick<Conversation, 'tenantId' | 'channelKey'>): Promise<JobRecord[]> {
    return (await this.options.jobs.listJobsByStatus(['queued', 'running'])).filter((job) => inChannel(job, where));
  }
}
