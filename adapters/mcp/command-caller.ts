import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../commands/reply.js';
import type { CommandService } from '../../commands/service.js';
import type { JobRecord, JobStore } from '../../engine/store/ports.js';
import type { UploadedFile } from '../../personas/uploads.js';
import type { DeliveredReply, McpSink } from './mcp-sink.js';

/** One command a tool runs: where (the panel's channel, a thread in it) and the command line, as a person would type it. */
export interface CommandCall {
  channelKey: string;
  threadKey?: string;
  /** The command line (`/poll yesno "Would you pay?"`) or a plain message (a follow-up). */
  text: string;
  /** The persona a plain message in a thread is addressed to. */
  addressedPersona?: string;
  files?: readonly UploadedFile[];
  /** User ids of earlier calls whose job this call takes over (`/confirm` starts the job in their conversation). */
  takesOver?: readonly string[];
}

/** How a command ended, with everything it posted. */
export interface CommandRun {
  ok: boolean;
  replies: DeliveredReply[];
  /** The job's final record when the command ran as a job. */
  job?: JobRecord;
  /** Set when the command waits for `/confirm <id>` (estimated above the cost threshold). */
  confirmId?: string;
  cancelled?: boolean;
}

/** Progress of the job behind a tool call. */
export type ProgressHandler = (done: number, total: number, message: string) => void;

/** Jobs end in one of these (`queued` and `running` are still going). */
const ENDED = new Set(['succeeded', 'partial', 'failed', 'cancelled', 'interrupted']);

/** How long to wait for a failed or cancelled job's own explanation after its last progress edit. */
const EXPLANATION_WAIT_MS = 2000;

/**
 * Runs a command for one tool call through the same CommandService as the chats, and — when it
 * starts a job — waits for the job to end, reporting its progress and cancelling it (`/cancel <job>`)
 * when the call is cancelled. Never a second implementation: what a tool does is what the command does.
 *
 * @example
 *   const run = await caller.run('mcp:local', { channelKey: 'mcp:us-parents', text: '/panel ask "Why?"' }, { signal });
 */
export class CommandCaller {
  private readonly closing = new AbortController();

  constructor(private readonly deps: { service: CommandService; sink: McpSink; jobs: JobStore }) {}

  async run(
    tenantId: string,
    call: CommandCall,
    options: { signal?: AbortSignal; onProgress?: ProgressHandler } = {},
  ): Promise<CommandRun> {
    const callId = `mcp-call:${randomUUID()}`;
    const conversation: Conversation = {
      tenantId,
      channelKey: call.channelKey,
      userId: callId,
      ...(call.threadKey ? { threadKey: call.threadKey } : {}),
      ...(call.addressedPersona ? { addressedPersona: call.addressedPersona } : {}),
    };
    const finished = new Set<string>();
    let wake: () => void = () => undefined;
    const listener = this.deps.sink.listen(
      callId,
      {
        progress: (reply) => {
          const jobId = /^job:(.+):progress$/.exec(reply.progressKey)?.[1];
          if (jobId && reply.finished) finished.add(jobId);
          else options.onProgress?.(reply.done ?? 0, reply.total ?? 0, reply.text);
          wake();
        },
        delivered: () => wake(),
      },
      call.takesOver,
    );
    const changed = () =>
      new Promise<void>((resolve) => {
        wake = resolve;
      });
    try {
      const outcome = await this.deps.service.handle(conversation, call.text, call.files ?? []);
      if (!outcome.jobId)
        return { ok: outcome.ok && !outcome.confirmId, replies: listener.replies, confirmId: outcome.confirmId };
      const jobId = outcome.jobId;
      let cancelled = false;
      const cancel = () => {
        if (cancelled) return;
        cancelled = true;
        void this.deps.service.handle(conversation, `/cancel ${jobId}`).catch(() => undefined);
      };
      if (options.signal?.aborted) cancel();
      options.signal?.addEventListener('abort', cancel, { once: true });
      let stop: () => void = () => undefined;
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      this.closing.signal.addEventListener('abort', stop, { once: true });
      while (!finished.has(jobId) && !this.closing.signal.aborted) await Promise.race([changed(), stopped]);
      this.closing.signal.removeEventListener('abort', stop);
      options.signal?.removeEventListener('abort', cancel);
      const job = await this.deps.jobs.getJob(tenantId, jobId);
      if (job && (job.status === 'failed' || job.status === 'cancelled'))
        await this.explanation(listener.replies, jobId, changed);
      const ended = job && ENDED.has(job.status) ? job : undefined;
      const ok = ended?.status === 'succeeded' || ended?.status === 'partial';
      return { ok, replies: listener.replies, job: ended ?? job, ...(cancelled ? { cancelled } : {}) };
    } finally {
      this.deps.sink.release(callId, call.takesOver);
    }
  }

  /** Stops waiting for jobs (shutdown): calls still waiting return with the job as it stands. */
  close(): void {
    this.closing.abort();
  }

  /** Waits briefly for the reply a failed or cancelled job posts after its last progress edit. */
  private async explanation(replies: DeliveredReply[], jobId: string, changed: () => Promise<void>): Promise<void> {
    const keys = [`job:${jobId}:error`, `job:${jobId}:cancelled`];
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, EXPLANATION_WAIT_MS).unref());
    let timedOut = false;
    void deadline.then(() => {
      timedOut = true;
    });
    while (!timedOut && !replies.some((entry) => keys.includes(entry.reply.idempotencyKey ?? '')))
      await Promise.race([changed(), deadline]);
  }
}
