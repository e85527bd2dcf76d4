import type { z } from 'zod';
import type { JobRecord } from '../../engine/store/ports.js';
import type { Conversation, Reply } from '../reply.js';
import type { PostOutcome } from './poster.js';

/**
 * What a running job can do: post keyed replies (never twice), report progress on its one
 * progress message, and notice cancellation through `signal`.
 */
export interface JobContext {
  readonly job: JobRecord;
  readonly conversation: Conversation;
  readonly signal: AbortSignal;
  /** True when this run resumes a job interrupted by a restart. */
  readonly resumed: boolean;
  /** Posts a reply; the key is made job-scoped (`job:<id>:<key>`), so a replay skips what was posted. */
  post(key: string, reply: Reply, conversation?: Conversation): Promise<PostOutcome>;
  /** Updates the job record and edits the progress message ("12/20 personas ready"). */
  progress(done: number, total: number, message: string): Promise<void>;
  /** Adds a passing note to the progress message without recording it ("rate limited by the provider, retrying in 20 s"). */
  annotate?(note: string): Promise<void>;
  /** Saves a partial result on the job record (e.g. a `committed` marker a resumed run checks first). */
  recordResult(result: Record<string, unknown>): Promise<void>;
}

/**
 * One kind of job (panel creation, ask, poll, brainstorm, summary). The input is plain JSON kept in
 * the JobStore and re-validated with `input` when a job is resumed after a restart.
 *
 * @example
 *   const kind: JobKind<{ question: string }> = { kind: 'panel.ask', input: z.object({ question: z.string() }), resumable: true,
 *     lane: (input, conversation) => conversation.channelKey, run: async (context, input) => ({}) };
 */
export interface JobKind<I = unknown> {
  readonly kind: string;
  readonly input: z.ZodType<I>;
  /** Replays safely after a restart (keys make posts idempotent); otherwise reported as interrupted. */
  readonly resumable: boolean;
  /** Jobs with the same lane run one after another (e.g. everything touching one channel's world). */
  lane?(input: I, conversation: Conversation): string | undefined;
  /** The first text of the progress message (the acknowledgement). */
  describe(input: I): string;
  run(context: JobContext, input: I): Promise<Record<string, unknown> | undefined>;
}

/** Small hooks around every job (budget reservations, retry notes); all optional. */
export interface JobHooks {
  /** When the job starts running; the function returned runs when it ends, however it ends. */
  started?(job: JobRecord, context: JobContext): () => void;
  /** At every step boundary (each progress report); throwing stops the job there with that error. */
  checkpoint?(job: JobRecord): Promise<void>;
}
