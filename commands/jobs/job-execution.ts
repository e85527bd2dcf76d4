import { CancelledError } from '../../engine/errors.js';
import type { JobRecord, JobStore } from '../../engine/store/ports.js';
import type { Log } from '../log.js';
import { botText, errorReply } from '../replies.js';
import { finishProgress } from './job-context.js';
import type { JobContext, JobHooks, JobKind } from './job-types.js';
import type { IdempotentPoster } from './poster.js';

/** The abort reason of a process stopping: the job is handed back (resumed later), not failed. */
export const SHUTTING_DOWN = 'shutting down';

/** Whether a job was aborted because its process is stopping. */
export function isShutdown(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as Error | undefined)?.message === SHUTTING_DOWN;
}

/**
 * Runs an admitted job to its end, whichever path admitted it (in-process lanes or a queue delivery):
 * marks it running, runs its kind, records the outcome, closes the progress message, and tells the
 * conversation about a failure or a cancellation. A job aborted by shutdown is left as it is.
 * `execute` answers whether the job's end is in the store: false when its final status write failed
 * (a database blip), so its row is still open.
 *
 * @example
 *   const recorded = await execution.execute(kind, job, input, context, controller);
 */
export class JobExecution {
  constructor(
    private readonly jobs: JobStore,
    private readonly poster: IdempotentPoster,
    private readonly hooks: JobHooks,
    private readonly log: Log,
  ) {}

  async execute(
    kind: JobKind,
    job: JobRecord,
    input: unknown,
    context: JobContext,
    controller: AbortController,
  ): Promise<boolean> {
    const { conversation } = context;
    const ended = this.hooks.started?.(job, context);
    try {
      if (controller.signal.aborted) throw controller.signal.reason ?? new CancelledError();
      await this.jobs.updateJob(job.tenantId, job.id, { status: 'running' });
      const result = await kind.run(context, input);
      // A kind reports work that only partly succeeded (or failed without throwing) in `result.status`.
      const status = result?.status === 'partial' || result?.status === 'failed' ? result.status : 'succeeded';
      const finished = await this.jobs.updateJob(job.tenantId, job.id, { status, result: result ?? {} });
      await finishProgress(
        this.poster,
        this.jobs,
        context,
        status === 'succeeded' ? 'done' : status === 'partial' ? 'partly done' : 'failed',
        finished,
      );
      return true;
    } catch (error) {
      if (isShutdown(controller.signal)) return true;
      const cancelled = error instanceof CancelledError || controller.signal.aborted;
      const recorded = await this.jobs
        .updateJob(job.tenantId, job.id, {
          status: cancelled ? 'cancelled' : 'failed',
          error: error instanceof Error ? error.message : String(error),
        })
        .then(
          () => true,
          () => false,
        );
      await finishProgress(this.poster, this.jobs, context, cancelled ? 'cancelled' : 'failed').catch(() => undefined);
      const reply = cancelled ? botText(`Job ${job.id} was cancelled.`) : errorReply(error, this.log);
      await this.poster
        .post(conversation, {
          ...reply,
          ephemeral: false,
          idempotencyKey: `job:${job.id}:${cancelled ? 'cancelled' : 'error'}`,
        })
        .catch(() => undefined);
      return recorded;
    } finally {
      ended?.();
    }
  }

  /** Fails a job whose conversation cannot be posted in (the bot left the channel, it was archived…). */
  async markUnreachable(job: JobRecord, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await this.jobs
      .updateJob(job.tenantId, job.id, { status: 'failed', error: `could not post in the conversation: ${reason}` })
      .catch(() => undefined);
  }
}
