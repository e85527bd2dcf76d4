import { createHash } from 'node:crypto';
import type { JobRecord, JobStatus, JobStore, KeyValueStore } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { EXPIRY } from './expiry.js';
import type { JobQueue } from './job-queue.js';

/** How long the same command from the same person in the same channel counts as a double submit. */
export const DOUBLE_SUBMIT_MS = 5_000;

/** Ends after which the same command typed again within the window is a new submission, not a double. */
const RETYPABLE: ReadonlySet<JobStatus> = new Set(['cancelled', 'failed']);

/** What `DoubleSubmits.once` did: started the work, or found the job of the same submission. */
export type Submission = { job: JobRecord; duplicate: boolean };

/**
 * Double-submit dedupe kept in the store: the same command text from the same person in the same
 * channel (and thread) within `DOUBLE_SUBMIT_MS` runs once. The submission is claimed as a
 * short-lived key-value row (`submit:<hash>`, expiring with the other short-lived rows), so a repeat
 * is caught after a restart and by another worker too; a repeat racing the first in this process
 * shares its promise.
 *
 * @example
 *   const { job, duplicate } = await submits.once(conversation, '/panel ask "Why?"', () => jobs.createJob(…));
 */
export class DoubleSubmits {
  private readonly inFlight = new Map<string, Promise<Submission>>();

  /**
   * @param cancels with a queue, where a cancel was asked for a job that has not ended yet (a job waiting in
   *   its lane stays `queued` until a worker takes it): typed again, that one is meant too.
   */
  constructor(
    private readonly store: KeyValueStore & Pick<JobStore, 'getJob'>,
    private readonly now: () => number = Date.now,
    private readonly cancels?: Pick<JobQueue, 'cancelRequested'>,
  ) {}

  /** The key a submission is claimed under. */
  static keyOf(conversation: Conversation, commandText: string): string {
    const identity = [conversation.channelKey, conversation.threadKey ?? '', conversation.userId, commandText];
    return `${EXPIRY.submits.prefix}${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
  }

  /** Runs `create` unless the same submission was claimed within the window; then returns its job. */
  once(conversation: Conversation, commandText: string, create: () => Promise<JobRecord>): Promise<Submission> {
    const key = `${conversation.tenantId}|${DoubleSubmits.keyOf(conversation, commandText)}`;
    const running = this.inFlight.get(key);
    if (running) return running.then(({ job }) => ({ job, duplicate: true }));
    const submission = this.claim(conversation, commandText, create);
    this.inFlight.set(key, submission);
    void submission.catch(() => undefined).finally(() => this.inFlight.delete(key));
    return submission;
  }

  private async claim(
    conversation: Conversation,
    commandText: string,
    create: () => Promise<JobRecord>,
  ): Promise<Submission> {
    const { tenantId } = conversation;
    const key = DoubleSubmits.keyOf(conversation, commandText);
    const since = new Date(this.now() - DOUBLE_SUBMIT_MS);
    const earlier = (await this.store.claimValue(tenantId, key, { at: this.now() }, since)) as
      | { jobId?: string }
      | undefined;
    if (earlier) {
      const job = earlier.jobId ? await this.store.getJob(tenantId, earlier.jobId) : undefined;
      // Claimed but its job not recorded yet (another worker is creating it), gone, or ended by the
      // person (cancelled, or asked to be) or by a failure: typed again, it is meant, so run this one.
      const cancelAsked = job && (await this.cancels?.cancelRequested({ tenantId, jobId: job.id }));
      if (job && !RETYPABLE.has(job.status) && !cancelAsked) return { job, duplicate: true };
    }
    let job: JobRecord;
    try {
      job = await create();
    } catch (error) {
      await this.store.deleteValue(tenantId, key).catch(() => undefined);
      throw error;
    }
    await this.store.setValue(tenantId, key, { at: this.now(), jobId: job.id });
    return { job, duplicate: false };
  }
}
