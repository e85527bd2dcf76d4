import { silentLog, type Log } from '../log.js';
import { z } from 'zod';
import { CancelledError, UserInputError } from '../../engine/errors.js';
import type { JobRecord, JobStore } from '../../engine/store/ports.js';
import type { Conversation, Reply } from '../reply.js';
import { botText, errorReply } from '../replies.js';
import type { JobContext, JobKind } from './job-types.js';
import type { IdempotentPoster } from './poster.js';

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

interface Active {
  job: JobRecord;
  controller: AbortController;
  done: Promise<void>;
}

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
  private readonly kinds: Map<string, JobKind<any>>;
  private readonly active = new Map<string, Active>();
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly jobs: JobStore;
  private readonly poster: IdempotentPoster;
  private readonly maxConcurrentJobs: number;

  private readonly log: Log;

  constructor(options: {
    jobs: JobStore;
    poster: IdempotentPoster;
    kinds: JobKind<any>[];
    maxConcurrentJobs: number;
    log?: Log;
  }) {
    this.log = options.log ?? silentLog;
    this.jobs = options.jobs;
    this.poster = options.poster;
    this.maxConcurrentJobs = options.maxConcurrentJobs;
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

  /** Records the job, posts the acknowledgement, and runs it in the background. */
  async start(
    kindName: string,
    input: unknown,
    conversation: Conversation,
    extra: { commandText?: string; note?: string } = {},
  ): Promise<JobRecord> {
    const { commandText, note } = extra;
    const kind = this.kindOf(kindName);
    if (this.activeJobs(conversation.tenantId).length >= this.maxConcurrentJobs) {
      throw new UserInputError(
        'limits.jobs',
        `This workspace already has ${this.maxConcurrentJobs} job(s) running (the limit). Wait for one to finish or cancel one.`,
        '/cancel',
      );
    }
    const parsed = kind.input.parse(input);
    const job = await this.jobs.createJob({
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
    this.launch(kind, job, parsed, conversation, false);
    return job;
  }

  /** Cancels a job (by id, or the latest active job of the conversation). Returns the job cancelled. */
  async cancel(conversation: Conversation, jobId?: string): Promise<JobRecord> {
    const candidates = [...this.active.values()].filter((entry) => entry.job.tenantId === conversation.tenantId);
    const entry = jobId
      ? candidates.find((candidate) => candidate.job.id === jobId)
      : candidates
          .filter(
            (candidate) =>
              (candidate.job.conversation as { channelKey?: string }).channelKey === conversation.channelKey,
          )
          .pop();
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
      this.launch(kind, job, input.data, conversation.data, true);
      report.resumed.push(job.id);
    }
    return report;
  }

  private kindOf(name: string): JobKind<any> {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no job kind ${name}`);
    return kind;
  }

  private launch(
    kind: JobKind<any>,
    job: JobRecord,
    input: unknown,
    conversation: Conversation,
    resumed: boolean,
  ): void {
    const controller = new AbortController();
    const lane = kind.lane?.(input, conversation);
    const previous = lane ? this.lanes.get(lane) : undefined;
    const done = (async () => {
      const context = this.context(job, conversation, controller.signal, resumed);
      const note = typeof job.input.note === 'string' ? ` (estimate: ${job.input.note})` : '';
      const queued = previous ? ' — queued behind earlier work in this channel' : '';
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
      if (previous) await previous.catch(() => undefined);
      await this.execute(kind, job, input, context, controller);
    })().catch(() => undefined);
    const entry: Active = { job, controller, done };
    this.active.set(job.id, entry);
    if (lane) this.lanes.set(lane, done);
    void done.finally(() => {
      this.active.delete(job.id);
      if (lane && this.lanes.get(lane) === done) this.lanes.delete(lane);
    });
  }

  /** Fails a job whose conversation cannot be posted in (the bot left the channel, it was archived…). */
  private async markUnreachable(job: JobRecord, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await this.jobs
      .updateJob(job.tenantId, job.id, { status: 'failed', error: `could not post in the conversation: ${reason}` })
      .catch(() => undefined);
  }

  private async execute(
    kind: JobKind<any>,
    job: JobRecord,
    input: unknown,
    context: JobContext,
    controller: AbortController,
  ): Promise<void> {
    const { conversation } = context;
    try {
      if (controller.signal.aborted) throw controller.signal.reason ?? new CancelledError();
      await this.jobs.updateJob(job.tenantId, job.id, { status: 'running' });
      const result = await kind.run(context, input);
      await this.jobs.updateJob(job.tenantId, job.id, { status: 'succeeded', result: result ?? {} });
      await this.finishProgress(context, 'done');
    } catch (error) {
      if (controller.signal.aborted && (controller.signal.reason as Error | undefined)?.message === 'shutting down')
        return;
      const cancelled = error instanceof CancelledError || controller.signal.aborted;
      await this.jobs
        .updateJob(job.tenantId, job.id, {
          status: cancelled ? 'cancelled' : 'failed',
          error: error instanceof Error ? error.message : String(error),
        })
        .catch(() => undefined);
      await this.finishProgress(context, cancelled ? 'cancelled' : 'failed').catch(() => undefined);
      const reply = cancelled ? botText(`Job ${job.id} was cancelled.`) : errorReply(error, this.log);
      await this.poster
        .post(conversation, {
          ...reply,
          ephemeral: false,
          idempotencyKey: `job:${job.id}:${cancelled ? 'cancelled' : 'error'}`,
        })
        .catch(() => undefined);
    }
  }

  private async finishProgress(context: JobContext, outcome: string): Promise<void> {
    const progress = (await this.jobs.getJob(context.job.tenantId, context.job.id))?.progress;
    const counts = progress && progress.total ? `${progress.done}/${progress.total} ` : '';
    const text = `${progress?.message ?? context.job.kind} — ${counts}${outcome}`.replace(
      / — (\d+\/\d+ )?(done|cancelled|failed) — /,
      ' — ',
    );
    await this.poster.post(context.conversation, {
      kind: 'progress',
      progressKey: `job:${context.job.id}:progress`,
      text,
      done: progress?.done,
      total: progress?.total,
      finished: true,
      speaker: { kind: 'bot' },
    });
  }

  private context(job: JobRecord, conversation: Conversation, signal: AbortSignal, resumed: boolean): JobContext {
    const poster = this.poster;
    const jobs = this.jobs;
    return {
      job,
      conversation,
      signal,
      resumed,
      post: (key: string, reply: Reply, target?: Conversation) =>
        poster.post(target ?? conversation, { ...reply, idempotencyKey: `job:${job.id}:${key}` }),
      async recordResult(result: Record<string, unknown>) {
        await jobs.updateJob(job.tenantId, job.id, { result });
      },
      async progress(done: number, total: number, message: string) {
        await jobs.updateJob(job.tenantId, job.id, { progress: { done, total, message } });
        const counts = total ? ` — ${done}/${total}` : '';
        await poster.post(conversation, {
          kind: 'progress',
          progressKey: `job:${job.id}:progress`,
          text: `${message}${counts}`,
          done,
          total,
          speaker: { kind: 'bot' },
        });
      },
    };
  }
}
