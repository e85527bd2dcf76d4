import type { JobRecord, JobStore } from '../../engine/store/ports.js';
import type { Conversation, Reply } from '../reply.js';
import type { JobContext, JobHooks } from './job-types.js';
import type { IdempotentPoster } from './poster.js';

/** What a running job's context is built from. */
export interface JobContextSource {
  job: JobRecord;
  conversation: Conversation;
  signal: AbortSignal;
  resumed: boolean;
  poster: IdempotentPoster;
  jobs: JobStore;
  hooks: JobHooks;
}

/**
 * The context a job kind runs with: keyed posting, progress shown in one edited message (and
 * stored with the job), passing notes on that message, and the result record.
 *
 * @example
 *   const context = jobContext({ job, conversation, signal, resumed: false, poster, jobs, hooks: {} });
 *   await context.progress(1, 5, 'Asking 5 personas');
 */
export function jobContext(source: JobContextSource): JobContext {
  const { job, conversation, signal, resumed, poster, jobs, hooks } = source;
  let shown = { done: 0, total: 0, message: '' };
  const show = (text: string) =>
    poster.post(conversation, {
      kind: 'progress',
      progressKey: `job:${job.id}:progress`,
      text,
      done: shown.done,
      total: shown.total,
      speaker: { kind: 'bot' },
    });
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
      if (done > 0) await hooks.checkpoint?.(job);
      await jobs.updateJob(job.tenantId, job.id, { progress: { done, total, message } });
      shown = { done, total, message };
      await show(`${message}${total ? ` — ${done}/${total}` : ''}`);
    },
    async annotate(note: string) {
      if (!shown.message) return;
      await show(`${shown.message}${shown.total ? ` — ${shown.done}/${shown.total}` : ''} — ${note}`);
    },
  };
}

/**
 * The last edit of a job's progress message: its counts and how it ended (done, failed, cancelled…).
 * `latest` is the job's record as its last update returned it, when the caller has it (saves reading it again).
 */
export async function finishProgress(
  poster: IdempotentPoster,
  jobs: JobStore,
  context: JobContext,
  outcome: string,
  latest?: JobRecord,
): Promise<void> {
  const progress = (latest ?? (await jobs.getJob(context.job.tenantId, context.job.id)))?.progress;
  const counts = progress?.total ? `${progress.done}/${progress.total} ` : '';
  const text = `${progress?.message ?? context.job.kind} — ${counts}${outcome}`.replace(
    / — (\d+\/\d+ )?(done|cancelled|failed) — /,
    ' — ',
  );
  await poster.post(context.conversation, {
    kind: 'progress',
    progressKey: `job:${context.job.id}:progress`,
    text,
    done: progress?.done,
    total: progress?.total,
    finished: true,
    speaker: { kind: 'bot' },
  });
}
