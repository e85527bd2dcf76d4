import { UserInputError } from '../../engine/errors.js';
import type { PollExport } from '../../engine/extraction/export/index.js';
import type { PanelRecord, PersonaRecord, Store, WorldRecord } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { seatedPersonas, worldOf } from '../session/world-routing.js';

/** The panel seated in a conversation's channel, its personas and the world record (a fork thread's own world). */
export async function channelPanel(
  store: Store,
  conversation: Conversation,
  threadKey = conversation.threadKey,
): Promise<{ panel: PanelRecord; personas: PersonaRecord[]; world: WorldRecord }> {
  const world = await worldOf(store, { ...conversation, threadKey });
  const panel = world && (await store.getPanelById(conversation.tenantId, world.panelId));
  if (!world || !panel)
    throw new UserInputError('panel.not-seated', 'No panel is seated in this channel.', '/panel seat us-parents');
  return { panel, personas: await seatedPersonas(store, conversation.tenantId, world, panel.id), world };
}

/**
 * Poll results kept per channel and thread so `/export` can include them. Stored in the
 * KeyValueStore as plain JSON.
 */
export function savedPolls(store: Store, conversation: Conversation) {
  const key = (threadKey?: string) => `polls:${conversation.channelKey}:${threadKey ?? '*'}`;
  return {
    /** Adds a poll; a job saving its poll again (resumed after a crash) replaces its own entry. */
    async add(threadKey: string | undefined, poll: PollExport, jobId?: string): Promise<void> {
      const existing =
        ((await store.getValue(conversation.tenantId, key(threadKey))) as
          | (PollExport & { jobId?: string })[]
          | undefined) ?? [];
      const others = jobId ? existing.filter((entry) => entry.jobId !== jobId) : existing;
      await store.setValue(conversation.tenantId, key(threadKey), [
        ...others,
        { ...poll, ...(jobId ? { jobId } : {}) },
      ]);
    },
    async list(threadKey: string | undefined, all: boolean): Promise<PollExport[]> {
      if (!all)
        return ((await store.getValue(conversation.tenantId, key(threadKey))) as PollExport[] | undefined) ?? [];
      const index =
        ((await store.getValue(conversation.tenantId, `polls:${conversation.channelKey}:index`)) as
          | string[]
          | undefined) ?? [];
      const lists = await Promise.all(
        [undefined, ...index].map(
          async (thread) =>
            ((await store.getValue(conversation.tenantId, key(thread))) as PollExport[] | undefined) ?? [],
        ),
      );
      return lists.flat();
    },
    async remember(threadKey: string | undefined): Promise<void> {
      if (!threadKey) return;
      const indexKey = `polls:${conversation.channelKey}:index`;
      const index = ((await store.getValue(conversation.tenantId, indexKey)) as string[] | undefined) ?? [];
      if (!index.includes(threadKey)) await store.setValue(conversation.tenantId, indexKey, [...index, threadKey]);
    },
  };
}
