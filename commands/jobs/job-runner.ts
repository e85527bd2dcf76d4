import { silentLog } from '../log.js';
import type { Log } from '../log.js';
import type { JobRecord, JobStore, KeyValueStore } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { botText } from '../replies.js';
import type { JobHooks, JobKind } from './job-types.js';
import { Admission, type AdmissionTicket } from './admission.js';
import type { IdempotentPoster } from './poster.js';
import { jobContext } from './job-context.js';
import { DoubleSubmits } from './double-submit.js';
import type { DeliveryOutcome, JobQueue, QueuedJob } from './job-queue.js';
import { type ActiveJob, ActiveJobs, inChannel, jobNotFound } from './active-jobs.js';
import { JobExecution, SHUTTING_DOWN } from './job-execution.js';
import { type JobRole, QueueDelivery, type QueueSweep } from './queue-delivery.js';
import { readStoredJob } from './stored-job.js';
import { CancelledError } from '../../engine/errors.js';

export type { JobRole, QueueSweep } from './queue-delivery.js';

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

export { DOUBLE_SUBMIT_MS } from './double-submit.js';

/**
 * Runs slow work as jobs: recorded in the JobStore with input and conversation, acknowledged at
 * once on a progress message, serialized per lane, cancellable, and recoverable after a restart.
 * With a queue (PostgreSQL + pg-boss) admission and ordering are the queue's: see QueueDelivery.
 *
 * @example
 *   const runner = new JobRunner({ jobs: store, poster, kinds: [askJob], maxConcurrentJobs: 3 });
 *   const job = await runner.start('panel.ask', { question: 'Why?' }, conversation);
 *   await runner.whenIdle();
 */
export class JobRunner {
  private readonly kinds: Map<string, JobKind>;
  private readonly active = new ActiveJobs();
  private readonly lanes = new Map<string, { done: Promise<void>; label: string }>();
  private readonly jobs: JobStore;
  private readonly poster: IdempotentPoster;
  private readonly admission: Admission;
  /** Jobs between `start()` and their launch (being recorded): already in their lane, not yet in `active`. */
  private readonly starting = new Set<Pick<JobRecord, 'kind' | 'tenantId' | 'input' | 'conversation'>>();
  /** Double-submit dedupe, kept in the store (holds across restarts and workers). */
  private readonly submits: DoubleSubmits;
  private readonly hooks: JobHooks;
  private readonly execution: JobExecution;
  /** The queue path, when jobs run out of process. */
  private readonly delivery?: QueueDelivery;

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
    /** With a queue: how old a queued row must be before the outbox sweep enqueues it again, and how often it runs. */
    sweep?: QueueSweep;
  }) {
    this.hooks = options.hooks ?? {};
    this.jobs = options.jobs;
    this.poster = options.poster;
    this.admission = new Admission(options.maxConcurrentJobs);
    this.submits = new DoubleSubmits(options.jobs, options.now, options.queue);
    this.kinds = new Map(options.kinds.map((kind) => [kind.kind, kind]));
    const log = options.log ?? silentLog;
    this.execution = new JobExecution(options.jobs, options.poster, this.hooks, log);
    if (options.queue)
      this.delivery = new QueueDelivery({
        queue: options.queue,
        role: options.role ?? 'all',
        jobs: options.jobs,
        poster: options.poster,
        hooks: this.hooks,
        kinds: this.kinds,
        active: this.active,
        execution: this.execution,
        log,
        sweep: options.sweep,
      });
  }

  /** Jobs of a tenant queued or running in this process. */
  activeJobs(tenantId: string): JobRecord[] {
    return this.active.ofTenant(tenantId).map((entry) => entry.job);
  }

  /**
   * Whether a job of this channel is queued or running in this process (e.g. an ask about to open a thread).
   * With a queue other processes hold jobs too: ask `pendingInChannel`.
   */
  hasPendingIn(conversation: Pick<Conversation, 'tenantId' | 'channelKey'>): boolean {
    return this.active.all().some(({ job }) => inChannel(job, conversation));
  }

  /**
   * The panel creation starting, queued or running in this process in this channel, if any (an ask typed
   * meanwhile waits behind it). With a queue other processes hold jobs too: ask `creationPendingIn`.
   */
  pendingCreation(
    conversation: Pick<Conversation, 'tenantId' | 'channelKey'>,
  ): Pick<JobRecord, 'kind' | 'tenantId' | 'input' | 'conversation'> | undefined {
    return [...this.starting, ...this.active.all().map(({ job }) => job)].find(
      (job) => job.kind === 'panel.create' && inChannel(job, conversation),
    );
  }

  /**
   * Whether a job of this channel is queued or running: with a queue, in any process (the database answers,
   * so two front ends and the workers agree); without one, in this process.
   *
   * @example
   *   if (await runner.pendingInChannel(conversation)) return { latestThread: true };
   */
  async pendingInChannel(conversation: Pick<Conversation, 'tenantId' | 'channelKey'>): Promise<boolean> {
    return this.delivery ? this.delivery.pendingIn(conversation) : this.hasPendingIn(conversation);
  }

  /** The panel creation starting, queued or running in this channel: with a queue, in any process. */
  async creationPendingIn(
    conversation: Pick<Conversation, 'tenantId' | 'channelKey'>,
  ): Promise<Pick<JobRecord, 'kind' | 'tenantId' | 'input' | 'conversation'> | undefined> {
    return this.delivery ? this.delivery.creationIn(conversation) : this.pendingCreation(conversation);
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
    const delivery = this.delivery;
    if (delivery) {
      // Recorded, acknowledged and handed to the workers; a double submit is caught by the store's claim, so two
      // front-end processes cannot both start it.
      const enqueue = () => delivery.enqueue(kind, kindName, parsed, conversation, { commandText, note });
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
    if (this.delivery) return this.delivery.cancel(conversation, jobId);
    const candidates = this.active.ofTenant(conversation.tenantId);
    const here = candidates.filter((candidate) => inChannel(candidate.job, conversation));
    // Without an id: the job running in this channel (what the person is watching), else the oldest queued one.
    const entry = jobId
      ? candidates.find((candidate) => candidate.job.id === jobId)
      : (here.find((candidate) => candidate.running) ?? here[0]);
    if (!entry)
      throw jobNotFound(
        jobId,
        candidates.map((candidate) => candidate.job.id),
      );
    entry.controller.abort(new CancelledError('cancelled by the user'));
    return entry.job;
  }

  /** Resolves when no job is queued or running in this process. */
  async whenIdle(): Promise<void> {
    await this.active.whenIdle();
  }

  /** Aborts every job (shutdown); they stay `running` in the store so the next start resumes them. */
  abortAll(): void {
    this.active.abortAll(SHUTTING_DOWN);
  }

  /**
   * At start-up: resumes resumable jobs a previous process left queued or running (same keys, so
   * nothing already posted is posted again) and reports the others as interrupted.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { resumed: [], interrupted: [] };
    // The queue is durable: a job a dead worker held is delivered again to a live one.
    if (this.delivery) return report;
    for (const job of await this.jobs.listJobsByStatus(['queued', 'running'])) {
      if (this.active.has(job.id)) continue;
      const stored = readStoredJob(this.kinds, job);
      if (!stored.ok || !stored.kind.resumable) {
        await this.jobs.updateJob(job.tenantId, job.id, { status: 'interrupted', error: 'interrupted by a restart' });
        if (stored.conversation) {
          const again = typeof job.input.commandText === 'string' ? ` Run it again with: ${job.input.commandText}` : '';
          // A conversation the bot can no longer post in must not stop the other jobs from recovering.
          await this.poster
            .post(
              stored.conversation,
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
          stored.conversation,
          botText(
            `Resuming job ${job.id} (${job.kind}), interrupted by a restart; nothing already posted is posted again.`,
            { idempotencyKey: `job:${job.id}:resumed` },
          ),
        );
      } catch (error) {
        await this.execution.markUnreachable(job, error);
        report.interrupted.push(job.id);
        continue;
      }
      // Recovered jobs queue behind the workspace's job limit like new ones.
      this.launch(stored.kind, job, stored.input, stored.conversation, true, this.admission.admit(job.tenantId));
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
    await this.delivery?.serve();
  }

  /**
   * Stops gracefully: takes no new job, lets running ones finish for up to `graceMs`, then hands the
   * rest back (aborted without being marked, so the queue delivers them again to another worker, or the
   * next start resumes them without a queue).
   */
  async drain(graceMs: number): Promise<void> {
    await this.delivery?.stopTaking();
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
    return this.delivery ? this.delivery.runDelivered(queued) : 'done';
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
    const entry: ActiveJob = { job, controller, done: Promise.resolve(), running: false };
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
        await this.execution.markUnreachable(job, error);
        return;
      }
      if (previous) await previous.done.catch(() => undefined);
      await ticket.ready;
      entry.running = true;
      await this.execution.execute(kind, job, input, context, controller);
    })()
      .catch(() => undefined)
      .finally(() => ticket.release());
    entry.done = done;
    this.active.add(entry);
    entered?.follow(done);
    void done.finally(() => this.active.remove(job.id));
  }
}
