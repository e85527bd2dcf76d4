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
  const bytes = await tinyTroupeZip(personas.map((persona) => ({ spec: persona.spec, state: persona.state })));
  return {
    kind: 'file',
    filename: `${panel.name}.tinytroupe.zip`,
    mimeType: 'application/zip',
    bytes,
    title: `Panel "${panel.name}" as TinyTroupe agent files (${personas.length} synthetic personas)`,
  };
}
