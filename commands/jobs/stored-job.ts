import { z } from 'zod';
import type { JobRecord } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import type { JobKind } from './job-types.js';

const ConversationSchema = z.object({
  tenantId: z.string(),
  channelKey: z.string(),
  threadKey: z.string().optional(),
  userId: z.string(),
  addressedPersona: z.string().optional(),
});

/** A stored job read back (after a restart, or delivered to a worker): its kind, conversation and input, if valid. */
export type StoredJob =
  | { ok: true; kind: JobKind; conversation: Conversation; input: unknown }
  | { ok: false; conversation?: Conversation };

/**
 * Re-validates a job record against the kinds this process knows: a job whose kind is unknown, or whose
 * input or conversation no longer parses, cannot run (its conversation is still returned when it parses,
 * so the thread can be told).
 *
 * @example
 *   const stored = readStoredJob(kinds, job);
 *   if (stored.ok) await stored.kind.run(context, stored.input);
 */
export function readStoredJob(kinds: Map<string, JobKind>, job: JobRecord): StoredJob {
  const kind = kinds.get(job.kind);
  const conversation = ConversationSchema.safeParse(job.conversation);
  const input = kind?.input.safeParse(job.input);
  if (!kind || !conversation.success || !input?.success)
    return { ok: false, conversation: conversation.success ? conversation.data : undefined };
  return { ok: true, kind, conversation: conversation.data, input: input.data };
}
