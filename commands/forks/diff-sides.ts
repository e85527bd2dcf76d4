import { UserInputError } from '../../engine/errors.js';
import type { Store, WorldRecord } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { worldOf } from '../session/world-routing.js';

/** One side of a diff: a thread in its own world (a fork's, or the channel's). */
export interface DiffSide {
  label: string;
  world: WorldRecord;
  /** Undefined: the channel's conversation outside threads (a fork made at the channel root). */
  threadKey?: string;
}

/**
 * The two sides `/diff` compares: two named threads, or — with one thread — a fork and its parent
 * (typed in the parent thread: its latest fork).
 */
export async function diffSides(
  store: Store,
  conversation: Conversation,
  threads: readonly string[],
): Promise<[DiffSide, DiffSide]> {
  const { tenantId, channelKey } = conversation;
  if (threads.length === 2) {
    const sides = await Promise.all(
      threads.map(async (threadKey, index) => {
        const world = await worldOf(store, { tenantId, channelKey, threadKey });
        if (!world)
          throw new UserInputError('panel.not-seated', 'No panel is seated in this channel.', '/panel seat us-parents');
        const fork = await store.getForkByThread(tenantId, channelKey, threadKey);
        return { label: `${index ? 'B' : 'A'}${fork ? ' (fork)' : ''}`, world, threadKey };
      }),
    );
    return [sides[0], sides[1]];
  }
  const [threadKey] = threads;
  let fork = await store.getForkByThread(tenantId, channelKey, threadKey);
  if (!fork) {
    const here = await worldOf(store, { tenantId, channelKey, threadKey });
    const children = here ? await store.listForks(tenantId, here.id) : [];
    fork = children.filter((child) => child.parentThreadKey === threadKey && child.threadKey).at(-1);
  }
  if (!fork?.threadKey)
    throw new UserInputError(
      'diff.not-fork',
      'This thread is not a fork and has no fork: /fork it first, or name two threads to compare.',
      '/fork "Would you buy it at $12?"',
    );
  const parent = await store.getWorldById(tenantId, fork.parentWorldId);
  const own = await store.getWorldById(tenantId, fork.worldId);
  if (!parent || !own)
    throw new UserInputError('diff.gone', 'The fork’s parent world no longer exists.', '/panel list');
  return [
    { label: 'parent', world: parent, threadKey: fork.parentThreadKey },
    { label: `fork (“${fork.stimulus.slice(0, 60)}”)`, world: own, threadKey: fork.threadKey },
  ];
}
