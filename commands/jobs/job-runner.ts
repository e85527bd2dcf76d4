import { silentLog, type Log } from '../log.js';
import { z } from 'zod';
import { CancelledError, UserInputError } from '../../engine/errors.js';
import type { JobRecord, JobStore, KeyValueStore } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { botText, errorReply } from '../replies.js';
import type { JobContext, JobHooks, JobKind } from './job-types.js';
import { Admission, type AdmissionTicket } from './admission.js';
import type { IdempotentPoster } from './poster.js';
import { finishProgress, jobContext } from './job-context.js';
import { DoubleSubmits } from './double-submit.js';
import type { DeliveryOutcome, JobQueue, QueuedJob } from './job-queue.js';

/** What this process does with jobs when a queue is set: enqueue only (`web`), run only (`worker`), or both. */
export type JobRole = 'web' | 'worker' | 'all';

/** How often a worker checks whether the job it runs was cancelled from another process. */
const CANCEL_POLL_MS = 500;

const ConversationSchema = z.object({
  tenantId: z.string(),
  channelKey: z.string(),
  threadKey: z.string().optional(),
  userId: z.string(),
  addressedPersona: z.string().optional(),
});

/** What `recover()` did with the jobs a previous process left behind. */
export interface RecoveryReport {
  resumed: string[];
  interrupted: string[];
}

/** A job's place in its lane, taken when it starts: what it waits for, and how its turn ends. */
interface LaneEntry {
  previous?: { done: Promise<void>; label: string };
  /** The turn ends when the launched job's work does. */
  follow(done: Promise<void>): void;
  /** The job was never launched (a double submit, a failed record): the turn ends with the one before. */
  abandon(): void;
}

interface Active {
  job: JobRecord;
  controller: AbortController;
  done: Promise<void>;
  /** True once the job left the queues and is executing. */
  running: boolean;
}

export { DOUBLE_SUBMIT_MS } from './double-submit.js';

/**
 * Runs slow work as jobs: recorded in the JobStore with input and conversation, acknowledged at
 * once on a progress message, serialized per lane, cancellable, and recoverable after a restart.
 *
 * @example
 *   const runner = new JobRunner({ jobs: store, poster, kinds: [askJob], maxConcurrentJobs: 3 });
 *   const job = await runner.start('panel.ask', { question: 'Why?' }, conversation);
 *   await runner.whenIdle();
 */
export class JobRunner {
  private readonly kinds: Map<string, JobKind>;
  private readonly active = new Map<string, Active>();
  private readonly lanes = new Map<string, { done: Promise<void>; label: string }>();
  private readonly jobs: JobStore;
  private readonly poster: IdempotentPoster;
  private readonly hooks: JobHooks;
  private readonly admission: Admission;
  /** Jobs between `start()` and their launch (being recorded): already in their lane, not yet in `active`. */
  private readonly starting = new Set<Pick<JobRecord, 'kind' | 'tenantId' | 'input' | 'conversation'>>();
  /** Double-submit dedupe, kept in the store (holds across restarts and workers). */
  private readonly submits: DoubleSubmits;

  private readonly log: Log;
  private readonly queue?: JobQueue;
  private readonly role: JobRole;

  constructor(options: {
    jobs: JobStore & KeyValueStore;
    poster: IdempotentPoster;
    kinds: JobKind[];
    maxConcurrentJobs: number;
    hooks?: JobHooks;
    log?: Log;
    /** Clock for double-submit dedupe (tests pass a fake one). */
    now?: () => number;
    /**
     * Jobs go through this queue instead of running in this process (PostgreSQL + pg-boss): lanes and the
     * tenant limit are then the queue's, held across every worker.
     */
    queue?: JobQueue;
    /** With a queue: `web` only enqueues, `worker` only runs, `all` (default) does both. */
    role?: JobRole;
  }) {
    this.queue = options.queue;
    this.role = options.role ?? 'all';
    this.hooks = options.hooks ?? {};
    this.log = options.log ?? silentLog;
    this.jobs = options.jobs;
    this.poster = options.poster;
    this.admission = new Admission(options.maxConcurrentJobs);
    this.submits = new DoubleSubmits(options.jobs, options.now);
    this.kinds = new Map(options.kinds.map((kind) => [kind.kind, kind]));
  }

  /** Jobs of a tenant queued or running in this process. */
  activeJobs(tenantId: string): JobRecord[] {
    return [...this.active.values()].filter((entry) => entry.job.tenantId === tenantId).map((entry) => entry.job);
  }

  /** Whether a job of this channel is queued or running in this process (e.g. an ask about to open a thread). */
  hasPendingIn(conversation: Pick<Conversation, 'tenantId' | 'channelKey'>): boolean {
    return [...this.active.values()].some(({ job }) => {
      const where = job.conversation as Partial<Conversation>;
      return job.tenantId === conversation.tenantId && where.channelKey === conversation.channelKey;
    });
  }

  /** The panel creation starting, queued or running in this channel, if any (an ask typed meanwhile waits behind it). */
  pendingCreation(
    conversation: Pick<Conversation, 'tenantId' | 'channelKey'>,
  ): Pick<JobRecord, 'kind' | 'tenantId' | 'input' | 'conversation'> | undefined {
    return [...this.starting, ...[...this.active.values()].map(({ job }) => job)].find(
      (job) =>
        job.kind === 'panel.create' &&
        job.tenantId === conversation.tenantId &&
        (job.conversation as Partial<Conversation>).channelKey === conversation.channelKey,
    );
  }

  /**
   * Records the job, posts the acknowledgement, and runs it in the background. Over the
   * workspace's job limit it waits in a queue (the acknowledgement shows how many jobs are ahead).
   * The same command text from the same person in the same channel within `DOUBLE_SUBMIT_MS` is
   * a double submit: the first job is returned and nothing new runs.
   */
  async start(
    kindName: string,
    input: unknown,
    conversation: Conversation,
    extra: { commandText?: string; note?: string } = {},
  ): Promise<JobRecord> {
    const { commandText, note } = extra;
    const kind = this.kindOf(kindName);
    const parsed = kind.input.parse(input);
    if (this.queue) {
      // Recorded, acknowledged and handed to the workers; a double submit is caught by the store's claim, so two
      // front-end processes cannot both start it.
      const enqueue = () => this.enqueue(kind, kindName, parsed, conversation, { commandText, note });
      return commandText ? (await this.submits.once(conversation, commandText, enqueue)).job : enqueue();
    }
    // Synchronous, before the first await: a slot (or a place in the queue) is taken, the lane is
    // entered and a creation is visible, so work typed while this job is being recorded queues behind it.
    const ticket = this.admission.admit(conversation.tenantId);
    const lane = this.enterLane(kind, parsed, conversation);
    const pending = {
      kind: kindName,
      tenantId: conversation.tenantId,
      input: parsed as Record<string, unknown>,
      conversation: { ...conversation },
    };
    this.starting.add(pending);
    const create = () =>
      this.jobs.createJob({
        tenantId: conversation.tenantId,
        kind: kindName,
        status: 'queued',
        input: {
          ...(parsed as Record<string, unknown>),
          ...(commandText ? { commandText } : {}),
          ...(note ? { note } : {}),
        },
        conversation: { ...conversation },
      });
    let submission: { job: JobRecord; duplicate: boolean };
    try {
      submission = commandText
        ? await this.submits.once(conversation, commandText, create)
        : { job: await create(), duplicate: false };
    } catch (error) {
      ticket.release();
      lane?.abandon();
      throw error;
    } finally {
      this.starting.delete(pending);
    }
    if (submission.duplicate) {
      ticket.release();
      lane?.abandon();
      return submission.job;
    }
    this.launch(kind, submission.job, parsed, conversation, false, ticket, lane);
    return submission.job;
  }

  /** Cancels a job (by id, or the latest active job of the conversation). Returns the job cancelled. */
  async cancel(conversation: Conversation, jobId?: string): Promise<JobRecord> {
    if (this.queue) return this.cancelQueued(this.queue, conversation, jobId);
    const candidates = [...this.active.values()].filter((entry) => entry.job.tenantId === conversation.tenantId);
    const inChannel = candidates.filter(
      (candidate) => (candidate.job.conversation as { channelKey?: string }).channelKey === conversation.channelKey,
    );
    // Without an id: the job running in this channel (what the person is watching), else the oldest queued one.
    const entry = jobId
      ? candidates.find((candidate) => candidate.job.id === jobId)
      : (inChannel.find((candidate) => candidate.running) ?? inChannel[0]);
    if (!entry) {
      const ids = candidates.map((candidate) => candidate.job.id);
      throw new UserInputError(
        'job.not-found',
        jobId
          ? `No running job "${jobId}".${ids.length ? ` Running: ${ids.join(', ')}.` : ' Nothing is running.'}`
          : 'Nothing is running in this channel.',
        ids.length ? `/cancel ${ids[0]}` : '/cancel',
      );
    }
    entry.controller.abort(new CancelledError('cancelled by the user'));
    return entry.job;
  }

  /** Resolves when no job is queued or running in this process. */
  async whenIdle(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active.values()].map((entry) => entry.done));
  }

  /** Aborts every job (shutdown); they stay `running` in the store so the next start resumes them. */
  abortAll(): void {
    for (const entry of this.active.values()) entry.controller.abort(new CancelledError('shutting down'));
  }

  /**
   * At start-up: resumes resumable jobs a previous process left queued or running (same keys, so
   * nothing already posted is posted again) and reports the others as interrupted.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { resumed: [], interrupted: [] };
    // The queue is durable: a job a dead worker held is delivered again to a live one.
    if (this.queue) return report;
    for (const job of await this.jobs.listJobsByStatus(['queued', 'running'])) {
      if (this.active.has(job.id)) continue;
      const kind = this.kinds.get(job.kind);
      const conversation = ConversationSchema.safeParse(job.conversation);
      const input = kind?.input.safeParse(job.input);
      if (!kind || !conversation.success || !input?.success || !kind.resumable) {
        await this.jobs.updateJob(job.tenantId, job.id, { status: 'interrupted', error: 'interrupted by a restart' });
        if (conversation.success) {
          const again = typeof job.input.commandText === 'string' ? ` Run it again with: ${job.input.commandText}` : '';
          // A conversation the bot can no longer post in must not stop the other jobs from recovering.
          await this.poster
            .post(
              conversation.data,
              botText(`Job ${job.id} (${job.kind}) was interrupted by a restart and did not finish.${again}`, {
                idempotencyKey: `job:${job.id}:interrupted`,
              }),
            )
            .catch(() => undefined);
        }
        report.interrupted.push(job.id);
        continue;
      }
      try {
        await this.poster.post(
          conversation.data,
          botText(
            `Resuming job ${job.id} (${job.kind}), interrupted by a restart; nothing already posted is posted again.`,
            { idempotencyKey: `job:${job.id}:resumed` },
          ),
        );
      } catch (error) {
        await this.markUnreachable(job, error);
        report.interrupted.push(job.id);
        continue;
      }
      // Recovered jobs queue behind the workspace's job limit like new ones.
      this.launch(kind, job, input.data, conversation.data, true, this.admission.admit(job.tenantId));
      report.resumed.push(job.id);
    }
    return report;
  }

  /**
   * Takes the job's place in its lane now (before it is recorded): a placeholder that settles with
   * the job, so anything started meanwhile in the same lane waits behind it.
   */
  private enterLane(kind: JobKind, input: unknown, conversation: Conversation): LaneEntry | undefined {
    const lane = kind.lane?.(input, conversation);
    if (!lane) return undefined;
    const previous = this.lanes.get(lane);
    let settle: (done: Promise<void>) => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      settle = (after) => void after.finally(resolve);
    });
    const label = kind.kind === 'panel.create' ? 'the panel being created' : 'earlier work in this channel';
    this.lanes.set(lane, { done, label });
    void done.finally(() => {
      if (this.lanes.get(lane)?.done === done) this.lanes.delete(lane);
    });
    return {
      previous,
      follow: (after) => settle(after),
      // Never launched: whatever queued behind it waits only for what this one waited for.
      abandon: () => settle(previous?.done.catch(() => undefined) ?? Promise.resolve()),
    };
  }

  /** With a queue, in the `worker` or `all` role: starts taking jobs from it. */
  async serve(): Promise<void> {
    if (!this.queue || this.role === 'web') return;
    await this.queue.work((queued) => this.runDelivered(queued));
  }

  /**
   * Stops gracefully: takes no new job, lets running ones finish for up to `graceMs`, then hands the
   * rest back (aborted without being marked, so the queue delivers them again to another worker, or the
   * next start resumes them without a queue).
   */
  async drain(graceMs: number): Promise<void> {
    await this.queue?.stopTaking();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([this.whenIdle(), late]);
    clearTimeout(timer);
    this.abortAll();
    await this.whenIdle();
  }

  /**
   * Runs one job the queue delivered (worker side): skipped when already finished (a delivery
   * repeated after a crash), cancelled at once when asked for meanwhile, resumed with the same keys
   * when a dead worker had started it, so nothing already posted is posted twice.
   */
  async runDelivered(queued: QueuedJob): Promise<DeliveryOutcome> {
    const queue = this.queue;
    const job = await this.jobs.getJob(queued.tenantId, queued.jobId);
    if (!queue || !job || (job.status !== 'queued' && job.status !== 'running')) return 'done';
    const kind = this.kinds.get(job.kind);
    const conversation = ConversationSchema.safeParse(job.conversation);
    const input = kind?.input.safeParse(job.input);
    if (!kind || !conversation.success || !input?.success) {
      await this.jobs.updateJob(job.tenantId, job.id, { status: 'failed', error: `unknown job kind ${job.kind}` });
      return 'done';
    }
    const resumed = job.status === 'running';
    if (resumed && !kind.resumable) {
      await this.jobs.updateJob(job.tenantId, job.id, { status: 'interrupted', error: 'its worker stopped' });
      await this.poster
        .post(
          conversation.data,
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
    const entry: Active = { job, controller, done: Promise.resolve(), running: true };
    const done = (async () => {
      if (await queue.cancelRequested(where)) controller.abort(new CancelledError('cancelled by the user'));
      if (resumed)
        await this.poster.post(
          conversation.data,
          botText(
            `Resuming job ${job.id} (${job.kind}) after its worker stopped; nothing already posted is posted again.`,
            {
              idempotencyKey: `job:${job.id}:resumed`,
            },
          ),
        );
      const context = jobContext({
        job,
        conversation: conversation.data,
        signal: controller.signal,
        resumed,
        poster: this.poster,
        jobs: this.jobs,
        hooks: this.hooks,
      });
      await this.execute(kind, job, input.data, context, controller);
    })();
    entry.done = done.catch(() => undefined);
    this.active.set(job.id, entry);
    try {
      await done;
    } finally {
      clearInterval(poll);
      this.active.delete(job.id);
    }
    return isShutdown(controller.signal) ? 'handed-back' : 'done';
  }

  /** Records the job, posts its acknowledgement (the progress message) and hands it to the workers. */
  private async enqueue(
    kind: JobKind,
    kindName: string,
    parsed: unknown,
    conversation: Conversation,
    extra: { commandText?: string; note?: string },
  ): Promise<JobRecord> {
    const queue = this.queue!;
    const job = await this.jobs.createJob({
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
      await this.poster.post(conversation, {
        kind: 'progress',
        progressKey: `job:${job.id}:progress`,
        text: `${kind.describe(parsed)}${note} — job ${job.id} — queued`,
        done: 0,
        total: 0,
        speaker: { kind: 'bot' },
      });
    } catch (error) {
      await this.markUnreachable(job, error);
      throw error;
    }
    const lane = kind.lane?.(parsed, conversation);
    await queue.enqueue({ jobId: job.id, tenantId: job.tenantId, lane: lane ?? `job:${job.id}` });
    return job;
  }

  /** `/cancel` with a queue: the job may run in another process, so the request goes through the database. */
  private async cancelQueued(queue: JobQueue, conversation: Conversation, jobId?: string): Promise<JobRecord> {
    const open = (await this.jobs.listJobs(conversation.tenantId, 200)).filter(
      (job) => job.status === 'queued' || job.status === 'running',
    );
    const inChannel = open
      .filter((job) => (job.conversation as { channelKey?: string }).channelKey === conversation.channelKey)
      .reverse();
    const job = jobId
      ? open.find((candidate) => candidate.id === jobId)
      : (inChannel.find((candidate) => candidate.status === 'running') ?? inChannel[0]);
    if (!job) {
      const ids = open.map((candidate) => candidate.id);
      throw new UserInputError(
        'job.not-found',
        jobId
          ? `No running job "${jobId}".${ids.length ? ` Running: ${ids.join(', ')}.` : ' Nothing is running.'}`
          : 'Nothing is running in this channel.',
        ids.length ? `/cancel ${ids[0]}` : '/cancel',
      );
    }
    await queue.requestCancel({ tenantId: job.tenantId, jobId: job.id });
    this.active.get(job.id)?.controller.abort(new CancelledError('cancelled by the user'));
    return job;
  }

  private kindOf(name: string): JobKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no job kind ${name}`);
    return kind;
  }

  private launch(
    kind: JobKind,
    job: JobRecord,
    input: unknown,
    conversation: Conversation,
    resumed: boolean,
    ticket: AdmissionTicket,
    entered: LaneEntry | undefined = this.enterLane(kind, input, conversation),
  ): void {
    const controller = new AbortController();
    const previous = entered?.previous;
    const entry: Active = { job, controller, done: Promise.resolve(), running: false };
    const done = (async () => {
      const context = jobContext({
        job,
        conversation,
        signal: controller.signal,
        resumed,
        poster: this.poster,
        jobs: this.jobs,
        hooks: this.hooks,
      });
      const note = typeof job.input.note === 'string' ? ` (estimate: ${job.input.note})` : '';
      const queued = [
        previous ? ` — queued behind ${previous.label}` : '',
        ticket.ahead ? ` — queued: ${ticket.ahead} job${ticket.ahead > 1 ? 's' : ''} ahead in this workspace` : '',
      ].join('');
      try {
        await context.progress(
          job.progress?.done ?? 0,
          job.progress?.total ?? 0,
          `${kind.describe(input)}${note} — job ${job.id}${queued}`,
        );
      } catch (error) {
        // Nobody would see the work: fail it now rather than leave it queued for every restart.
        await this.markUnreachable(job, error);
        return;
      }
      if (previous) await previous.done.catch(() => undefined);
      await ticket.ready;
      entry.running = true;
      await this.execute(kind, job, input, context, controller);
    })()
      .catch(() => undefined)
      .finally(() => ticket.release());
    entry.done = done;
    this.active.set(job.id, entry);
    entered?.follow(done);
    void done.finally(() => this.active.delete(job.id));
  }

  /** Fails a job whose conversation cannot be posted in (the bot left the channel, it was archived…). */
  private async markUnreachable(job: JobRecord, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await this.jobs
      .updateJob(job.tenantId, job.id, { status: 'failed', error: `could not post in the conversation: ${reason}` })
      .catch(() => undefined);
  }

  private async execute(
    kind: JobKind,
    job: JobRecord,
    input: unknown,
    context: JobContext,
    controller: AbortController,
  ): Promise<void> {
    const { conversation } = context;
    const ended = this.hooks.started?.(job, context);
    try {
      if (controller.signal.aborted) throw controller.signal.reason ?? new CancelledError();
      await this.jobs.updateJob(job.tenantId, job.id, { status: 'running' });
      const result = await kind.run(context, input);
      // A kind reports work that only partly succeeded (or failed without throwing) in `result.status`.
      const status = result?.status === 'partial' || result?.status === 'failed' ? result.status : 'succeeded';
      await this.jobs.updateJob(job.tenantId, job.id, { status, result: result ?? {} });
      await finishProgress(
        this.poster,
        this.jobs,
        context,
        status === 'succeeded' ? 'done' : status === 'partial' ? 'partly done' : 'failed',
      );
    } catch (error) {
      if (isShutdown(controller.signal)) return;
      const cancelled = error instanceof CancelledError || controller.signal.aborted;
      await this.jobs
        .updateJob(job.tenantId, job.id, {
          status: cancelled ? 'cancelled' : 'failed',
          error: error instanceof Error ? error.message : String(error),
        })
        .catch(() => undefined);
      await finishProgress(this.poster, this.jobs, context, cancelled ? 'cancelled' : 'failed').catch(() => undefined);
      const reply = cancelled ? botText(`Job ${job.id} was cancelled.`) : errorReply(error, this.log);
      await this.poster
        .post(conversation, {
          ...reply,
          ephemeral: false,
          idempotencyKey: `job:${job.id}:${cancelled ? 'cancelled' : 'error'}`,
        })
        .catch(() => undefined);
    } finally {
      ended?.();
    }
  }
}

function isShutdown(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as Error | undefined)?.message === 'shutting down';
}
