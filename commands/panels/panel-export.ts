import { joinAgentState } from '../../engine/agent/state-rows.js';
import type { Store } from '../../engine/store/ports.js';
import { tinyTroupeZip } from '../../personas/index.js';
import type { Conversation, Reply } from '../reply.js';
import { requirePanel, seatedPanel } from './panel-lookup.js';

/**
 * `/panel export tinytroupe` (or `/export tinytroupe`): the panel as a zip of TinyTroupe agent files,
 * one `.agent.json` per persona with its memories, ready for a TinyTroupe notebook or for
 * `/panel add` in another workspace.
 *
 * @example
 *   await exportTinyTroupe(store, conversation); // { kind: 'file', filename: 'us-parents.tinytroupe.zip', … }
 */
export async function exportTinyTroupe(store: Store, conversation: Conversation, panelName?: string): Promise<Reply> {
  const panel = panelName
    ? await requirePanel(store, conversation.tenantId, panelName)
    : await seatedPanel(store, conversation, '/panel export tinytroupe --panel us-parents');
  const personas = await store.listPersonas(conversation.tenantId, panel.id);
  // Memory belongs to a (persona, world) pair: the export carries what the personas remember in this channel.
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const memories =
    world?.panelId === panel.id
      ? new Map(
          (
            await store.loadMemories(conversation.tenantId, world.id, { prefix: 0, recent: 100_000, semantic: 100_000 })
          ).map((memory) => [memory.personaId, memory]),
        )
      : new Map();
  const bytes = await tinyTroupeZip(
    personas.map((persona) => {
      const memory = memories.get(persona.id);
      return { spec: persona.spec, state: memory ? joinAgentState(persona.spec, memory) : persona.state };
    }),
  );
  return {
    kind: 'file',
    filename: `${panel.name}.tinytroupe.zip`,
    mimeType: 'application/zip',
    bytes,
    title: `Panel "${panel.name}" as TinyTroupe agent files (${personas.length} synthetic personas)`,
  };
}
