import type { SessionJobDeps } from '../session/session-job-deps.js';
import { z } from 'zod';
import { UserInputError } from '../../engine/errors.js';
import type { Store, WorldRecord } from '../../engine/store/ports.js';
import type { WorldForkRecord } from '../../engine/store/fork-rows.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import type { Conversation } from '../reply.js';
import { botText } from '../replies.js';
import { askJob } from '../session/ask-job.js';
import { lastThreadKey } from '../session/thread-posts.js';
import { worldOf } from '../session/world-routing.js';
import { type ForkPoint, resolveForkPoint } from './fork-point.js';

export const ForkInput = z.object({
  stimulus: z.string().min(1),
  from: z.union([z.number().int().min(0), z.literal('now')]).optional(),
  /** The thread the fork was asked for in (absent at the channel root: fork the channel's world now). */
  parentThreadKey: z.string().optional(),
});
export type ForkInput = z.infer<typeof ForkInput>;

/** A fork made and its thread opened (before any persona speaks there). */
export interface OpenedFork {
  fork: WorldForkRecord;
  thread: Conversation & { threadKey: string };
  point: ForkPoint;
}

/** The opening question of a thread (its first facilitator TALK), for the fork's header. */
async function threadQuestion(store: Store, tenantId: string, world: WorldRecord, threadKey?: string) {
  if (!threadKey) return undefined;
  const [first] = await store.listEvents(tenantId, world.id, { threadKey, limit: 5 });
  return first?.agent === 'facilitator' ? first.content : undefined;
}

/**
 * Forks the conversation's world (the channel's, or a fork thread's own) at the requested point and
 * opens the fork's thread with a header naming its parent and what changed. Idempotent per `key`
 * (the job id, plus an arm suffix for experiments), so a resumed job finds its fork and header.
 */
export async function openFork(
  context: JobContext,
  store: Store,
  request: {
    key: string;
    stimulus: string;
    from: ForkInput['from'];
    parentThreadKey?: string;
    label?: string;
    personaIds?: string[];
    panelName: string;
  },
): Promise<OpenedFork> {
  const { tenantId, channelKey } = context.conversation;
  const parent = await worldOf(store, { tenantId, channelKey, threadKey: request.parentThreadKey });
  if (!parent)
    throw new UserInputError('panel.not-seated', 'No panel is seated in this channel.', '/panel seat us-parents');
  const point = resolveForkPoint(
    await store.listCheckpoints(tenantId, parent.id),
    request.parentThreadKey,
    request.from,
  );
  const fork = await store.forkWorld(tenantId, {
    key: request.key,
    parentWorldId: parent.id,
    channelKey,
    parentThreadKey: request.parentThreadKey,
    checkpoint: point.checkpoint,
    stimulus: request.stimulus,
    label: request.label,
    personaIds: request.personaIds,
  });
  const question = await threadQuestion(store, tenantId, parent, request.parentThreadKey);
  const arm = request.label ? `Arm ${request.label}: ` : '';
  const title = `🍴 ${arm}${request.stimulus}`;
  const lineage = [
    question ? `Fork of the thread “${question.slice(0, 200)}”` : 'Fork of this channel’s conversation',
    point.description,
    `changed: “${request.stimulus.slice(0, 200)}”`,
  ].join(' — ');
  const text = `${title}\n${lineage}. The parent thread is unchanged; what is said here stays in this fork.`;
  const outcome = await context.post(
    `fork:${request.key}:header`,
    botText(text, {
      placement: 'channel',
      opensThread: true,
      blocks: [
        { kind: 'section', text: title },
        { kind: 'context', text: `${lineage}. The parent thread is unchanged. Panel ${request.panelName}` },
      ],
    }),
  );
  const threadKey = outcome.threadKey ?? outcome.messageId;
  if (!threadKey)
    throw new UserInputError('fork.no-thread', 'The fork’s thread could not be opened; try again.', '/fork "…"');
  await store.setForkThread(tenantId, fork.worldId, threadKey);
  await store.setValue(tenantId, lastThreadKey(channelKey), threadKey);
  return { fork: { ...fork, threadKey }, thread: { ...context.conversation, threadKey }, point };
}

/**
 * `/fork "<changed stimulus>" [--from <step>|now]`: a new thread whose world is a copy of this
 * thread's world at the fork point (same personas, the same memories up to there), then the changed
 * stimulus put to the panel there. The parent's memories are never changed.
 */
export function forkJob(deps: SessionJobDeps): JobKind<ForkInput> {
  const ask = askJob(deps);
  return {
    kind: 'fork',
    input: ForkInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Forking: ${input.stimulus}`,
    async run(context: JobContext, input: ForkInput) {
      if (context.job.result?.committed) return context.job.result;
      const { tenantId } = context.conversation;
      const parent = await worldOf(deps.store, { ...context.conversation, threadKey: input.parentThreadKey });
      const panel = parent && (await deps.store.getPanelById(tenantId, parent.panelId));
      const opened = await openFork(context, deps.store, {
        key: context.job.id,
        stimulus: input.stimulus,
        from: input.from,
        parentThreadKey: input.parentThreadKey,
        panelName: panel?.name ?? 'panel',
      });
      const result = await ask.run(
        { ...context, conversation: opened.thread },
        { question: input.stimulus, threadKey: opened.thread.threadKey },
      );
      const outcome = {
        ...result,
        committed: true,
        forkWorldId: opened.fork.worldId,
        threadKey: opened.thread.threadKey,
        parentThreadKey: input.parentThreadKey,
        checkpoint: opened.point.checkpoint ?? null,
      };
      await context.recordResult(outcome);
      if (input.parentThreadKey)
        await context.post(
          'fork-note',
          botText(
            `Forked into a new thread (${opened.point.description}): “${input.stimulus}”. Compare with /diff there.`,
          ),
          { ...context.conversation, threadKey: input.parentThreadKey },
        );
      return outcome;
    },
  };
}
