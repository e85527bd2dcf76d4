import type { Store, WorldRecord } from '../../engine/store/ports.js';

/**
 * The world a conversation acts on. A channel is the world of the panel seated there, and every
 * thread of it shares that world, except a fork's thread: `/fork` gives its thread a world of its
 * own (same panel, the parent's memories up to the fork point), so whatever is said there stays in
 * the fork. Forks are found by (channel, thread); anything else falls back to the channel's world.
 *
 * @example
 *   const world = await worldOf(store, { tenantId: 'T1', channelKey: 'C1', threadKey: '1700.2' }); // the fork's world
 */
export async function worldOf(
  store: Store,
  where: { tenantId: string; channelKey: string; threadKey?: string },
): Promise<WorldRecord | undefined> {
  if (where.threadKey) {
    const fork = await store.getForkByThread(where.tenantId, where.channelKey, where.threadKey);
    if (fork) return store.getWorldById(where.tenantId, fork.worldId);
  }
  return store.getWorld(where.tenantId, where.channelKey);
}
