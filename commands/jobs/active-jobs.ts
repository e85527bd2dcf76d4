import { CancelledError, UserInputError } from '../../engine/errors.js';
import type { JobRecord } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';

/** A job this process holds: queued behind its lane or tenant limit, or executing. */
export interface ActiveJob {
  job: JobRecord;
  controller: AbortController;
  done: Promise<void>;
  /** True once the job left the queues and is executing. */
  running: boolean;
}

/**
 * The jobs this process holds, whichever path started them (in-process or delivered by a queue): what
 * `/usage`, `/cancel`, shutdown and `whenIdle` look at.
 *
 * @example
 *   active.add({ job, controller, done, running: true });
 *   await active.whenIdle();
 */
export class ActiveJobs {
  private readonly entries = new Map<string, ActiveJob>();

  get size(): number {
    return this.entries.size;
  }

  add(entry: ActiveJob): void {
    this.entries.set(entry.job.id, entry);
  }

  remove(jobId: string): void {
    this.entries.delete(jobId);
  }

  get(jobId: string): ActiveJob | undefined {
    return this.entries.get(jobId);
  }

  has(jobId: string): boolean {
    return this.entries.has(jobId);
  }

  all(): ActiveJob[] {
    return [...this.entries.values()];
  }

  ofTenant(tenantId: string): ActiveJob[] {
    return this.all().filter((entry) => entry.job.tenantId === tenantId);
  }

  async whenIdle(): Promise<void> {
    while (this.entries.size) await Promise.allSettled(this.all().map((entry) => entry.done));
  }

  /** Aborts every job with `reason` (`shutting down` hands them back rather than failing them). */
  abortAll(reason: string): void {
    for (const entry of this.entries.values()) entry.controller.abort(new CancelledError(reason));
  }
}

/** Whether a job was recorded for this tenant's channel. */
export function inChannel(
  job: Pick<JobRecord, 'tenantId' | 'conversation'>,
  where: Pick<Conversation, 'tenantId' | 'channelKey'>,
): boolean {
  return job.tenantId === where.tenantId && (job.conversation as Partial<Conversation>).channelKey === where.channelKey;
}

/** `/cancel` found nothing to cancel: the error names the jobs that could be. */
export function jobNotFound(jobId: string | undefined, openIds: string[]): UserInputError {
  return new UserInputError(
    'job.not-found',
    jobId
      ? `No running job "${jobId}".${openIds.length ? ` Running: ${openIds.join(', ')}.` : ' Nothing is running.'}`
      : 'Nothing is running in this channel.',
    openIds.length ? `/cancel ${openIds[0]}` : '/cancel',
  );
}
