import type { PersonaRecord, Store, WorldRecord } from '../../engine/store/ports.js';

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

/** The personas taking part in a world: the whole panel, or only an experiment arm's members in an arm's fork. */
export async function seatedPersonas(
  store: Store,
  tenantId: string,
  world: WorldRecord,
  panelId: string,
): Promise<PersonaRecord[]> {
  const [personas, fork] = await Promise.all([
    store.listPersonas(tenantId, panelId),
    store.getFork(tenantId, world.id),
  ]);
  const members = fork?.personaIds && new Set(fork.personaIds);
  return members ? personas.filter((persona) => members.has(persona.id)) : personas;
}
